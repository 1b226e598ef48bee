"""Reading per-document entities for resolution and writing its result (canonical ids, aliases, explanations),
the resolution index (blocking keys per entity) and the resolution state (documents awaiting resolution).

The clustering itself lives in `claimgraph.resolve`; this module only moves records in and out of the store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from claimgraph.resolve import Cluster, Decision, EntityRecord, normalise_name
from claimgraph.resolve.candidates import blocking_keys
from claimgraph.resolve.clusters import Followers, cluster_slug, signature_key
from claimgraph.store.db import lock_store
from claimgraph.store.models import EntityRow, MentionRow
from claimgraph.store.resolution_models import (
    AnalystDecisionRow,
    CanonicalAliasRow,
    CanonicalEntityRow,
    ResolutionKeyRow,
    ResolutionLinkRow,
    ResolutionPendingRow,
    ResolutionStateRow,
)

CHUNK = 500  # ids per IN (...) list


def member_key(doc_id: str, local_id: str) -> str:
    """The stable name of a per-document entity: it survives re-extraction of the same text."""
    return f"{doc_id}:{local_id}"


def _chunks(values: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def load_records(session: Session, entity_ids: Collection[int] | None = None,
                 doc_ids: Collection[str] | None = None) -> list[EntityRecord]:
    """Stored per-document entities (all, or these entity ids, or those of these documents), each with its
    number of mentions (used to choose the canonical type) and its row id in `extra["pk"]`."""
    columns = (EntityRow.id, EntityRow.doc_id, EntityRow.local_id, EntityRow.name, EntityRow.type,
               EntityRow.aliases, EntityRow.refs)
    if entity_ids is None and doc_ids is None:
        counts = dict(session.execute(select(MentionRow.entity_id, func.count())
                                      .group_by(MentionRow.entity_id)).all())
        rows = list(session.execute(select(*columns)))
    else:
        rows, counts = [], {}
        column, values = (EntityRow.id, sorted(entity_ids)) if entity_ids is not None else \
            (EntityRow.doc_id, sorted(doc_ids or ()))
        for chunk in _chunks(values):
            found = list(session.execute(select(*columns).where(column.in_(chunk))))
            rows.extend(found)
            counts.update((pk, n) for pk, n in session.execute(
                select(MentionRow.entity_id, func.count()).where(MentionRow.entity_id.in_([r[0] for r in found]))
                .group_by(MentionRow.entity_id)))
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


def _cluster_rows(clusters: Sequence[Cluster]) -> tuple[list[dict], list[dict], list[dict], list[tuple]]:
    entity_rows, alias_rows, link_rows, updates = [], [], [], []
    for c in clusters:
        entity_rows.append({"id": c.id, "name": c.name, "name_key": normalise_name(c.name), "type": c.type,
                            "aliases": c.aliases, "refs": c.refs, "n_documents": len(c.documents),
                            "slug": cluster_slug(c.name), "n_members": c.size,
                            "first_member": c.members[0].key, "degree": 0})
        keys = dict.fromkeys([normalise_name(a) for a in c.aliases] + [normalise_name(c.id), *c.refs])
        alias_rows.extend({"alias_key": k, "canonical_id": c.id} for k in keys if k)
        link_rows.extend({"canonical_id": c.id, "member_a": lk.a, "member_b": lk.b, "rule": lk.rule,
                          "score": lk.score, "detail": lk.detail} for lk in c.links)
        updates.extend((c.id, m.extra["pk"]) for m in c.members if "pk" in m.extra)
    return entity_rows, alias_rows, link_rows, updates


def _insert_clusters(session: Session, clusters: Sequence[Cluster]) -> None:
    entity_rows, alias_rows, link_rows, updates = _cluster_rows(clusters)
    for table, rows in ((CanonicalEntityRow, entity_rows), (CanonicalAliasRow, alias_rows),
                        (ResolutionLinkRow, link_rows)):
        if rows:
            session.execute(insert(table), rows)
    if updates:
        conn = session.connection()
        conn.exec_driver_sql("UPDATE entities SET canonical_id = ? WHERE id = ?" if conn.dialect.name == "sqlite"
                             else "UPDATE entities SET canonical_id = %s WHERE id = %s", updates)


def save_clusters(session: Session, clusters: Iterable[Cluster]) -> int:
    """Replace the canonical tables with this resolution and point every entity row at its cluster."""
    clusters = list(clusters)
    session.execute(delete(ResolutionLinkRow))
    session.execute(delete(CanonicalAliasRow))
    session.execute(delete(CanonicalEntityRow))
    _insert_clusters(session, clusters)
    session.flush()
    return len(clusters)


def replace_clusters(session: Session, old_ids: Collection[str], clusters: Sequence[Cluster],
                     renamed: Sequence[tuple[str, str]],
                     moves: Sequence[tuple[str, str, str, str]] = ()) -> None:
    """Swap the canonical rows of one region: drop `old_ids` (their links to the clustered members go; the
    caller moves the links of members left out), rename untouched clusters (`renamed`: old id, new id, each id
    freed before it is taken), move left-out members (`moves`: signature, old id, new id, representative key),
    insert `clusters`, point their clustered members at them."""
    delete_links_to(session, [m.key for c in clusters for m in c.members])
    for chunk in _chunks(sorted(old_ids)):
        session.execute(delete(CanonicalAliasRow).where(CanonicalAliasRow.canonical_id.in_(chunk)))
        session.execute(delete(CanonicalEntityRow).where(CanonicalEntityRow.id.in_(chunk)))
    for old, new in renamed:
        params = {"old": old, "new": new}
        session.execute(text("UPDATE canonical_entities SET id = :new WHERE id = :old"), params)
        session.execute(text("UPDATE resolution_links SET canonical_id = :new WHERE canonical_id = :old"), params)
        session.execute(text("UPDATE entities SET canonical_id = :new WHERE canonical_id = :old"), params)
        session.execute(delete(CanonicalAliasRow).where(CanonicalAliasRow.canonical_id == old))
        row = session.get(CanonicalEntityRow, new)
        if row is not None:
            session.refresh(row)
            keys = dict.fromkeys([normalise_name(a) for a in row.aliases] + [normalise_name(new), *row.refs])
            session.execute(insert(CanonicalAliasRow), [{"alias_key": k, "canonical_id": new} for k in keys if k])
    for sig, old, new, representative in moves:
        move_followers(session, sig, old, new, representative)
    _insert_clusters(session, clusters)
    session.flush()


def clusters_with_slugs(session: Session, slugs: Collection[str],
                        exclude: Collection[str]) -> list[tuple[str, str, int, str]]:
    """(id, slug, members, first member) of stored clusters with these slugs, except the `exclude` ids."""
    out = []
    skip = set(exclude)
    for chunk in _chunks(sorted(slugs)):
        rows = session.execute(select(CanonicalEntityRow.id, CanonicalEntityRow.slug, CanonicalEntityRow.n_members,
                                      CanonicalEntityRow.first_member).where(CanonicalEntityRow.slug.in_(chunk)))
        out.extend(tuple(r) for r in rows if r[0] not in skip)
    return sorted(out)


def canonical_ids_of(session: Session, entity_ids: Collection[int]) -> dict[int, str | None]:
    out: dict[int, str | None] = {}
    for chunk in _chunks(sorted(entity_ids)):
        out.update((pk, cid) for pk, cid in session.execute(
            select(EntityRow.id, EntityRow.canonical_id).where(EntityRow.id.in_(chunk))))
    return out


def cluster_signatures(session: Session, canonical_ids: Collection[str]) -> set[str]:
    """The distinct signatures among the members of these canonical entities."""
    out: set[str] = set()
    for chunk in _chunks(sorted(canonical_ids)):
        out.update(session.scalars(
            select(ResolutionKeyRow.sig).distinct()
            .join(EntityRow, EntityRow.id == ResolutionKeyRow.entity_id)
            .where(ResolutionKeyRow.kind == "sig", EntityRow.canonical_id.in_(chunk))))
    return out


def clear_canonical(session: Session) -> None:
    session.execute(update(EntityRow).values(canonical_id=None))


# The resolution index -------------------------------------------------------------------------------------

def index_keys(record: EntityRecord) -> set[tuple[str, str]]:
    """Every key stored for a record: its blocking keys, its signature, and its names (for decisions)."""
    keys = set(blocking_keys(record))
    keys.add(("sig", signature_key(record)))
    keys.update(("name", normalise_name(f)) for f in record.surface_forms if normalise_name(f))
    return keys


def write_index(session: Session, records: Iterable[EntityRecord], replace_all: bool = False) -> int:
    """Store the index keys of these records (refs already looked up); replace_all empties the index first."""
    if replace_all:
        session.execute(delete(ResolutionKeyRow))
    rows = []
    for record in records:
        sig = signature_key(record)
        rows.extend({"entity_id": record.extra["pk"], "kind": kind, "key": key, "sig": sig, "member": record.key}
                    for kind, key in sorted(index_keys(record)))
    for start in range(0, len(rows), 50_000):
        session.execute(insert(ResolutionKeyRow), rows[start:start + 50_000])
    return len(rows)


def _rows(session: Session, sql: str, params: dict) -> list[tuple]:
    """Rows through the driver cursor (`:name` parameters): the index lookups of an incremental run are many
    and small, and statement compilation would cost more than the lookup."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        sql = re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql)
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def block_members(session: Session, kind: str, key: str) -> list[tuple[int, str]]:
    """(entity id, signature) of every entity in one block."""
    return [(pk, sig) for pk, sig in _rows(
        session, "SELECT entity_id, sig FROM resolution_keys WHERE kind = :k AND key = :key", {"k": kind, "key": key})]


def block_signatures(session: Session, kind: str, key: str, exclude: Collection[int], limit: int) -> set[str]:
    """Distinct signatures in a block outside the `exclude` entities, at most `limit` of them."""
    params: dict = {"k": kind, "key": key, "n": limit}
    sql = "SELECT DISTINCT sig FROM resolution_keys WHERE kind = :k AND key = :key"
    if exclude:
        names = ", ".join(f":x{i}" for i in range(len(exclude)))
        params.update({f"x{i}": pk for i, pk in enumerate(sorted(exclude))})
        sql += f" AND entity_id NOT IN ({names})"
    return {r[0] for r in _rows(session, sql + " LIMIT :n", params)}


def block_signatures_all(session: Session, kind: str, key: str) -> list[str]:
    """Every distinct signature in a block (from the index alone)."""
    return [r[0] for r in _rows(session, "SELECT DISTINCT sig FROM resolution_keys WHERE kind = :k AND key = :key",
                                {"k": kind, "key": key})]


def block_representatives(session: Session, kind: str, key: str) -> dict[str, int]:
    """Signature -> entity id of its smallest member key, over the entities of one block (rows come in
    member order from the index)."""
    out: dict[str, int] = {}
    for sig, pk in _rows(session, "SELECT sig, entity_id FROM resolution_keys WHERE kind = :k AND key = :key "
                                  "ORDER BY member", {"k": kind, "key": key}):
        out.setdefault(sig, pk)
    return out


def _sig_members(sig: str):  # noqa: ANN202 - a select
    return select(ResolutionKeyRow.entity_id).where(ResolutionKeyRow.kind == "sig", ResolutionKeyRow.key == sig)


def signature_representative(session: Session, sig: str) -> int | None:
    """The entity id with the smallest member key among the entities of a signature."""
    rows = _rows(session, "SELECT entity_id FROM resolution_keys WHERE kind = 'sig' AND key = :s "
                          "ORDER BY member LIMIT 1", {"s": sig})
    return rows[0][0] if rows else None


def signature_member_ids(session: Session, sig: str) -> list[int]:
    return [r[0] for r in _rows(session, "SELECT entity_id FROM resolution_keys WHERE kind = 'sig' AND key = :s",
                                {"s": sig})]


def signatures_of(session: Session, entity_ids: Collection[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in _chunks(sorted(entity_ids)):
        out.update((pk, sig) for pk, sig in session.execute(
            select(ResolutionKeyRow.entity_id, ResolutionKeyRow.sig)
            .where(ResolutionKeyRow.kind == "sig", ResolutionKeyRow.entity_id.in_(chunk))))
    return out


def signature_followers(session: Session, sig: str, exclude: Collection[int]) -> Followers | None:
    """The entities of a signature other than `exclude`, summarised in SQL (names, forms, type weight)."""
    params: dict = {"s": sig}
    where = "k.kind = 'sig' AND k.key = :s"
    if exclude:
        where += " AND k.entity_id NOT IN (" + ", ".join(f":x{i}" for i in range(len(exclude))) + ")"
        params.update({f"x{i}": pk for i, pk in enumerate(sorted(exclude))})
    rows = _rows(session, "SELECT e.name, CAST(e.aliases AS TEXT), count(*), min(k.member) FROM resolution_keys k "
                          f"JOIN entities e ON e.id = k.entity_id WHERE {where} "
                          "GROUP BY e.name, CAST(e.aliases AS TEXT)", params)
    if not rows:
        return None
    out = Followers()
    for name, aliases, n, first in rows:
        out.count += n
        out.names[name] += n
        forms = EntityRecord("", "", name, "", tuple(json.loads(aliases or "[]") or ())).surface_forms
        out.forms.extend((first, i, f) for i, f in enumerate(forms))
    weight = _rows(session, "SELECT sum(CASE WHEN n = 0 THEN 1 ELSE n END) FROM (SELECT k.entity_id, "
                            "count(m.id) AS n FROM resolution_keys k LEFT JOIN mentions m ON m.entity_id = k.entity_id "
                            f"WHERE {where} GROUP BY k.entity_id) t", params)
    out.type_weight = int(weight[0][0] or 0)
    return out


def move_followers(session: Session, sig: str, old: str, new: str, representative: str) -> None:
    """Point a signature's remaining entities (and their `name` links) from cluster `old` to `new`."""
    session.execute(update(EntityRow).where(EntityRow.canonical_id == old, EntityRow.id.in_(_sig_members(sig)))
                    .values(canonical_id=new))
    session.execute(update(ResolutionLinkRow).where(ResolutionLinkRow.canonical_id == old,
                                                    ResolutionLinkRow.member_a == representative,
                                                    ResolutionLinkRow.rule == "name").values(canonical_id=new))


def delete_links_to(session: Session, member_keys: Collection[str]) -> None:
    """Drop the explanation links that end at these members (they are recomputed)."""
    for chunk in _chunks(sorted(member_keys)):
        session.execute(delete(ResolutionLinkRow).where(ResolutionLinkRow.member_b.in_(chunk)))


def count_documents(session: Session, canonical_ids: Collection[str]) -> None:
    """canonical_entities.n_documents from the members, for these entities."""
    for chunk in _chunks(sorted(canonical_ids)):
        session.execute(update(CanonicalEntityRow).where(CanonicalEntityRow.id.in_(chunk)).values(
            n_documents=select(func.count(func.distinct(EntityRow.doc_id)))
            .where(EntityRow.canonical_id == CanonicalEntityRow.id).scalar_subquery()))


def entities_by_member_keys(session: Session, keys: Collection[str]) -> set[int]:
    out: set[int] = set()
    for key in keys:
        doc_id, _, local_id = key.partition(":")
        if local_id:
            out.update(session.scalars(select(EntityRow.id).where(EntityRow.doc_id == doc_id,
                                                                  EntityRow.local_id == local_id)))
    return out


# Resolution state ------------------------------------------------------------------------------------------

def lock_state(session: Session) -> bool:
    """Take the resolution lock for this transaction (a write to the state row; on PostgreSQL also the
    store-wide advisory lock, so concurrent resolutions run one after another) and say whether a full rebuild
    is needed."""
    lock_store(session.connection(), "resolve")
    if session.execute(update(ResolutionStateRow).where(ResolutionStateRow.id == 1)
                       .values(version=ResolutionStateRow.version + 1)).rowcount == 0:
        session.add(ResolutionStateRow(id=1, version=1, full_needed=True))
        session.flush()
        return True
    return bool(session.scalar(select(ResolutionStateRow.full_needed).where(ResolutionStateRow.id == 1)))


def set_full_needed(session: Session, needed: bool) -> None:
    session.execute(update(ResolutionStateRow).where(ResolutionStateRow.id == 1).values(full_needed=needed))


def pending_documents(session: Session) -> list[str]:
    return sorted(session.scalars(select(ResolutionPendingRow.doc_id)))


def needs_resolution(session: Session) -> bool:
    """Whether documents await resolution or a full rebuild was asked for (cheap: two indexed reads)."""
    if session.scalar(select(ResolutionPendingRow.doc_id).limit(1)) is not None:
        return True
    return bool(session.scalar(select(ResolutionStateRow.full_needed).where(ResolutionStateRow.id == 1)))


def clear_pending(session: Session, doc_ids: Collection[str] | None = None) -> None:
    if doc_ids is None:
        session.execute(delete(ResolutionPendingRow))
        return
    for chunk in _chunks(sorted(doc_ids)):
        session.execute(delete(ResolutionPendingRow).where(ResolutionPendingRow.doc_id.in_(chunk)))
