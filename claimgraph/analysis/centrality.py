"""Who matters in the network: degree, betweenness and PageRank (networkx) over the canonical graph."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import networkx as nx
from sqlalchemy.orm import Session

from claimgraph.analysis.network import GraphFilter, load_graph

RANK_KEYS = ("pagerank", "betweenness", "degree")


@dataclass
class Ranked:
    id: str
    name: str
    type: str
    degree: int  # distinct neighbours, either direction
    betweenness: float
    pagerank: float

    def to_json(self) -> dict:
        return asdict(self)


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per linked pair, weighted by the number of relations between them."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for s, o in graph.edges():
        if s != o:
            weight = simple[s][o]["weight"] + 1 if simple.has_edge(s, o) else 1
            simple.add_edge(s, o, weight=weight)
    return simple


def rank(session: Session, by: str = "pagerank", limit: int | None = 20,
         filters: GraphFilter | None = None) -> list[Ranked]:
    """Entities with at least one edge, best first by `by` (ties by name); scores rounded to 4 places."""
    if by not in RANK_KEYS:
        raise ValueError(f"rank by one of {RANK_KEYS}")
    graph = load_graph(session, filters)
    simple = undirected(graph)
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if simple.number_of_nodes() == 0:
        return []
    between = nx.betweenness_centrality(simple, normalized=True)
    pagerank = nx.pagerank(simple.to_directed(), weight=None)
    rows = [Ranked(n, simple.nodes[n].get("name", n), simple.nodes[n].get("type", ""), simple.degree(n),
                   round(between[n], 4), round(pagerank[n], 4)) for n in simple]
    rows.sort(key=lambda r: (-getattr(r, by), r.name))
    return rows[:limit] if limit else rows
