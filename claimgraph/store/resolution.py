"""Reading per-document entities for resolution and writing its result (canonical ids, aliases, explanations),
the resolution index (blocking keys per entity) and the resolution state (documents awaiting resolution).

The clustering itself lives in `claimgraph.resolve`; this module only moves records in and out of the store.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence

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
    ResolutionBlockRow,
    ResolutionFormRow,
    ResolutionKeyRow,
    ResolutionLinkRow,
    ResolutionPendingRow,
    ResolutionSignatureRow,
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


def _cluster_rows(clusters: Sequence[Cluster], n_documents: Mapping[str, int] | None = None,
                  ) -> tuple[list[dict], list[dict], list[dict], list[tuple]]:
    entity_rows, alias_rows, link_rows, updates = [], [], [], []
    for c in clusters:
        n_docs = n_documents.get(c.id, len(c.documents)) if n_documents else len(c.documents)
        entity_rows.append({"id": c.id, "name": c.name, "name_key": normalise_name(c.name), "type": c.type,
                            "aliases": c.aliases, "refs": c.refs, "n_documents": n_docs,
                            "slug": cluster_slug(c.name), "n_members": c.size,
                            "first_member": c.members[0].key, "degree": 0})
        keys = dict.fromkeys([normalise_name(a) for a in c.aliases] + [normalise_name(c.id), *c.refs])
        alias_rows.extend({"alias_key": k, "canonical_id": c.id} for k in keys if k)
        link_rows.extend({"canonical_id": c.id, "member_a": lk.a, "member_b": lk.b, "rule": lk.rule,
                          "score": lk.score, "detail": lk.detail} for lk in c.links)
        updates.extend((c.id, m.extra["pk"]) for m in c.members if "pk" in m.extra)
    return entity_rows, alias_rows, link_rows, updates


def _insert_clusters(session: Session, clusters: Sequence[Cluster],
                     n_documents: Mapping[str, int] | None = None) -> None:
    entity_rows, alias_rows, link_rows, updates = _cluster_rows(clusters, n_documents)
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
                     moves: Sequence[tuple[str, str, str, str]] = (),
                     n_documents: Mapping[str, int] | None = None) -> None:
    """Swap the canonical rows of one region: drop `old_ids` (their links to the clustered members go; the
    caller moves the links of members left out), rename untouched clusters (`renamed`: old id, new id, each id
    freed before it is taken), move left-out members (`moves`: signature, old id, new id, representative key),
    insert `clusters` (with `n_documents` where the caller knows it), point their clustered members at them."""
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
    _insert_clusters(session, clusters, n_documents)
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


def _counts_by_key(session: Session, key, count, keys: Collection[str]) -> dict[str, int]:
    """`key -> count` for the rows whose `key` column is one of `keys` (in chunks, for the IN-list limit)."""
    out: dict[str, int] = {}
    for chunk in _chunks(sorted(keys)):
        out.update(session.execute(select(key, count).where(key.in_(chunk))).all())
    return out


def cluster_member_counts(session: Session, canonical_ids: Collection[str]) -> dict[str, int]:
    """n_members (entities pointing at it) of these canonical entities, those that exist."""
    return _counts_by_key(session, CanonicalEntityRow.id, CanonicalEntityRow.n_members, canonical_ids)


def signature_sizes(session: Session, sigs: Collection[str]) -> dict[str, int]:
    """How many entities each of these signatures has (resolution_signatures.n), those that exist."""
    return _counts_by_key(session, ResolutionSignatureRow.sig, ResolutionSignatureRow.n, sigs)


def clear_canonical(session: Session) -> None:
    session.execute(update(EntityRow).values(canonical_id=None))


# The resolution index -------------------------------------------------------------------------------------

def index_keys(record: EntityRecord) -> set[tuple[str, str]]:
    """Every key stored for a record: its blocking keys, its signature, and its names (for decisions)."""
    keys = set(blocking_keys(record))
    keys.add(("sig", signature_key(record)))
    keys.update(("name", normalise_name(f)) for f in record.surface_forms if normalise_name(f))
    return keys


ENTITY_KINDS = frozenset({"sig", "name"})  # index keys kept per entity; the blocking kinds go to resolution_blocks


def form_digest(name: str, aliases: Sequence[str]) -> str:
    """The key of one (name, aliases) in resolution_forms."""
    return hashlib.sha1(json.dumps([name, list(aliases)], ensure_ascii=False).encode("utf-8")).hexdigest()


def write_index(session: Session, records: Iterable[EntityRecord], replace_all: bool = False) -> int:
    """Store the index of these records (refs already looked up): their signature and name keys one row per
    entity, their blocking keys and names added to the per-signature aggregates. replace_all empties the index
    first; otherwise the records are new and are added to what is there."""
    if replace_all:
        for table in (ResolutionKeyRow, ResolutionBlockRow, ResolutionSignatureRow, ResolutionFormRow):
            session.execute(delete(table))
    rows: list[dict] = []
    blocks: dict[tuple[str, str, str], list] = {}  # (kind, key, sig) -> [n, first member, first entity]
    sigs: dict[str, list[int]] = {}  # sig -> [n, type weight]
    forms: dict[tuple[str, str], list] = {}  # (sig, form digest) -> [name, aliases, n, first member]
    for record in records:
        sig, pk = signature_key(record), record.extra["pk"]
        for kind, key in sorted(index_keys(record)):
            if kind in ENTITY_KINDS:
                rows.append({"entity_id": pk, "kind": kind, "key": key, "sig": sig, "member": record.key})
            else:
                _add_first(blocks, (kind, key, sig), record.key, pk)
        agg = sigs.setdefault(sig, [0, 0])
        agg[0] += 1
        agg[1] += max(record.mentions, 1)
        form = forms.setdefault((sig, form_digest(record.name, record.aliases)),
                                [record.name, list(record.aliases), 0, record.key])
        form[2] += 1
        form[3] = min(form[3], record.key)
    for start in range(0, len(rows), 50_000):
        session.execute(insert(ResolutionKeyRow), rows[start:start + 50_000])
    if not replace_all:
        _merge_stored(session, blocks, sigs, forms)
    _insert_many(session, ResolutionBlockRow, [{"kind": k, "key": key, "sig": sig, "n": n, "first_member": first,
                                                "first_entity": pk}
                                               for (k, key, sig), (n, first, pk) in blocks.items()])
    _insert_many(session, ResolutionSignatureRow, [{"sig": sig, "n": n, "type_weight": w}
                                                   for sig, (n, w) in sigs.items()])
    _insert_many(session, ResolutionFormRow, [{"sig": sig, "form": digest, "name": name, "aliases": aliases, "n": n,
                                               "first_member": first}
                                              for (sig, digest), (name, aliases, n, first) in forms.items()])
    return len(rows)


def _add_first(blocks: dict, key: tuple, member: str, pk: int, n: int = 1) -> None:
    agg = blocks.get(key)
    if agg is None:
        blocks[key] = [n, member, pk]
        return
    agg[0] += n
    if member < agg[1]:
        agg[1], agg[2] = member, pk


def _insert_many(session: Session, table: type, rows: list[dict]) -> None:
    for start in range(0, len(rows), 50_000):
        if rows[start:start + 50_000]:
            session.execute(insert(table), rows[start:start + 50_000])


def _rows_matching(session: Session, match: Sequence, wanted: Collection[tuple], columns: Sequence) -> list[tuple]:
    """Rows whose `match` columns form one of the `wanted` tuples, with `columns` after them. Each column gets
    an IN list (SQLite scans the table for a list of row values, but looks every combination of IN lists up in
    the index), and the rows that only combine wanted values are dropped here."""
    wanted = set(wanted)
    ordered = sorted(wanted)  # sorted, so a chunk's IN lists share values; each list has at most CHUNK values
    out: dict[tuple, tuple] = {}
    for start in range(0, len(ordered), CHUNK):
        group = ordered[start:start + CHUNK]
        query = select(*match, *columns).where(*(col.in_(sorted({w[i] for w in group}))
                                                 for i, col in enumerate(match)))
        for r in session.execute(query):
            row = tuple(r)
            if row[:len(match)] in wanted:
                out[row] = row  # chunks may overlap on a row: each row once
    return list(out.values())


def _merge_stored(session: Session, blocks: dict, sigs: dict, forms: dict) -> None:
    """Fold the stored aggregates these new records add to into the dicts (and delete the stored rows, which
    are written again merged). Member keys are compared in Python, as clustering compares them."""
    block, form, signature = ResolutionBlockRow, ResolutionFormRow, ResolutionSignatureRow
    found = _rows_matching(session, (block.kind, block.key, block.sig), blocks,
                           (block.id, block.n, block.first_member, block.first_entity))
    for kind, key, sig, _, n, first, entity in found:
        _add_first(blocks, (kind, key, sig), first, entity, n)
    _delete_ids(session, block, [r[3] for r in found])
    found = _rows_matching(session, (signature.sig,), [(sig,) for sig in sigs], (signature.n, signature.type_weight))
    for sig, n, weight in found:
        sigs[sig][0] += n
        sigs[sig][1] += weight
    for start in range(0, len(found), CHUNK):
        session.execute(delete(signature).where(signature.sig.in_([r[0] for r in found[start:start + CHUNK]])))
    found = _rows_matching(session, (form.sig, form.form), forms, (form.id, form.n, form.first_member))
    for sig, digest, _, n, first in found:
        agg = forms[(sig, digest)]
        agg[2] += n
        agg[3] = min(agg[3], first)
    _delete_ids(session, form, [r[2] for r in found])


def _delete_ids(session: Session, table: type, ids: list[int]) -> None:
    for start in range(0, len(ids), CHUNK):
        session.execute(delete(table).where(table.id.in_(ids[start:start + CHUNK])))


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
    """(entity id, signature) of every entity with this key (kinds `name` and `sig` only)."""
    return [(pk, sig) for pk, sig in _rows(
        session, "SELECT entity_id, sig FROM resolution_keys WHERE kind = :k AND key = :key", {"k": kind, "key": key})]


def block_sizes(session: Session, kind: str, key: str, limit: int) -> dict[str, int]:
    """Signature -> entities in one block, for at most `limit` signatures."""
    return dict(_rows(session, "SELECT sig, n FROM resolution_blocks WHERE kind = :k AND key = :key LIMIT :n",
                      {"k": kind, "key": key, "n": limit}))


def block_signatures_all(session: Session, kind: str, key: str) -> list[str]:
    """Every distinct signature in a block."""
    return [r[0] for r in _rows(session, "SELECT sig FROM resolution_blocks WHERE kind = :k AND key = :key",
                                {"k": kind, "key": key})]


def block_representatives(session: Session, kind: str, key: str) -> dict[str, int]:
    """Signature -> entity id of its smallest member key among the entities of one block."""
    return dict(_rows(session, "SELECT sig, first_entity FROM resolution_blocks WHERE kind = :k AND key = :key",
                      {"k": kind, "key": key}))


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


def signature_size(session: Session, sig: str) -> int:
    rows = _rows(session, "SELECT n FROM resolution_signatures WHERE sig = :s", {"s": sig})
    return rows[0][0] if rows else 0


def signatures_of(session: Session, entity_ids: Collection[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for chunk in _chunks(sorted(entity_ids)):
        out.update((pk, sig) for pk, sig in session.execute(
            select(ResolutionKeyRow.entity_id, ResolutionKeyRow.sig)
            .where(ResolutionKeyRow.kind == "sig", ResolutionKeyRow.entity_id.in_(chunk))))
    return out


def _add_forms(out: Followers, name: str, aliases: Sequence[str], n: int, first: str) -> None:
    out.count += n
    out.names[name] += n
    forms = EntityRecord("", "", name, "", tuple(aliases)).surface_forms
    out.forms.extend((first, i, f) for i, f in enumerate(forms))


def signature_followers(session: Session, sig: str, clustered: Sequence[EntityRecord]) -> Followers | None:
    """The entities of a signature other than the `clustered` records, summarised from the signature's
    aggregates minus those records. A group of forms keeps the smallest member key of all its entities as its
    place in the alias order: a clustered record of the signature sits in the same cluster with those same
    forms under that same key, so the order comes out as if the key of the first follower were used (a record
    a split moved elsewhere is not; the caller then asks `signature_followers_exact`)."""
    rows = _rows(session, "SELECT n, type_weight FROM resolution_signatures WHERE sig = :s", {"s": sig})
    if not rows:
        return None
    n, weight = rows[0]
    taken: dict[str, int] = {}
    for r in clustered:
        n -= 1
        weight -= max(r.mentions, 1)
        digest = form_digest(r.name, r.aliases)
        taken[digest] = taken.get(digest, 0) + 1
    if n <= 0:
        return None
    out = Followers(type_weight=weight)
    for digest, name, aliases, count, first in _rows(
            session, "SELECT form, name, CAST(aliases AS TEXT), n, first_member FROM resolution_forms WHERE sig = :s",
            {"s": sig}):
        count -= taken.get(digest, 0)
        if count > 0:
            _add_forms(out, name, json.loads(aliases or "[]") or (), count, first)
    return out


def signature_followers_exact(session: Session, sig: str, exclude: Collection[int]) -> Followers | None:
    """The same summary read from the entities themselves (cost: the signature's size)."""
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
        _add_forms(out, name, json.loads(aliases or "[]") or (), n, first)
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


def entity_ids_by_member_key(session: Session, keys: Collection[str]) -> dict[str, int]:
    """Member key -> entity id, for the keys that name a stored entity (a decision names a cluster by all of
    its members: one query per few hundred keys, not per key)."""
    pairs = {(doc_id, local_id) for doc_id, _, local_id in (k.partition(":") for k in keys) if local_id}
    return {member_key(doc_id, local_id): pk for doc_id, local_id, pk in
            _rows_matching(session, (EntityRow.doc_id, EntityRow.local_id), pairs, (EntityRow.id,))}


def entities_by_member_keys(session: Session, keys: Collection[str]) -> set[int]:
    return set(entity_ids_by_member_key(session, keys).values())


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
