"""Timeline of events and dated claims, for the whole store or one entity."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from claimgraph.web.contexts import timeline_context
from claimgraph.web.deps import SessionDep, respond

router = APIRouter()


@router.get("/timeline", include_in_schema=False)
def timeline_page(request: Request, session: SessionDep, entity: str | None = None) -> Response:
    return respond(request, "timeline.html", timeline_context(session, entity or None))


@router.get("/api/v1/timeline", tags=["timeline"])
def timeline_api(request: Request, session: SessionDep, entity: str | None = None) -> Response:
    """Dated events and claims, oldest first; `entity` narrows to one actor."""
    return respond(request, "timeline.html", timeline_context(session, entity or None), api=True)
