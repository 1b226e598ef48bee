"""Entity curation: merge suggestions (accept or dismiss), an entity's curation panel (its possible duplicates,
one split button per document, undo for the decisions that shaped it), undo, and people's tokens (admin)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.responses import JSONResponse, RedirectResponse, Response

from claimgraph.analysis.curation import dismiss_suggestion, undo_decision
from claimgraph.store.tokens import create_token, revoke_token, token_json
from claimgraph.web.curation_contexts import entity_curation_context, suggestions_context, tokens_context
from claimgraph.web.deps import Admin, AdminViewer, SessionDep, Writer, is_htmx, respond
from claimgraph.web.ingestion import write_lock
from claimgraph.web.routes.auth import _safe_next

router = APIRouter()


class PairIn(BaseModel):
    a: str
    b: str
    note: str | None = None


class TokenIn(BaseModel):
    name: str
    role: str = "analyst"


@router.get("/suggestions", include_in_schema=False)
def suggestions_page(request: Request, session: SessionDep) -> Response:
    return respond(request, "suggestions.html", suggestions_context(session))


@router.get("/api/v1/suggestions", tags=["curation"])
def suggestions_api(request: Request, session: SessionDep) -> Response:
    """Pairs of entities that may be one actor, best first, each with the reasons (names, aliases, list
    references, shared neighbours, types)."""
    return respond(request, "suggestions.html", suggestions_context(session), api=True)


@router.get("/entities/{entity_id}/curation", include_in_schema=False)
def entity_curation_page(request: Request, entity_id: str, session: SessionDep) -> Response:
    template = "_entity_curation.html" if is_htmx(request) else "entity_curation.html"
    return respond(request, template, entity_curation_context(session, entity_id))


@router.get("/api/v1/entities/{entity_id}/curation", tags=["curation"])
def entity_curation_api(request: Request, entity_id: str, session: SessionDep) -> Response:
    """An entity's possible duplicates, the documents naming it (what a split takes out) and the analyst
    decisions that shaped it."""
    return respond(request, "entity_curation.html", entity_curation_context(session, entity_id), api=True)


def _dismiss(session: SessionDep, body: PairIn, writer: Writer) -> dict:
    with write_lock:
        dismissal = dismiss_suggestion(session, body.a, body.b, writer, body.note)
        session.commit()
    return {"dismissal": dismissal, "a": body.a, "b": body.b}


@router.post("/api/v1/suggestions/dismiss", tags=["curation"])
def dismiss_api(body: PairIn, session: SessionDep, writer: Writer) -> Response:
    """Record that a and b are different actors: the pair is no longer suggested (needs a token)."""
    return JSONResponse({"ok": True, **_dismiss(session, body, writer)})


@router.post("/suggestions/dismiss", include_in_schema=False)
async def dismiss_form(request: Request, session: SessionDep, writer: Writer) -> Response:
    form = await request.form()
    _dismiss(session, PairIn(a=str(form.get("a", "")), b=str(form.get("b", ""))), writer)
    return RedirectResponse(_safe_next(str(form.get("next") or "/suggestions")), status_code=303)


def _undo(session: SessionDep, decision_id: int, writer: Writer) -> dict:
    with write_lock:
        result = undo_decision(session, decision_id, actor=writer)
        session.commit()
    return result.to_json()


@router.post("/api/v1/decisions/{decision_id}/undo", tags=["curation"])
def undo_api(decision_id: int, session: SessionDep, writer: Writer) -> Response:
    """Take back an analyst's merge or split and re-resolve (needs a token)."""
    return JSONResponse({"ok": True, **_undo(session, decision_id, writer)})


@router.post("/decisions/{decision_id}/undo", include_in_schema=False)
async def undo_form(request: Request, decision_id: int, session: SessionDep, writer: Writer) -> Response:
    form = await request.form()
    result = _undo(session, decision_id, writer)
    return RedirectResponse(_safe_next(str(form.get("next") or f"/entities/{result['entity_id']}")),
                            status_code=303)


@router.get("/tokens", include_in_schema=False)
def tokens_page(request: Request, session: SessionDep, _admin: AdminViewer) -> Response:
    return respond(request, "tokens.html", tokens_context(session))


@router.get("/api/v1/tokens", tags=["tokens"])
def tokens_api(request: Request, session: SessionDep, _admin: AdminViewer) -> Response:
    """People's tokens: name, role, when made, by whom, revoked (never the token; admin only)."""
    return respond(request, "tokens.html", tokens_context(session), api=True)


def _create(session: SessionDep, body: TokenIn, admin: Admin) -> dict:
    with write_lock:
        row, plain = create_token(session, body.name, body.role, admin)
        session.commit()
        return {**token_json(row), "token": plain}


@router.post("/api/v1/tokens", tags=["tokens"])
def create_token_api(body: TokenIn, session: SessionDep, admin: Admin) -> Response:
    """Make a token for a person (analyst or admin); the answer is the only place it is ever shown."""
    return JSONResponse({"ok": True, **_create(session, body, admin)})


@router.post("/tokens", include_in_schema=False)
async def create_token_form(request: Request, session: SessionDep, admin: Admin) -> Response:
    form = await request.form()
    created = _create(session, TokenIn(name=str(form.get("name", "")), role=str(form.get("role") or "analyst")),
                      admin)
    return respond(request, "tokens.html", tokens_context(session, created))


def _revoke(session: SessionDep, who: str, admin: Admin) -> dict:
    with write_lock:
        data = token_json(revoke_token(session, who, admin))
        session.commit()
    return data


@router.post("/api/v1/tokens/{who}/revoke", tags=["tokens"])
def revoke_token_api(who: str, session: SessionDep, admin: Admin) -> Response:
    """Revoke a person's token (by name or id); their sessions end with it."""
    return JSONResponse({"ok": True, **_revoke(session, who, admin)})


@router.post("/tokens/{who}/revoke", include_in_schema=False)
def revoke_token_form(who: str, session: SessionDep, admin: Admin) -> Response:
    _revoke(session, who, admin)
    return RedirectResponse("/tokens", status_code=303)
