"""Reader: one article with its entities and claims highlighted; single-page and print views."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from starlette.responses import Response

from claimgraph.web.contexts import reader_context
from claimgraph.web.deps import SessionDep, respond

router = APIRouter()


@router.get("/documents/{doc_id}", include_in_schema=False)
def reader_page(request: Request, doc_id: str, session: SessionDep,
                view: Literal["full", "print"] = "full") -> Response:
    ctx = reader_context(session, doc_id, view)
    return respond(request, "reader.html", ctx)


@router.get("/api/v1/documents/{doc_id}", tags=["documents"])
def reader_api(request: Request, doc_id: str, session: SessionDep) -> Response:
    """The document's metadata and text, its entities, claims (with names) and events."""
    return respond(request, "reader.html", reader_context(session, doc_id), api=True)
