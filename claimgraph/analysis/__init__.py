"""Questions over the network of canonical entities; free of CLI and web imports (they call this API).

Every query takes a SQLAlchemy session and returns plain dataclasses with `to_json()`.
"""

from claimgraph.analysis.centrality import rank
from claimgraph.analysis.communities import communities
from claimgraph.analysis.contradictions import contradictions
from claimgraph.analysis.dossier import dossier
from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.graph import GraphFilter, load_graph
from claimgraph.analysis.paths import find_paths, neighbours
from claimgraph.analysis.resolution import resolve_network
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
