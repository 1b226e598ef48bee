"""Entity dossier, its exports, and the analyst's merge/split decisions (writes)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from starlette.responses import JSONResponse, RedirectResponse, Response

from claimgraph.analysis.curation import merge_entities, split_entity
from claimgraph.exports.from_store import network_from_store
from claimgraph.web.contexts import entity_context
from claimgraph.web.deps import SessionDep, Writer, respond
from claimgraph.web.downloads import check_format, export_download, safe_stem
from claimgraph.web.ingestion import write_lock

router = APIRouter()


@router.get("/entities/{entity_id}", include_in_schema=False)
def entity_page(request: Request, entity_id: str, session: SessionDep, sort: str = "grade",
                show: int = Query(5, ge=1, le=100)) -> Response:
    return respond(request, "entity.html", entity_context(session, entity_id, sort, show))


@router.get("/api/v1/entities/{entity_id}", tags=["entities"])
def entity_api(request: Request, entity_id: str, session: SessionDep, sort: str = "grade") -> Response:
    """The dossier: type, aliases, list references and designating bodies, first and last seen, top relations,
    claims grouped by relation (ordered by `sort`: grade, sources, name or recent), incidents, contradictions."""
    return respond(request, "entity.html", entity_context(session, entity_id, sort), api=True)


@router.get("/entities/{entity_id}/export/{fmt}", tags=["entities"])
def entity_export(entity_id: str, fmt: str, session: SessionDep) -> Response:
    """The entity's one-hop neighbourhood in an export format (several files come as a zip)."""
    check_format(fmt)
    network = network_from_store(session, entity=entity_id, depth=1)
    return export_download(network, fmt, safe_stem(entity_id, "entity"))


class MergeIn(BaseModel):
    a: str
    b: str
    note: str | None = None


class SplitIn(BaseModel):
    doc: str
    note: str | None = None


def _merge(session: SessionDep, a: str, b: str, note: str | None, writer: Writer) -> dict:
    with write_lock:
        result = merge_entities(session, a, b, note, actor=writer)
        session.commit()
    return result.to_json()


def _split(session: SessionDep, entity_id: str, doc: str, note: str | None, writer: Writer) -> dict:
    with write_lock:
        result = split_entity(session, entity_id, doc, note, actor=writer)
        session.commit()
    return result.to_json()


@router.post("/api/v1/entities/merge", tags=["entities"])
def merge_api(body: MergeIn, session: SessionDep, writer: Writer) -> Response:
    """Record that a and b are one actor and re-resolve (needs the token)."""
    return JSONResponse({"ok": True, **_merge(session, body.a, body.b, body.note, writer)})


@router.post("/api/v1/entities/{entity_id}/split", tags=["entities"])
def split_api(entity_id: str, body: SplitIn, session: SessionDep, writer: Writer) -> Response:
    """Record that what document `doc` calls this entity is someone else, and re-resolve (needs the token)."""
    return JSONResponse({"ok": True, **_split(session, entity_id, body.doc, body.note, writer)})


@router.post("/entities/merge", include_in_schema=False)
async def merge_form(request: Request, session: SessionDep, writer: Writer) -> Response:
    form = await request.form()
    result = _merge(session, str(form.get("a", "")), str(form.get("b", "")), str(form.get("note") or "") or None,
                    writer)
    return RedirectResponse(f"/entities/{result.get('entity_id') or result.get('id') or ''}", status_code=303)


@router.post("/entities/{entity_id}/split", include_in_schema=False)
async def split_form(request: Request, entity_id: str, session: SessionDep, writer: Writer) -> Response:
    form = await request.form()
    _split(session, entity_id, str(form.get("doc", "")), str(form.get("note") or "") or None, writer)
    return RedirectResponse(f"/entities/{entity_id}", status_code=303)
