"""Questions over the network of canonical entities; free of CLI and web imports (they call this API).

Every query takes a SQLAlchemy session and returns plain dataclasses with `to_json()`.
"""

from claimgraph.analysis.centrality import rank
from claimgraph.analysis.communities import communities
from claimgraph.analysis.contradictions import contradictions
from claimgraph.analysis.dossier import dossier
from claimgraph.analysis.network import GraphFilter, find_entity, load_graph, resolve_network
from claimgraph.analysis.paths import find_paths, neighbours
from claimgraph.analysis.timeline import timeline

__all__ = [
    "GraphFilter",
    "communities",
    "contradictions",
    "dossier",
    "find_entity",
    "find_paths",
    "load_graph",
    "neighbours",
    "rank",
    "resolve_network",
    "timeline",
]
