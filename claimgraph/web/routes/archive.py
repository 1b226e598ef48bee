"""Archive: documents by date, publication, author and issue, paginated, browsable by year."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from claimgraph.web.contexts import archive_context
from claimgraph.web.deps import PAGE_SIZE, SessionDep, respond

router = APIRouter()


@router.get("/", include_in_schema=False)
def home() -> Response:
    return RedirectResponse("/archive", status_code=302)


def _archive(request: Request, session: SessionDep, api: bool, page: int, year: str | None,
             publication: str | None, author: str | None, issue: str | None) -> Response:
    ctx = archive_context(session, page, year or None, publication or None, author or None, issue or None, PAGE_SIZE)
    return respond(request, "archive.html", ctx, api=api)


@router.get("/archive", include_in_schema=False)
def archive_page(request: Request, session: SessionDep, page: int = Query(1, ge=1), year: str | None = None,
                 publication: str | None = None, author: str | None = None, issue: str | None = None) -> Response:
    return _archive(request, session, False, page, year, publication, author, issue)


@router.get("/api/v1/archive", tags=["archive"])
def archive_api(request: Request, session: SessionDep, page: int = Query(1, ge=1), year: str | None = None,
                publication: str | None = None, author: str | None = None, issue: str | None = None) -> Response:
    """Documents newest first with filters; `years` and `publications` list the values to browse by."""
    return _archive(request, session, True, page, year, publication, author, issue)
