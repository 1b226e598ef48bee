"""Search: FTS5 over documents (with snippets) and a name search over entities and their aliases."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from claimgraph.web.contexts import search_context
from claimgraph.web.deps import SessionDep, is_htmx, respond

router = APIRouter()


@router.get("/search", include_in_schema=False)
def search_page(request: Request, session: SessionDep, q: str = "") -> Response:
    ctx = search_context(session, q)
    return respond(request, "_search_results.html" if is_htmx(request) else "search.html", ctx)


@router.get("/api/v1/search", tags=["search"])
def search_api(request: Request, session: SessionDep, q: str = "") -> Response:
    """Documents matching every word (ranked, with a snippet) and entities whose names contain the query."""
    return respond(request, "search.html", search_context(session, q), api=True)
