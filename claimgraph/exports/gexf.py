"""GEXF 1.2 for Gephi, dynamic: each node and edge carries a start and end day so Gephi's timeline can replay
the network. An edge spans its first to last dated claim; a node spans every date it is seen with (its edges,
its events, the publication of the documents naming it). Undated nodes and edges are always visible."""

from __future__ import annotations

import networkx as nx

from claimgraph.exports.graph import to_networkx
from claimgraph.exports.network import ExportNetwork
from claimgraph.exports.sink import Sink

SUFFIX = ".gexf"


def write_gexf(network: ExportNetwork, sink: Sink) -> None:
    graph = to_networkx(network, spells=True)
    with sink.open("", SUFFIX) as fh:
        nx.write_gexf(graph, fh, encoding="utf-8", prettyprint=True, version="1.2draft")


__all__ = ["write_gexf"]
