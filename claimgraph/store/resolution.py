"""Reading per-document entities for resolution and writing its result (canonical ids, aliases, explanations).

The clustering itself lives in `claimgraph.resolve`; this module only moves records in and out of the store.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from claimgraph.resolve import Cluster, Decision, EntityRecord, normalise_name
from claimgraph.store.models import EntityRow, MentionRow
from claimgraph.store.resolution_models import (
    AnalystDecisionRow,
    CanonicalAliasRow,
    CanonicalEntityRow,
    ResolutionLinkRow,
)


def member_key(doc_id: str, local_id: str) -> str:
    """The stable name of a per-document entity: it survives re-extraction of the same text."""
    return f"{doc_id}:{local_id}"


def load_records(session: Session) -> list[EntityRecord]:
    """Every stored per-document entity, with its number of mentions (used to choose the canonical type)."""
    counts = dict(session.execute(select(MentionRow.entity_id, func.count()).group_by(MentionRow.entity_id)).all())
    rows = session.execute(select(EntityRow.id, EntityRow.doc_id, EntityRow.local_id, EntityRow.name,
                                  EntityRow.type, EntityRow.aliases, EntityRow.refs))
    return [
        EntityRecord(key=member_key(doc_id, local_id), document_id=doc_id, name=name, type=type_,
                     aliases=tuple(aliases or ()), refs=tuple(refs or ()), mentions=counts.get(pk, 0),
                     extra={"pk": pk})
        for pk, doc_id, local_id, name, type_, aliases, refs in rows
    ]


def load_decisions(session: Session) -> list[Decision]:
    rows = session.scalars(select(AnalystDecisionRow).order_by(AnalystDecisionRow.id))
    return [Decision(kind=r.kind, a=r.a, b=r.b, document_id=r.document_id, keys_a=tuple(r.keys_a or ()),
                     keys_b=tuple(r.keys_b or ()), id=r.id, created=r.created.isoformat() if r.created else None,
                     note=r.note) for r in rows]


def add_decision(session: Session, decision: Decision) -> int:
    row = AnalystDecisionRow(kind=decision.kind, a=decision.a, b=decision.b, document_id=decision.document_id,
                             keys_a=list(decision.keys_a), keys_b=list(decision.keys_b), note=decision.note)
    session.add(row)
    session.flush()
    return row.id


def save_clusters(session: Session, clusters: Iterable[Cluster]) -> int:
    """Replace the canonical tables with this resolution and point every entity row at its cluster."""
    clusters = list(clusters)
    session.execute(delete(ResolutionLinkRow))
    session.execute(delete(CanonicalAliasRow))
    session.execute(delete(CanonicalEntityRow))
    entity_rows, alias_rows, link_rows, updates = [], [], [], []
    for c in clusters:
        entity_rows.append({"id": c.id, "name": c.name, "name_key": normalise_name(c.name), "type": c.type,
                            "aliases": c.aliases, "refs": c.refs, "n_documents": len(c.documents)})
        keys = dict.fromkeys([normalise_name(a) for a in c.aliases] + [normalise_name(c.id), *c.refs])
        alias_rows.extend({"alias_key": k, "canonical_id": c.id} for k in keys if k)
        link_rows.extend({"canonical_id": c.id, "member_a": lk.a, "member_b": lk.b, "rule": lk.rule,
                          "score": lk.score, "detail": lk.detail} for lk in c.links)
        updates.extend({"pk": m.extra["pk"], "cid": c.id} for m in c.members if "pk" in m.extra)
    for table, rows in ((CanonicalEntityRow, entity_rows), (CanonicalAliasRow, alias_rows),
                        (ResolutionLinkRow, link_rows)):
        if rows:
            session.execute(insert(table), rows)
    if updates:
        conn = session.connection()
        conn.exec_driver_sql("UPDATE entities SET canonical_id = ? WHERE id = ?" if conn.dialect.name == "sqlite"
                             else "UPDATE entities SET canonical_id = %s WHERE id = %s",
                             [(u["cid"], u["pk"]) for u in updates])
    session.flush()
    return len(clusters)


def clear_canonical(session: Session) -> None:
    session.execute(update(EntityRow).values(canonical_id=None))
