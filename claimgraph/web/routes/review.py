"""Claim review (one claim's page, confirm/reject/correct), the review queue and the audit log, each with its
/api/v1 twin. Reviews need an analyst's or admin's token; reading is open."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.responses import JSONResponse, RedirectResponse, Response

from claimgraph.analysis.review import claim_state, get_claim, review_claim, review_queue
from claimgraph.web.curation_contexts import audit_context, claim_context
from claimgraph.web.deps import SessionDep, Writer, auth_state, is_htmx, respond
from claimgraph.web.ingestion import write_lock
from claimgraph.web.routes.auth import _safe_next

router = APIRouter()


class ReviewIn(BaseModel):
    action: str  # confirm | reject | correct
    note: str | None = None
    relation: str | None = None
    subject: str | None = None  # the document's entity: local id (e3) or exact name
    object: str | None = None
    source: str | None = None  # `author` or the document's entity
    certainty: str | None = None


def _review(session: SessionDep, claim_id: int, body: ReviewIn, writer: Writer) -> dict:
    with write_lock:
        result = review_claim(session, claim_id, body.action, writer, body.note, relation=body.relation,
                              subject=body.subject, object=body.object, source=body.source,
                              certainty=body.certainty)
        session.commit()
    return result.to_json()


@router.get("/claims/{claim_id}", include_in_schema=False)
def claim_page(request: Request, claim_id: int, session: SessionDep) -> Response:
    return respond(request, "claim.html", claim_context(session, claim_id))


@router.get("/api/v1/claims/{claim_id}", tags=["review"])
def claim_api(request: Request, claim_id: int, session: SessionDep) -> Response:
    """One claim: its ends, source, certainty, review state, edge grade, review history and the document's
    entities it may be corrected to."""
    return respond(request, "claim.html", claim_context(session, claim_id), api=True)


@router.post("/api/v1/claims/{claim_id}/review", tags=["review"])
def review_api(claim_id: int, body: ReviewIn, session: SessionDep, writer: Writer) -> Response:
    """Confirm, reject or correct a claim (needs an analyst or admin token); it is kept in the audit log."""
    return JSONResponse({"ok": True, **_review(session, claim_id, body, writer)})


@router.post("/claims/{claim_id}/review", include_in_schema=False)
async def review_form(request: Request, claim_id: int, session: SessionDep, writer: Writer) -> Response:
    form = await request.form()
    fields = {k: (str(form.get(k)) if form.get(k) not in (None, "") else None)
              for k in ("action", "note", "relation", "subject", "object", "source", "certainty")}
    _review(session, claim_id, ReviewIn(**{**fields, "action": fields["action"] or ""}), writer)
    if is_htmx(request):
        claim = claim_state(session, get_claim(session, claim_id))
        return request.app.state.templates.TemplateResponse(
            request, "_review_controls.html", {"c": claim, "auth": auth_state(request), "request": request})
    return RedirectResponse(_safe_next(str(form.get("next") or f"/claims/{claim_id}")), status_code=303)


@router.get("/review", include_in_schema=False)
def queue_page(request: Request, session: SessionDep, page: int = 1) -> Response:
    return respond(request, "review_queue.html", review_queue(session, page))


@router.get("/api/v1/review", tags=["review"])
def queue_api(request: Request, session: SessionDep, page: int = 1) -> Response:
    """Claims no analyst has reviewed: contradicted edges first, then the weakest grades."""
    return respond(request, "review_queue.html", review_queue(session, page), api=True)


@router.get("/audit", include_in_schema=False)
def audit_page(request: Request, session: SessionDep, actor: str | None = None, action: str | None = None,
               target: str | None = None, page: int = 1) -> Response:
    return respond(request, "audit.html", audit_context(session, actor, action, target, page))


@router.get("/api/v1/audit", tags=["review"])
def audit_api(request: Request, session: SessionDep, actor: str | None = None, action: str | None = None,
              target: str | None = None, page: int = 1) -> Response:
    """The audit log, newest first: who, when, what (action, target), before and after, the note."""
    return respond(request, "audit.html", audit_context(session, actor, action, target, page), api=True)
