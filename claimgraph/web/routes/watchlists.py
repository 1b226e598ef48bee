"""Watchlists and alerts: create (write), list with unread counts, mark read (write), Atom feed per watchlist."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import select
from starlette.responses import RedirectResponse, Response

from claimgraph.analysis.watch import (
    create_watchlist,
    delete_watchlist,
    get_watchlist,
    list_alerts,
    list_watchlists,
    mark_read,
    unread_count,
)
from claimgraph.store.models import DocumentRow
from claimgraph.store.watch_models import WATCH_KINDS
from claimgraph.web.deps import SessionDep, Writer, respond

router = APIRouter()
ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class WatchlistsContext:
    kinds: tuple[str, ...]
    unread: int
    watchlists: list[dict] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"unread": self.unread, "watchlists": self.watchlists, "alerts": self.alerts}


@dataclass
class WatchlistContext:
    watchlist: dict
    alerts: list[dict]

    def to_json(self) -> dict:
        return {"watchlist": self.watchlist, "alerts": self.alerts}


def _index(session: SessionDep) -> WatchlistsContext:
    return WatchlistsContext(WATCH_KINDS, unread_count(session), [w.to_json() for w in list_watchlists(session)],
                             [a.to_json() for a in list_alerts(session, limit=50)])


def _one(session: SessionDep, watchlist_id: int) -> WatchlistContext:
    return WatchlistContext(get_watchlist(session, watchlist_id).to_json(),
                            [a.to_json() for a in list_alerts(session, watchlist_id)])


@router.get("/watchlists", include_in_schema=False)
def watchlists_page(request: Request, session: SessionDep) -> Response:
    return respond(request, "watchlists.html", _index(session))


@router.get("/api/v1/watchlists", tags=["watchlists"])
def watchlists_api(request: Request, session: SessionDep) -> Response:
    """Every watchlist with its alert and unread counts, and the newest alerts."""
    return respond(request, "watchlists.html", _index(session), api=True)


@router.get("/watchlists/{watchlist_id}", include_in_schema=False)
def watchlist_page(request: Request, watchlist_id: int, session: SessionDep) -> Response:
    return respond(request, "watchlist.html", _one(session, watchlist_id))


@router.get("/api/v1/watchlists/{watchlist_id}", tags=["watchlists"])
def watchlist_api(request: Request, watchlist_id: int, session: SessionDep) -> Response:
    return respond(request, "watchlist.html", _one(session, watchlist_id), api=True)


class WatchIn(BaseModel):
    kind: Literal["entity", "pair", "phrase"]
    a: str
    b: str | None = None
    name: str | None = None


@router.post("/api/v1/watchlists", tags=["watchlists"], status_code=201)
def create_api(request: Request, body: WatchIn, session: SessionDep, _writer: Writer) -> Response:
    """Watch an entity, a pair of entities or a phrase in newly ingested claims and events (needs the token)."""
    watchlist_id = create_watchlist(session, body.kind, body.a, body.b, body.name)
    session.commit()
    return respond(request, "watchlist.html", _one(session, watchlist_id), api=True, status=201)


@router.delete("/api/v1/watchlists/{watchlist_id}", tags=["watchlists"])
def delete_api(watchlist_id: int, session: SessionDep, _writer: Writer) -> dict:
    delete_watchlist(session, watchlist_id)
    session.commit()
    return {"ok": True, "deleted": watchlist_id}


@router.post("/api/v1/watchlists/{watchlist_id}/read", tags=["watchlists"])
def read_api(watchlist_id: int, session: SessionDep, _writer: Writer) -> dict:
    get_watchlist(session, watchlist_id)
    changed = mark_read(session, watchlist_id)
    session.commit()
    return {"ok": True, "marked": changed}


@router.post("/watchlists", include_in_schema=False)
async def create_form(request: Request, session: SessionDep, _writer: Writer) -> Response:
    form = await request.form()
    watchlist_id = create_watchlist(session, str(form.get("kind", "")), str(form.get("a", "")),
                                    str(form.get("b") or "") or None, str(form.get("name") or "") or None)
    session.commit()
    return RedirectResponse(f"/watchlists/{watchlist_id}", status_code=303)


@router.post("/watchlists/{watchlist_id}/read", include_in_schema=False)
def read_form(watchlist_id: int, session: SessionDep, _writer: Writer) -> Response:
    get_watchlist(session, watchlist_id)
    mark_read(session, watchlist_id)
    session.commit()
    return RedirectResponse(f"/watchlists/{watchlist_id}", status_code=303)


@router.post("/watchlists/{watchlist_id}/delete", include_in_schema=False)
def delete_form(watchlist_id: int, session: SessionDep, _writer: Writer) -> Response:
    delete_watchlist(session, watchlist_id)
    session.commit()
    return RedirectResponse("/watchlists", status_code=303)


def _bylines(session: SessionDep, doc_ids: set[str]) -> dict[str, list[str]]:
    """Each document's authors, else its publication (an Atom reader shows who wrote each entry)."""
    if not doc_ids:
        return {}
    rows = session.execute(select(DocumentRow.id, DocumentRow.authors, DocumentRow.publication)
                           .where(DocumentRow.id.in_(sorted(doc_ids))))
    return {doc_id: list(authors or []) or ([publication] if publication else [])
            for doc_id, authors, publication in rows}


@router.get("/watchlists/{watchlist_id}/feed.atom", tags=["watchlists"])
def atom_feed(request: Request, watchlist_id: int, session: SessionDep) -> Response:
    """The watchlist's alerts as an Atom feed, newest first."""
    watch = get_watchlist(session, watchlist_id)
    alerts = list_alerts(session, watchlist_id)
    base = str(request.base_url).rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"claimgraph watchlist: {watch.name}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}/watchlists/{watch.id}"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = alerts[0].created if alerts else watch.created
    ET.SubElement(feed, f"{{{ATOM}}}link", href=f"{base}/watchlists/{watch.id}/feed.atom", rel="self")
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "claimgraph"
    bylines = _bylines(session, {a.document_id for a in alerts})
    for alert in alerts:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = alert.summary
        for name in bylines.get(alert.document_id, []):  # who wrote the article the alert points into
            ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = name
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/alerts/{alert.id}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = alert.created
        anchor = f"#claim-{alert.item_id}" if alert.item_kind == "claim" else ""
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{base}/documents/{alert.document_id}{anchor}")
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = alert.evidence
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type="application/atom+xml")
