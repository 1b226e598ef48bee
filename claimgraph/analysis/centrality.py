"""Who matters in the network: degree, betweenness and PageRank (networkx) over the canonical graph."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import networkx as nx
from sqlalchemy.orm import Session

from claimgraph.analysis.graph import GraphFilter, load_graph

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


def pagerank_scores(graph: nx.Graph, damping: float = 0.85, tol: float = 1e-10, max_iter: int = 200
                    ) -> dict[str, float]:
    """PageRank by power iteration on the undirected graph (each link counts both ways, unweighted); written out
    because networkx's own implementation needs scipy, which the package does not otherwise use."""
    nodes = list(graph)
    n = len(nodes)
    rank_ = dict.fromkeys(nodes, 1.0 / n)
    degree = {v: graph.degree(v) for v in nodes}
    for _ in range(max_iter):
        dangling = sum(rank_[v] for v in nodes if degree[v] == 0)
        new = {}
        for v in nodes:
            incoming = sum(rank_[u] / degree[u] for u in graph.neighbors(v))
            new[v] = (1.0 - damping) / n + damping * (incoming + dangling / n)
        delta = sum(abs(new[v] - rank_[v]) for v in nodes)
        rank_ = new
        if delta < n * tol:
            break
    return rank_


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
    pagerank = pagerank_scores(simple)
    rows = [Ranked(n, simple.nodes[n].get("name", n), simple.nodes[n].get("type", ""), simple.degree(n),
                   round(between[n], 4), round(pagerank[n], 4)) for n in simple]
    rows.sort(key=lambda r: (-getattr(r, by), r.name))
    return rows[:limit] if limit else rows
