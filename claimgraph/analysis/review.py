"""Claim review: an analyst confirms, rejects or corrects a claim (relation, ends, source, certainty), with an
optional note. The decision is stored (store/reviews.py, replayed when the document is extracted again), the
claim's edges are graded again, and the audit log gets who, when, what, before and after.

The review queue lists the claims no analyst has reviewed yet, contradicted edges first, then the weakest grades.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from claimgraph.analysis.edges import refresh_edges
from claimgraph.analysis.grading import GRADE_LABELS
from claimgraph.errors import QueryError
from claimgraph.store.audit import Actor, record
from claimgraph.store.curation_models import REVIEW_ACTIONS
from claimgraph.store.models import ClaimRow, DocumentRow, EntityRow
from claimgraph.store.reviews import AUTHOR, CORRECTABLE, STATUS, add_review, entity_in_document
from claimgraph.types import CERTAINTIES, RELATION_TYPES, SYMMETRIC_RELATIONS

MAX_NOTE = 2000


class ReviewRefused(QueryError):
    """A review that cannot be made as asked (unknown action, relation, certainty or entity): 422 on the web."""

    code = "E509"
    http_status = 422


def _edge_key(subject: str | None, relation: str, obj: str | None) -> tuple[str, str, str] | None:
    if not subject or not obj or subject == obj:
        return None
    if relation in SYMMETRIC_RELATIONS and obj < subject:
        return (obj, relation, subject)
    return (subject, relation, obj)


def _entity(session: Session, entity_id: int | None) -> EntityRow | None:
    return session.get(EntityRow, entity_id) if entity_id is not None else None


def claim_state(session: Session, claim: ClaimRow) -> dict:
    """The claim as an analyst sees it: names, canonical ids, local ids of its ends, source, review state."""
    s, o, src = _entity(session, claim.subject_id), _entity(session, claim.object_id), _entity(session,
                                                                                                claim.source_id)
    return {"id": claim.id, "document_id": claim.doc_id, "relation": claim.relation,
            "subject": s.name if s else "?", "subject_id": s.canonical_id if s else None,
            "subject_local": s.local_id if s else None,
            "object": o.name if o else "?", "object_id": o.canonical_id if o else None,
            "object_local": o.local_id if o else None,
            "source": src.name if src else AUTHOR, "source_local": src.local_id if src else AUTHOR,
            "certainty": claim.certainty, "polarity": claim.polarity, "evidence": claim.evidence_text,
            "evidence_start": claim.evidence_start, "evidence_end": claim.evidence_end, "rule": claim.rule,
            "review": claim.review}


def claim_summary(state: dict) -> str:
    neg = "not " if state["polarity"] == "negative" else ""
    return f"{state['subject']} {neg}{state['relation']} {state['object']} (source: {state['source']})"


def get_claim(session: Session, claim_id: int) -> ClaimRow:
    claim = session.get(ClaimRow, claim_id)
    if claim is None:
        raise QueryError(f"no claim {claim_id}", where=str(claim_id), code="E508")
    return claim


@dataclass
class ReviewResult:
    claim: dict
    before: dict
    action: str
    review_id: int
    audit_id: int
    edges_refreshed: int

    def to_json(self) -> dict:
        return asdict(self)


def _changes(session: Session, claim: ClaimRow, wanted: dict[str, str | None]) -> tuple[dict, dict]:
    """The corrections that differ from the claim as it is, checked: (changes, names of the new entities)."""
    state = claim_state(session, claim)
    changes: dict[str, str] = {}
    names: dict[str, str] = {}
    for field in CORRECTABLE:
        value = (wanted.get(field) or "").strip()
        if not value:
            continue
        if field == "relation":
            if value not in RELATION_TYPES:
                raise ReviewRefused(f"unknown relation type {value!r}", where=str(claim.id))
            if value != claim.relation:
                changes[field] = value
        elif field == "certainty":
            if value not in CERTAINTIES:
                raise ReviewRefused(f"unknown certainty {value!r}; choose from {', '.join(CERTAINTIES)}",
                                    where=str(claim.id))
            if value != claim.certainty:
                changes[field] = value
        elif field == "source" and value == AUTHOR:
            if state["source_local"] != AUTHOR:
                changes[field] = AUTHOR
        else:
            entity = entity_in_document(session, claim.doc_id, value)
            if entity is None:
                raise ReviewRefused(f"the claim's document names no entity {value!r}", where=str(claim.id))
            if entity.local_id != state[f"{field}_local"]:
                changes[field] = entity.local_id
                names[f"new_{field}"] = entity.name
    return changes, names


def review_claim(session: Session, claim_id: int, action: str, actor: Actor, note: str | None = None,
                 **corrections: str | None) -> ReviewResult:
    """Confirm, reject or correct one claim (corrections: relation, subject, object, source, certainty; ends
    and source as the document's entities by local id or name, source also `author`). The caller commits."""
    if action not in REVIEW_ACTIONS:
        raise ReviewRefused(f"unknown review {action!r}; choose from {', '.join(REVIEW_ACTIONS)}")
    unknown = set(corrections) - set(CORRECTABLE)
    if unknown:
        raise ReviewRefused(f"cannot correct {sorted(unknown)[0]!r}")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise ReviewRefused(f"a note holds at most {MAX_NOTE} characters")
    claim = get_claim(session, claim_id)
    before = claim_state(session, claim)
    changes, names = _changes(session, claim, corrections) if action == "correct" else ({}, {})
    if action == "correct" and not changes:
        raise ReviewRefused("a correction must change the relation, an end, the source or the certainty",
                            where=str(claim_id))
    names.update(relation=before["relation"], subject=before["subject"], object=before["object"],
                 evidence=claim.evidence_text)
    review = add_review(session, claim, action, changes, names, note, actor.name)
    after = claim_state(session, claim)
    keys = {k for k in (_edge_key(before["subject_id"], before["relation"], before["object_id"]),
                        _edge_key(after["subject_id"], after["relation"], after["object_id"])) if k}
    refreshed = refresh_edges(session, keys)
    done = STATUS[action]
    entry = record(session, actor, f"claim.{action}", f"claim:{claim.id}", f"{done}: {claim_summary(after)}",
                   before=before, after=after, note=note)
    return ReviewResult(after, before, action, review.id, entry.id, refreshed)


_QUEUE_SQL = """
SELECT c.id, c.doc_id, d.title, d.publication, d.published, s.canonical_id, s.name, c.relation, o.canonical_id,
       o.name, CASE WHEN src.id IS NULL THEN 'author' ELSE src.name END, c.certainty, c.polarity, c.evidence_text,
       COALESCE(e1.grade, e2.grade, 6) AS grade, COALESCE(e1.contradiction, e2.contradiction) AS conflict
FROM claims c
JOIN entities s ON s.id = c.subject_id
JOIN entities o ON o.id = c.object_id
LEFT JOIN entities src ON src.id = c.source_id
JOIN documents d ON d.id = c.doc_id
LEFT JOIN edges e1 ON e1.subject_id = s.canonical_id AND e1.relation = c.relation AND e1.object_id = o.canonical_id
LEFT JOIN edges e2 ON e2.subject_id = o.canonical_id AND e2.relation = c.relation AND e2.object_id = s.canonical_id
  AND c.relation IN ({symmetric})
WHERE c.review IS NULL
ORDER BY CASE WHEN COALESCE(e1.contradiction, e2.contradiction) IS NULL THEN 1 ELSE 0 END, grade DESC, c.id
LIMIT :limit OFFSET :offset
"""


@dataclass
class ReviewQueue:
    claims: list[dict]
    total: int  # claims no analyst has reviewed
    reviewed: int
    page: int
    pages: int

    def to_json(self) -> dict:
        return asdict(self)


def review_queue(session: Session, page: int = 1, per_page: int = 25) -> ReviewQueue:
    """Unreviewed claims, contradicted edges first, then by grade from worst (6) to best, then in stored order."""
    total = session.scalar(select(func.count()).select_from(ClaimRow).where(ClaimRow.review.is_(None))) or 0
    reviewed = session.scalar(select(func.count()).select_from(ClaimRow).where(ClaimRow.review.is_not(None))) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    symmetric = ", ".join(f"'{r}'" for r in sorted(SYMMETRIC_RELATIONS))
    rows = session.execute(text(_QUEUE_SQL.format(symmetric=symmetric)),
                           {"limit": per_page, "offset": (page - 1) * per_page}).all()
    claims = [{"id": r[0], "document_id": r[1], "title": r[2], "publication": r[3], "published": r[4],
               "subject_id": r[5], "subject": r[6], "relation": r[7], "object_id": r[8], "object": r[9],
               "source": r[10], "certainty": r[11], "polarity": r[12], "evidence": r[13], "grade": r[14],
               "grade_label": GRADE_LABELS.get(r[14], ""), "contradiction": r[15]} for r in rows]
    return ReviewQueue(claims, total, reviewed, page, pages)


def document_entities(session: Session, doc_id: str) -> list[dict]:
    """The entities a claim's ends and source may be corrected to: those its document names."""
    rows = session.execute(select(EntityRow.local_id, EntityRow.name, EntityRow.type).where(EntityRow.doc_id == doc_id)
                           .order_by(EntityRow.name, EntityRow.id))
    return [{"local_id": local, "name": name, "type": type_} for local, name, type_ in rows]


def document_title(session: Session, doc_id: str) -> str:
    row = session.get(DocumentRow, doc_id)
    return (row.title or row.source) if row else doc_id
