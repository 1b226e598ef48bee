"""Analyst decisions on resolution: merge two canonical entities, split one document's entity out.

Each decision is recorded (store/resolution_models.AnalystDecisionRow) with the member keys it concerns and
applied by re-resolving the entities it names and everything clustering links them to (incrementally; every
resolution replays every decision in order); that is also why a decision survives re-ingestion and
`ingest --force`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.resolution import RefLookup, ResolveSummary, default_ref_lookup, resolve_decision
from claimgraph.errors import QueryError
from claimgraph.resolve import Decision
from claimgraph.store.resolution import add_decision


@dataclass
class DecisionResult:
    decision_id: int
    kind: str
    entity_id: str  # where the first entity ended up after re-resolution
    entity: str
    other_id: str | None
    summary: ResolveSummary

    def to_json(self) -> dict:
        return {"decision": self.decision_id, "kind": self.kind, "entity_id": self.entity_id, "entity": self.entity,
                "other_id": self.other_id, "resolution": self.summary.to_json()}


def _member_keys(session: Session, canonical_id: str, doc_id: str | None = None) -> tuple[str, ...]:
    sql = "SELECT doc_id || ':' || local_id FROM entities WHERE canonical_id = :c"
    params = {"c": canonical_id}
    if doc_id:
        sql += " AND doc_id = :d"
        params["d"] = doc_id
    return tuple(session.scalars(text(sql + " ORDER BY doc_id, local_id"), params).all())


def _document_id(session: Session, doc: str) -> str:
    ids = session.scalars(text("SELECT id FROM documents WHERE id LIKE :p ORDER BY id"), {"p": f"{doc}%"}).all()
    if len(ids) != 1:
        reason = "no document" if not ids else f"{len(ids)} documents"
        raise QueryError(f"{reason} with id {doc!r}", where=doc, code="E503")
    return ids[0]


def _lookup(lookup_refs: RefLookup | None | bool) -> RefLookup | None:
    return default_ref_lookup() if lookup_refs is True else (lookup_refs or None)


def merge_entities(session: Session, a: str, b: str, note: str | None = None,
                   lookup_refs: RefLookup | None | bool = True) -> DecisionResult:
    """Record "a and b are one actor" and re-resolve. The caller commits."""
    ea, eb = find_entity(session, a), find_entity(session, b)
    if ea.id == eb.id:
        raise QueryError(f"{a!r} and {b!r} are already one entity ({ea.id})", where=a, code="E504")
    decision = Decision("merge", a, b, keys_a=_member_keys(session, ea.id), keys_b=_member_keys(session, eb.id),
                        note=note)
    decision = replace(decision, id=add_decision(session, decision))
    summary = resolve_decision(session, decision, _lookup(lookup_refs))
    merged_id = session.scalar(text("SELECT canonical_id FROM entities WHERE doc_id || ':' || local_id = :k"),
                               {"k": decision.keys_a[0]})
    merged = find_entity(session, merged_id)
    return DecisionResult(decision.id, "merge", merged.id, merged.name, None, summary)


def split_entity(session: Session, name: str, doc: str, note: str | None = None,
                 lookup_refs: RefLookup | None | bool = True) -> DecisionResult:
    """Record "what document `doc` calls `name` is someone else" and re-resolve. The caller commits."""
    entity = find_entity(session, name)
    doc_id = _document_id(session, doc)
    taken = _member_keys(session, entity.id, doc_id)
    if not taken:
        raise QueryError(f"{entity.name} is not named in document {doc_id}", where=doc, code="E505")
    if len(_member_keys(session, entity.id)) == len(taken):
        raise QueryError(f"{entity.name} is only named in document {doc_id}; nothing to split", where=doc,
                         code="E505")
    decision = Decision("split", name, document_id=doc_id, keys_a=_member_keys(session, entity.id), note=note)
    decision = replace(decision, id=add_decision(session, decision))
    summary = resolve_decision(session, decision, _lookup(lookup_refs))
    kept = session.scalar(text("SELECT canonical_id FROM entities WHERE doc_id || ':' || local_id = :k"),
                          {"k": next(k for k in decision.keys_a if k not in taken)})
    moved = session.scalar(text("SELECT canonical_id FROM entities WHERE doc_id || ':' || local_id = :k"),
                           {"k": taken[0]})
    row = find_entity(session, kept)
    return DecisionResult(decision.id, "split", row.id, row.name, moved, summary)
