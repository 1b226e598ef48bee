"""Communities: groups of entities more tied to each other than to the rest (greedy modularity, deterministic)."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from sqlalchemy.orm import Session

from claimgraph.analysis.centrality import undirected
from claimgraph.analysis.graph import GraphFilter, load_graph


@dataclass
class Community:
    index: int
    size: int
    members: list[dict]  # id, name, type; most connected first

    def to_json(self) -> dict:
        return {"index": self.index, "size": self.size, "members": self.members}


def communities(session: Session, min_size: int = 2, filters: GraphFilter | None = None) -> list[Community]:
    """Communities of at least `min_size` linked entities, largest first."""
    simple = undirected(load_graph(session, filters))
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])
    if simple.number_of_nodes() == 0:
        return []
    groups = nx.community.greedy_modularity_communities(simple, weight="weight")
    ordered = sorted((sorted(g, key=lambda n: (-simple.degree(n), simple.nodes[n].get("name", n))) for g in groups),
                     key=lambda g: (-len(g), simple.nodes[g[0]].get("name", g[0])))
    out = []
    for members in ordered:
        if len(members) < min_size:
            continue
        out.append(Community(len(out) + 1, len(members), [
            {"id": n, "name": simple.nodes[n].get("name", n), "type": simple.nodes[n].get("type", "")}
            for n in members]))
    return out
