"""Grading edges: corroboration, contradiction and Admiralty grade of each (subject, relation, object), written
to the `edges` table, either all at once or only for the edges a resolution changed."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

from sqlalchemy import delete, insert, text
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import CERTAINTY_RANK, ClaimView, all_claims, claims_for_edges, fetch_rows
from claimgraph.analysis.contradictions import find_conflict
from claimgraph.analysis.corroboration import source_groups
from claimgraph.analysis.grading import grade_counts
from claimgraph.store.resolution_models import EdgeRow

EdgeKey = tuple[str, str, str]
_CHUNK = 500


@dataclass(frozen=True)
class EdgeStats:
    subject: str
    relation: str
    object: str
    n_claims: int
    n_documents: int
    n_sources: int
    n_denials: int
    max_certainty: int
    grade: int
    contradiction: str | None
    first_date: str | None
    last_date: str | None

    def to_row(self) -> dict:
        row = asdict(self)
        row["subject_id"], row["object_id"] = row.pop("subject"), row.pop("object")
        return row


def edge_stats(key: EdgeKey, claims: Sequence[ClaimView]) -> EdgeStats:
    """Corroboration, contradiction and grade of one edge from its claims."""
    if len(claims) == 1:  # most edges: no grouping or comparison needed
        c = claims[0]
        rank, date = CERTAINTY_RANK.get(c.certainty, 0), c.date or c.published
        if c.polarity == "negative":
            return EdgeStats(key[0], key[1], key[2], 1, 1, 0, 1, 0, grade_counts(0, 1, 0, 0, False), None, date, date)
        return EdgeStats(key[0], key[1], key[2], 1, 1, 1, 0, rank,
                         grade_counts(1, 0, rank, int(c.certainty == "certain"), False), None, date, date)
    affirmed = [c for c in claims if c.polarity != "negative"]
    denied = [c for c in claims if c.polarity == "negative"]
    groups = source_groups(affirmed)
    certain = sum(1 for g in groups if any(c.certainty == "certain" for c in g))
    max_c = max((CERTAINTY_RANK.get(c.certainty, 0) for c in affirmed), default=0)
    conflict = find_conflict(claims)
    n_denials = len(source_groups(denied))
    grade = grade_counts(len(groups), n_denials, max_c, certain,
                         conflict is not None and conflict.kind == "certainty")
    dates = sorted(d for d in (c.date or c.published for c in claims) if d)
    return EdgeStats(key[0], key[1], key[2], len(claims), len({c.document_id for c in claims}), len(groups),
                     n_denials, max_c, grade, conflict.kind if conflict else None,
                     dates[0] if dates else None, dates[-1] if dates else None)


def build_edges(claims: Iterable[ClaimView]) -> list[EdgeStats]:
    by_edge: dict[EdgeKey, list[ClaimView]] = defaultdict(list)
    for claim in claims:
        if claim.subject != claim.object:
            by_edge[claim.edge_key].append(claim)
    return [edge_stats(key, by_edge[key]) for key in sorted(by_edge)]


def _insert(session: Session, edges: Sequence[EdgeStats]) -> None:
    rows = [e.to_row() for e in edges]
    for start in range(0, len(rows), 50_000):
        session.execute(insert(EdgeRow), rows[start:start + 50_000])


def rebuild_edges(session: Session, claims: Iterable[ClaimView] | None = None) -> int:
    """Replace the edges table from the stored claims (or from claims given by the caller)."""
    edges = build_edges(all_claims(session) if claims is None else claims)
    session.execute(delete(EdgeRow))
    _insert(session, edges)
    update_degrees(session)
    session.flush()
    return len(edges)


def _in(column: str, values: Sequence[str], prefix: str) -> tuple[str, dict]:
    names = ", ".join(f":{prefix}{i}" for i in range(len(values)))
    return f"{column} IN ({names})", {f"{prefix}{i}": v for i, v in enumerate(values)}


def stored_edge_keys(session: Session, canonical_ids: Collection[str]) -> set[EdgeKey]:
    """Keys of the stored edges with either end among these canonical entities."""
    ids = sorted(canonical_ids)
    keys: set[EdgeKey] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for column in ("subject_id", "object_id"):
            where, params = _in(column, chunk, "c")
            keys.update((s, r, o) for s, r, o in fetch_rows(
                session, f"SELECT subject_id, relation, object_id FROM edges WHERE {where}", params))
    return keys


def refresh_edges(session: Session, keys: Collection[EdgeKey], degrees: Mapping[str, int] | None = None) -> int:
    """Recompute exactly these edges from their claims: rows are replaced, an edge left without claims goes.
    `degrees` holds, for canonical entities whose row was rewritten since, how many edges touched them before;
    every entity at an end of these edges gets that count (or its stored degree) minus the edges deleted plus
    the edges written, so a hub's degree is never counted again (without `degrees`, as when a review changes
    claims but no canonical row, every end starts from its stored degree). Returns the number of edges written."""
    degrees = degrees or {}
    keys = sorted(set(keys))
    if not keys:
        set_degrees(session, dict(degrees))
        return 0
    by_edge: dict[EdgeKey, list[ClaimView]] = defaultdict(list)
    wanted = set(keys)
    for claim in claims_for_edges(session, keys):
        if claim.subject != claim.object and claim.edge_key in wanted:
            by_edge[claim.edge_key].append(claim)
    change: Counter[str] = Counter()
    for s, rel, o in keys:
        deleted = session.execute(text("DELETE FROM edges WHERE subject_id = :s AND relation = :r AND object_id = :o"),
                                  {"s": s, "r": rel, "o": o}).rowcount
        change[s] -= deleted
        change[o] -= deleted
    edges = [edge_stats(key, by_edge[key]) for key in keys if by_edge.get(key)]
    for e in edges:
        change[e.subject] += 1
        change[e.object] += 1
    _insert(session, edges)
    before = dict(degrees)
    stored = sorted(change.keys() - before.keys())
    for start in range(0, len(stored), _CHUNK):
        where, params = _in("id", stored[start:start + _CHUNK], "c")
        before.update(fetch_rows(session, f"SELECT id, degree FROM canonical_entities WHERE {where}", params))
    set_degrees(session, {cid: before.get(cid, 0) + change[cid] for cid in before.keys() | change.keys()})
    session.flush()
    return len(edges)


def canonical_degrees(session: Session, canonical_ids: Collection[str]) -> dict[str, int]:
    """Stored degree of these canonical entities (those that exist)."""
    ids = sorted(canonical_ids)
    out: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        where, params = _in("id", ids[start:start + _CHUNK], "c")
        out.update(fetch_rows(session, f"SELECT id, degree FROM canonical_entities WHERE {where}", params))
    return out


def set_degrees(session: Session, degrees: Mapping[str, int]) -> None:
    if degrees:
        session.execute(text("UPDATE canonical_entities SET degree = :d WHERE id = :c"),
                        [{"c": cid, "d": d} for cid, d in sorted(degrees.items())])


def update_degrees(session: Session, canonical_ids: Collection[str] | None = None) -> None:
    """canonical_entities.degree = edges touching the entity (what path search weighs frontiers by); for all
    entities, or only these."""
    sql = ("UPDATE canonical_entities SET degree = "
           "(SELECT count(*) FROM edges WHERE edges.subject_id = canonical_entities.id) + "
           "(SELECT count(*) FROM edges WHERE edges.object_id = canonical_entities.id)")
    if canonical_ids is None:
        session.execute(text(sql))
        return
    ids = sorted(canonical_ids)
    for start in range(0, len(ids), _CHUNK):
        where, params = _in("id", ids[start:start + _CHUNK], "c")
        session.execute(text(f"{sql} WHERE {where}"), params)
