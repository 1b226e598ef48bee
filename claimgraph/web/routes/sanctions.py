"""A sanctions-list entry by reference number, with the entities the store links to it (the dossier's links)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from sqlalchemy import String, cast, select
from starlette.responses import Response

from claimgraph.resolve.list_entries import list_entry
from claimgraph.store.resolution_models import CanonicalEntityRow
from claimgraph.web.deps import SessionDep, respond

router = APIRouter()


@dataclass
class ListEntryContext:
    entry: dict
    entities: list[dict]  # canonical entities carrying this reference: id, name, type

    def to_json(self) -> dict:
        return {"entry": self.entry, "entities": self.entities}


def _context(session: SessionDep, ref: str) -> ListEntryContext:
    entry = list_entry(ref)
    refs_text = cast(CanonicalEntityRow.refs, String)  # JSON has no LIKE on PostgreSQL; its text does
    rows = session.execute(select(CanonicalEntityRow.id, CanonicalEntityRow.name, CanonicalEntityRow.type,
                                  CanonicalEntityRow.refs)
                           .where(refs_text.like(f"%{entry.ref}%")).order_by(CanonicalEntityRow.name))
    entities = [{"id": cid, "name": name, "type": type_} for cid, name, type_, refs in rows
                if entry.ref in (refs if isinstance(refs, list) else str(refs or ""))]
    return ListEntryContext(entry.to_json(), entities)


@router.get("/sanctions/{ref}", include_in_schema=False)
def entry_page(request: Request, ref: str, session: SessionDep) -> Response:
    return respond(request, "sanctions.html", _context(session, ref))


@router.get("/api/v1/sanctions/{ref}", tags=["entities"])
def entry_api(request: Request, ref: str, session: SessionDep) -> Response:
    """The UN sanctions list entry with this reference number (name, aliases, regime, listed on, summary) and
    the entities that carry it; 404 (E521) when the list has no such entry or no list is configured."""
    return respond(request, "sanctions.html", _context(session, ref), api=True)
