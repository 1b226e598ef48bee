"""Analyst decisions on resolution: merge two canonical entities, split one document's entity out, undo either,
and dismiss a merge suggestion.

Each decision is recorded (store/resolution_models.AnalystDecisionRow) with the member keys it concerns and
applied by re-resolving the entities it names and everything clustering links them to (incrementally; every
resolution replays every decision in order); that is also why a decision survives re-ingestion and
`ingest --force`. Undoing deletes the decision and re-runs resolution over the whole network. With an `actor`,
every step is written to the audit log in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.resolution import (
    RefLookup,
    ResolveSummary,
    default_ref_lookup,
    resolve_decision,
    resolve_network,
)
from claimgraph.errors import QueryError
from claimgraph.resolve import Decision
from claimgraph.store.audit import Actor, record
from claimgraph.store.curation_models import SuggestionDismissalRow
from claimgraph.store.resolution import add_decision, load_decisions
from claimgraph.store.resolution_models import AnalystDecisionRow


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


def _entity_json(session: Session, canonical_id: str) -> dict:
    row = find_entity(session, canonical_id)
    return {"id": row.id, "name": row.name, "type": row.type, "aliases": list(row.aliases or []),
            "documents": row.n_documents}


def merge_entities(session: Session, a: str, b: str, note: str | None = None,
                   lookup_refs: RefLookup | None | bool = True, actor: Actor | None = None) -> DecisionResult:
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
    if actor is not None:
        record(session, actor, "entity.merge", f"decision:{decision.id}",
               f"merged {ea.name} ({ea.id}) and {eb.name} ({eb.id}) into {merged.name} ({merged.id})",
               before={"a": {"id": ea.id, "name": ea.name, "type": ea.type},
                       "b": {"id": eb.id, "name": eb.name, "type": eb.type}},
               after={"decision": decision.id, "entity": _entity_json(session, merged.id)}, note=note)
    return DecisionResult(decision.id, "merge", merged.id, merged.name, None, summary)


def split_entity(session: Session, name: str, doc: str, note: str | None = None,
                 lookup_refs: RefLookup | None | bool = True, actor: Actor | None = None) -> DecisionResult:
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
    if actor is not None:
        record(session, actor, "entity.split", f"decision:{decision.id}",
               f"split document {doc_id} out of {entity.name} ({entity.id}): it now names {moved}",
               before={"entity": {"id": entity.id, "name": entity.name, "type": entity.type}, "document": doc_id},
               after={"decision": decision.id, "kept": _entity_json(session, row.id),
                      "split_out": _entity_json(session, moved) if moved else None}, note=note)
    return DecisionResult(decision.id, "split", row.id, row.name, moved, summary)


def _where_now(session: Session, keys: list[str]) -> list[str]:
    """The canonical entities these member keys belong to now."""
    out = []
    for key in keys:
        cid = session.scalar(text("SELECT canonical_id FROM entities WHERE doc_id || ':' || local_id = :k"),
                             {"k": key})
        if cid and cid not in out:
            out.append(cid)
    return out


def undo_decision(session: Session, decision_id: int, actor: Actor | None = None,
                  lookup_refs: RefLookup | None | bool = True) -> DecisionResult:
    """Take back a merge or split: the decision is deleted and resolution re-run, so the entities fall apart
    (or together) as the rules alone say. The caller commits."""
    row = session.get(AnalystDecisionRow, decision_id)
    if row is None:
        raise QueryError(f"no analyst decision #{decision_id}", where=str(decision_id), code="E506")
    decision = next(d for d in load_decisions(session) if d.id == decision_id)
    before = _where_now(session, [*decision.keys_a[:1], *decision.keys_b[:1]])
    session.delete(row)
    session.flush()
    summary = resolve_network(session, _lookup(lookup_refs))
    after = _where_now(session, [*decision.keys_a[:1], *decision.keys_b[:1]])
    first = find_entity(session, after[0]) if after else None
    if actor is not None:
        names = " and ".join(_entity_json(session, cid)["name"] for cid in after)
        record(session, actor, "entity.undo", f"decision:{decision_id}",
               f"undid {decision.kind} #{decision_id} ({decision.a}{' + ' + decision.b if decision.b else ''}); "
               f"now {names or 'nothing'}",
               before={"decision": decision.to_json(), "entities": before},
               after={"entities": [_entity_json(session, cid) for cid in after]})
    return DecisionResult(decision_id, f"undo {decision.kind}", first.id if first else "",
                          first.name if first else "", after[1] if len(after) > 1 else None, summary)


def decisions_for(session: Session, canonical_id: str) -> list[dict]:
    """The analyst decisions that shaped this entity (their member keys name its members), newest first."""
    members = set(_member_keys(session, canonical_id))
    return [d.to_json() for d in reversed(load_decisions(session))
            if members & {*d.keys_a, *d.keys_b}]


def dismiss_suggestion(session: Session, a: str, b: str, actor: Actor, note: str | None = None) -> int:
    """Record "a and b are different actors": the pair is no longer suggested. The caller commits."""
    ea, eb = find_entity(session, a), find_entity(session, b)
    if ea.id == eb.id:
        raise QueryError(f"{a!r} and {b!r} are one entity ({ea.id})", where=a, code="E504")
    row = SuggestionDismissalRow(keys_a=list(_member_keys(session, ea.id)), keys_b=list(_member_keys(session, eb.id)),
                                 name_a=ea.name, name_b=eb.name, actor=actor.name)
    session.add(row)
    session.flush()
    record(session, actor, "suggestion.dismiss", f"entity:{ea.id}",
           f"{ea.name} ({ea.id}) and {eb.name} ({eb.id}) are different actors",
           after={"a": ea.id, "b": eb.id}, note=note)
    return row.id
