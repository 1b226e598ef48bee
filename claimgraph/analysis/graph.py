"""Loading the network (or a filtered part of it) as a networkx graph, for whole-network measures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import CERTAINTY_RANK


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
    (subject, relation, object) with its grade, counts and best certainty rank, keyed by relation."""
    where, params = _edge_query(filters or GraphFilter())
    graph = nx.MultiDiGraph()
    for row in session.execute(text("SELECT id, name, type, refs FROM canonical_entities ORDER BY id")):
        graph.add_node(row[0], name=row[1], type=row[2], refs=row[3])
    sql = ("SELECT subject_id, relation, object_id, n_claims, n_sources, n_denials, grade, contradiction, "
           f"max_certainty FROM edges WHERE {where} ORDER BY subject_id, relation, object_id")
    for s, rel, o, n_claims, n_sources, n_denials, grade, contradiction, certainty in session.execute(text(sql),
                                                                                                     params):
        graph.add_edge(s, o, key=rel, relation=rel, n_claims=n_claims, n_sources=n_sources, n_denials=n_denials,
                       grade=grade, contradiction=contradiction, max_certainty=certainty)
    return graph
