"""Timeline of incidents and dated claims, for the whole store or one entity, filterable by kind."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from claimgraph.web.contexts import timeline_context
from claimgraph.web.deps import SessionDep, respond

router = APIRouter()


@router.get("/timeline", include_in_schema=False)
def timeline_page(request: Request, session: SessionDep, entity: str | None = None,
                  type: list[str] = Query(default=[])) -> Response:  # noqa: A002
    return respond(request, "timeline.html", timeline_context(session, entity or None, type))


@router.get("/api/v1/timeline", tags=["timeline"])
def timeline_api(request: Request, session: SessionDep, entity: str | None = None,
                 type: list[str] = Query(default=[])) -> Response:  # noqa: A002
    """Incidents (events grouped across the documents that report them, with casualty counts, weapons and every
    report) and dated claims, oldest first; `entity` narrows to one actor, `type` (repeatable) to event types
    and/or "claim"."""
    return respond(request, "timeline.html", timeline_context(session, entity or None, type), api=True)
