"""GEXF 1.2 for Gephi, dynamic: each node and edge carries a start and end day so Gephi's timeline can replay
the network. An edge spans its first to last dated claim; a node spans every date it is seen with (its edges,
its events, the publication of the documents naming it). Undated nodes and edges are always visible."""

from __future__ import annotations

from networkx.readwrite.gexf import GEXFWriter

from claimgraph.exports.graph import to_networkx
from claimgraph.exports.network import ExportNetwork, day
from claimgraph.exports.sink import Sink

SUFFIX = ".gexf"


def write_gexf(network: ExportNetwork, sink: Sink) -> None:
    graph = to_networkx(network, spells=True)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(graph)
    published = sorted(d for d in (day(doc.published) for doc in network.documents) if d)
    if published:  # the newest document, instead of today, so that exporting twice gives the same bytes
        writer.xml.find("meta").set("lastmodifieddate", published[-1])
    with sink.open("", SUFFIX) as fh:
        writer.write(fh)


__all__ = ["write_gexf"]
