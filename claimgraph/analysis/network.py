"""The network over canonical entities: (re)building it after resolution, finding entities, loading graphs.

`resolve_network(session)` is the one call after storing: cluster the per-document entities (re-applying
analyst decisions), then rebuild the `edges` table with each edge's corroboration, contradiction and grade.
Queries read `edges` through its indexes; only whole-network measures (rank, communities) load a graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field

import networkx as nx
from sqlalchemy import Engine, delete, insert, select, text
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import CERTAINTY_RANK, ClaimView, all_claims
from claimgraph.analysis.contradictions import find_conflict
from claimgraph.analysis.corroboration import source_groups
from claimgraph.analysis.grading import grade_counts
from claimgraph.errors import QueryError
from claimgraph.resolve import EntityRecord, normalise_name, resolve_entities
from claimgraph.store.db import lock_store
from claimgraph.store.resolution import load_decisions, load_records, save_clusters
from claimgraph.store.resolution_models import CanonicalEntityRow, EdgeRow

RefLookup = Callable[[EntityRecord], Sequence[str]]


@dataclass
class ResolveSummary:
    entities: int
    canonical: int
    merged: int  # canonical entities with members from more than one document
    decisions: int
    edges: int
    links_by_rule: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


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


def edge_stats(key: tuple[str, str, str], claims: Sequence[ClaimView]) -> EdgeStats:
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
    by_edge: dict[tuple[str, str, str], list[ClaimView]] = defaultdict(list)
    for claim in claims:
        if claim.subject != claim.object:
            by_edge[claim.edge_key].append(claim)
    return [edge_stats(key, by_edge[key]) for key in sorted(by_edge)]


def rebuild_edges(session: Session, claims: Iterable[ClaimView] | None = None) -> int:
    """Replace the edges table from the stored claims (or from claims given by the caller)."""
    edges = build_edges(all_claims(session) if claims is None else claims)
    session.execute(delete(EdgeRow))
    rows = [e.to_row() for e in edges]
    for start in range(0, len(rows), 50_000):
        session.execute(insert(EdgeRow), rows[start:start + 50_000])
    update_degrees(session)
    session.flush()
    return len(edges)


def update_degrees(session: Session) -> None:
    """canonical_entities.degree = edges touching the entity (what path search weighs frontiers by)."""
    session.execute(text(
        "UPDATE canonical_entities SET degree = "
        "(SELECT count(*) FROM edges WHERE edges.subject_id = canonical_entities.id) + "
        "(SELECT count(*) FROM edges WHERE edges.object_id = canonical_entities.id)"))


RESOLVE_STAGES = ("read entities", "cluster", "save canonical entities", "rebuild edges")


def resolve_network(session: Session, lookup_refs: RefLookup | None = None,
                    progress: Callable[[int, int, str], None] | None = None) -> ResolveSummary:
    """Resolve entities across documents, re-apply analyst decisions, rebuild edges. The caller commits.
    `progress(done, total, stage)` hears of each finished stage of RESOLVE_STAGES. On PostgreSQL the
    transaction holds a store-wide lock: concurrent rebuilds (ingest jobs, analysts' merges) run one after
    another instead of colliding on the canonical ids."""
    lock_store(session.connection(), "resolve")
    total = len(RESOLVE_STAGES)

    def finished(stage: int) -> None:
        if progress:
            progress(stage + 1, total, RESOLVE_STAGES[stage])

    records = load_records(session)
    decisions = load_decisions(session)
    finished(0)
    clusters = resolve_entities(records, decisions, lookup_refs)
    finished(1)
    save_clusters(session, clusters)
    finished(2)
    n_edges = rebuild_edges(session)
    finished(3)
    rules: dict[str, int] = defaultdict(int)
    for c in clusters:
        for link in c.links:
            rules[link.rule] += 1
    return ResolveSummary(len(records), len(clusters), sum(1 for c in clusters if len(c.documents) > 1),
                          len(decisions), n_edges, dict(sorted(rules.items())))


def find_entity(session: Session, name_or_id: str) -> CanonicalEntityRow:
    """A canonical entity by id, by any surface form or by list reference; QueryError E501 if none.
    An ambiguous name picks the entity named so by the most documents."""
    row = session.get(CanonicalEntityRow, name_or_id)
    if row is not None:
        return row
    key = normalise_name(name_or_id)
    ids = session.scalars(text("SELECT canonical_id FROM canonical_aliases WHERE alias_key = :k"),
                          {"k": key}).all()
    if not ids:
        ids = session.scalars(select(CanonicalEntityRow.id).where(CanonicalEntityRow.name_key == key)).all()
    if not ids:
        raise QueryError(f"unknown entity {name_or_id!r}", where=name_or_id, code="E501")
    rows = [session.get(CanonicalEntityRow, i) for i in dict.fromkeys(ids)]
    rows = [r for r in rows if r is not None]
    exact = [r for r in rows if r.name_key == key]
    return max(exact or rows, key=lambda r: (r.n_documents, r.id))


def entity_names(session: Session, ids: Iterable[str]) -> dict[str, CanonicalEntityRow]:
    ids = list(dict.fromkeys(ids))
    out: dict[str, CanonicalEntityRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in session.scalars(select(CanonicalEntityRow).where(CanonicalEntityRow.id.in_(chunk))):
            out[row.id] = row
    return out


@dataclass
class GraphFilter:
    """Which edges a graph keeps: minimum certainty of an affirming claim, worst grade, relations."""

    min_certainty: str | None = None
    max_grade: int | None = None
    relations: Sequence[str] | None = None
    include_denied: bool = False


def _edge_query(f: GraphFilter) -> tuple[str, dict]:
    where, params = [], {}
    if f.min_certainty:
        where.append("max_certainty >= :mc")
        params["mc"] = CERTAINTY_RANK[f.min_certainty]
    if f.max_grade:
        where.append("grade <= :mg")
        params["mg"] = f.max_grade
    if f.relations:
        where.append("relation IN (" + ", ".join(f":r{i}" for i in range(len(f.relations))) + ")")
        params.update({f"r{i}": r for i, r in enumerate(f.relations)})
    if not f.include_denied:
        where.append("n_sources > 0")
    return (" AND ".join(where) or "1=1"), params


def load_graph(session: Session, filters: GraphFilter | None = None) -> nx.MultiDiGraph:
    """The whole network as a MultiDiGraph: nodes are canonical entities (name, type, refs), one edge per
    (subject, relation, object) with its grade and counts, keyed by relation."""
    where, params = _edge_query(filters or GraphFilter())
    graph = nx.MultiDiGraph()
    for row in session.execute(text("SELECT id, name, type, refs FROM canonical_entities ORDER BY id")):
        graph.add_node(row[0], name=row[1], type=row[2], refs=row[3])
    sql = ("SELECT subject_id, relation, object_id, n_claims, n_sources, n_denials, grade, contradiction "
           f"FROM edges WHERE {where} ORDER BY subject_id, relation, object_id")
    for s, rel, o, n_claims, n_sources, n_denials, grade, contradiction in session.execute(text(sql), params):
        graph.add_edge(s, o, key=rel, relation=rel, n_claims=n_claims, n_sources=n_sources, n_denials=n_denials,
                       grade=grade, contradiction=contradiction)
    return graph


def resolve_store(engine: Engine, lookup_refs: RefLookup | None = None) -> ResolveSummary:
    """resolve_network in its own transaction (the call at the end of every ingest)."""
    if lookup_refs is None:
        lookup_refs = default_ref_lookup()
    with Session(engine) as session, session.begin():
        return resolve_network(session, lookup_refs)


def default_ref_lookup() -> RefLookup | None:
    """List references from the sanctions-list gazetteer when it is available."""
    from claimgraph.resolve.gazetteer import lookup_from_default

    return lookup_from_default()
