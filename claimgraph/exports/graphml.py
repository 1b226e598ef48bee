"""GraphML (yEd, Cytoscape, Gephi, igraph) through networkx's writer; attributes as in graph.py."""

from __future__ import annotations

import networkx as nx

from claimgraph.exports.graph import to_networkx
from claimgraph.exports.network import ExportNetwork
from claimgraph.exports.sink import Sink

SUFFIX = ".graphml"


def write_graphml(network: ExportNetwork, sink: Sink) -> None:
    graph = to_networkx(network)
    with sink.open("", SUFFIX) as fh:
        nx.write_graphml(graph, fh, encoding="utf-8", prettyprint=True, named_key_ids=True)


__all__ = ["write_graphml"]
