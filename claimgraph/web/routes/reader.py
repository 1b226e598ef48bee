"""Reader: one article with its entities and claims highlighted, in the reading, single-page and print views;
and one claim with its link's grade and the other claims of that link (the reader's claim panel)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from claimgraph.web.claim_contexts import claim_context
from claimgraph.web.contexts import reader_context
from claimgraph.web.deps import SessionDep, is_htmx, respond

router = APIRouter()


@router.get("/documents/{doc_id}", include_in_schema=False)
def reader_page(request: Request, doc_id: str, session: SessionDep,
                view: Literal["full", "single", "print"] = "full") -> Response:
    ctx = reader_context(session, doc_id, view)
    return respond(request, "reader.html", ctx)


@router.get("/api/v1/documents/{doc_id}", tags=["documents"])
def reader_api(request: Request, doc_id: str, session: SessionDep) -> Response:
    """The document's metadata and text, its entities, claims (with names and their link's grade) and events
    (with casualty counts and weapons)."""
    return respond(request, "reader.html", reader_context(session, doc_id), api=True)


@router.get("/claims", include_in_schema=False)
def claims_page(request: Request, session: SessionDep, id: list[int] = Query(default=[])) -> Response:  # noqa: A002
    """The claims a highlighted sentence carries: the panel's fragment for HTMX, else a page."""
    ctx = claim_context(session, id)
    return respond(request, "_claim_panel.html" if is_htmx(request) else "claims.html", ctx)


@router.get("/api/v1/claims", tags=["documents"])
def claims_api(request: Request, session: SessionDep, id: list[int] = Query(default=[])) -> Response:  # noqa: A002
    """Claims by id (repeat `id`), each with both ends, source, certainty, evidence, the grade of the link it
    supports and the other claims of that link."""
    return respond(request, "claims.html", claim_context(session, id), api=True)
