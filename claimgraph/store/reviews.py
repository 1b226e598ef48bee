"""Claim reviews as stored decisions: what a review does to a claim row, and replaying every review of a document
when it is stored again (`ingest --force`, or the same text re-extracted by a newer model).

A claim is named by its key as extracted: evidence span, subject and object local ids and relation
(`claim_key`); a reviewed claim keeps that key in `claims.review_key`, so later reviews of a corrected claim name
it the same way. When a key finds nothing (the model now numbers entities differently), the review finds its
claim by the original relation, the names of its ends and the evidence sentence.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from claimgraph.store.curation_models import ClaimReviewRow
from claimgraph.store.models import ClaimRow, EntityRow

STATUS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
CORRECTABLE = ("relation", "subject", "object", "source", "certainty")
AUTHOR = "author"


def claim_key(start: int, end: int, subject_local: str, relation: str, object_local: str) -> str:
    return f"{start}-{end}:{subject_local}:{relation}:{object_local}"


def key_of(session: Session, claim: ClaimRow) -> str:
    """The claim's key as extracted (kept once it is reviewed, since a correction changes the fields)."""
    if claim.review_key:
        return claim.review_key
    s, o = session.get(EntityRow, claim.subject_id), session.get(EntityRow, claim.object_id)
    return claim_key(claim.evidence_start, claim.evidence_end, s.local_id if s else "?", claim.relation,
                     o.local_id if o else "?")


def entity_in_document(session: Session, doc_id: str, local_or_name: str) -> EntityRow | None:
    """One of the document's entities, by local id (`e3`) or by its exact name."""
    found = session.scalar(select(EntityRow).where(EntityRow.doc_id == doc_id, EntityRow.local_id == local_or_name))
    if found is None:
        found = session.scalar(select(EntityRow).where(EntityRow.doc_id == doc_id, EntityRow.name == local_or_name)
                               .order_by(EntityRow.id).limit(1))
    return found


def apply_review(session: Session, claim: ClaimRow, action: str, changes: dict, names: dict) -> None:
    """Set the claim's review state and, for a correction, its corrected fields (ends and source as the
    document's entities by local id, falling back to the name the review recorded)."""
    claim.review_key = key_of(session, claim)
    if action == "correct":
        for field in CORRECTABLE:
            if field not in changes:
                continue
            value = changes[field]
            if field in ("relation", "certainty"):
                setattr(claim, field, value)
            elif field == "source" and value == AUTHOR:
                claim.source_id, claim.source_is_author = None, True
            else:
                entity = entity_in_document(session, claim.doc_id, value) or \
                    entity_in_document(session, claim.doc_id, names.get(f"new_{field}") or "")
                if entity is None:
                    continue
                if field == "source":
                    claim.source_id, claim.source_is_author = entity.id, False
                else:
                    setattr(claim, f"{field}_id", entity.id)
    claim.review = STATUS[action]
    session.flush()


def add_review(session: Session, claim: ClaimRow, action: str, changes: dict, names: dict, note: str | None,
               actor: str) -> ClaimReviewRow:
    """Record a review of this claim and apply it. The caller commits."""
    row = ClaimReviewRow(doc_id=claim.doc_id, claim_key=key_of(session, claim), action=action, changes=changes,
                         names=names, note=note, actor=actor)
    session.add(row)
    apply_review(session, claim, action, changes, names)
    return row


def reviews_of(session: Session, doc_id: str, key: str) -> list[ClaimReviewRow]:
    return list(session.scalars(select(ClaimReviewRow).where(ClaimReviewRow.doc_id == doc_id,
                                                             ClaimReviewRow.claim_key == key)
                                .order_by(ClaimReviewRow.id)))


def replay_reviews(session: Session, doc_id: str) -> int:
    """Apply every stored review of this document, in the order they were made, to its freshly written claims;
    returns how many found their claim."""
    reviews = list(session.scalars(select(ClaimReviewRow).where(ClaimReviewRow.doc_id == doc_id)
                                   .order_by(ClaimReviewRow.id)))
    if not reviews:
        return 0
    s, o = aliased(EntityRow), aliased(EntityRow)
    rows = session.execute(select(ClaimRow, s.local_id, s.name, o.local_id, o.name)
                           .join(s, s.id == ClaimRow.subject_id).join(o, o.id == ClaimRow.object_id)
                           .where(ClaimRow.doc_id == doc_id).order_by(ClaimRow.id)).all()
    by_key: dict[str, ClaimRow] = {}
    by_names: dict[tuple[str, str, str, str], ClaimRow] = {}
    for claim, s_local, s_name, o_local, o_name in rows:
        by_key.setdefault(claim_key(claim.evidence_start, claim.evidence_end, s_local, claim.relation, o_local), claim)
        by_names.setdefault((claim.relation, s_name, o_name, claim.evidence_text), claim)
    applied = 0
    for review in reviews:
        names = review.names or {}
        claim = by_key.get(review.claim_key) or by_names.get(
            (names.get("relation", ""), names.get("subject", ""), names.get("object", ""), names.get("evidence", "")))
        if claim is None:
            continue
        if claim.review_key is None:
            claim.review_key = review.claim_key
        apply_review(session, claim, review.action, review.changes or {}, names)
        applied += 1
    return applied
