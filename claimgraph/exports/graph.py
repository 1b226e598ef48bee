"""The exported network as a networkx MultiDiGraph with flat attributes, shared by the GraphML and GEXF writers.

GraphML and GEXF hold scalars only, so lists (aliases, refs, claimants) are joined with LIST_SEPARATOR and a
missing value is left out rather than written as an empty string. One graph edge per (subject, relation,
object), keyed by relation, weighted by its number of claims. Edges that only denials support are left out:
in a drawn graph every line reads as a link (the CSV and STIX exports keep them).
"""

from __future__ import annotations

import re

import networkx as nx

from claimgraph.exports.network import ExportNetwork, day

LIST_SEPARATOR = "; "
# Characters XML 1.0 cannot hold at all (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF):
# any string may reach a writer, so they are dropped here rather than making the XML writer raise.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> object:
    """A string with every character XML 1.0 forbids removed; any other value unchanged."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _present(data: dict) -> dict:
    return {k: xml_text(v) for k, v in data.items() if v is not None}


def to_networkx(network: ExportNetwork, *, spells: bool = False) -> nx.MultiDiGraph:
    """Nodes and edges with flat attributes; `spells=True` adds `start`/`end` days (GEXF's dynamic mode)."""
    graph = nx.MultiDiGraph()
    dates = network.node_dates() if spells else {}
    for node in network.nodes:
        data = {"label": node.name, "type": node.type, "aliases": LIST_SEPARATOR.join(node.aliases),
                "refs": LIST_SEPARATOR.join(node.refs), "documents": len(node.documents)}
        if node.id in dates:
            data["start"], data["end"] = dates[node.id]
        graph.add_node(xml_text(node.id), **{k: xml_text(v) for k, v in data.items()})
    for edge in network.edges:
        subject, obj = xml_text(edge.subject), xml_text(edge.object)
        if not edge.affirmed or subject not in graph or obj not in graph:
            continue
        data = {"relation": edge.relation, "claims": edge.claim_count, "weight": float(edge.claim_count),
                "corroboration": edge.corroboration, "denials": edge.denials, "grade": edge.grade,
                "contradiction": edge.contradiction, "first_date": edge.first_date, "last_date": edge.last_date,
                "claimants": LIST_SEPARATOR.join(edge.claimants), "confirmed": edge.confirmed}
        if spells:
            data["id"] = edge.key  # GEXF edge ids: stable, so Gephi can merge two exports
            start, end = day(edge.first_date), day(edge.last_date)
            data["start"], data["end"] = start, end or start
        graph.add_edge(subject, obj, key=xml_text(edge.relation), **_present(data))
    return graph
