"""GraphML and GEXF writers, read back with networkx; the GEXF is dynamic with date spells for Gephi."""

from __future__ import annotations

import io

import networkx as nx
from lxml import etree

from claimgraph.exports import MemorySink
from claimgraph.exports.gexf import write_gexf
from claimgraph.exports.graphml import write_graphml

GEXF_NS = {"g": "http://www.gexf.net/1.2draft"}


def _bytes(writer, network) -> bytes:
    sink = MemorySink()
    writer(network, sink)
    return sink.parts[""]


def test_graphml_round_trip_nodes_and_edge_attributes(small_network):
    graph = nx.read_graphml(io.BytesIO(_bytes(write_graphml, small_network)), force_multigraph=True)
    assert graph.number_of_nodes() == 7
    assert graph.number_of_edges() == 4  # the denied-only membership is not drawn
    assert graph.nodes["brannock-liberation-front"] == {
        "label": "Brannock Liberation Front", "type": "organization", "aliases": "Brannock Liberation Front; BLF",
        "refs": "QDe.901", "documents": 2}
    edge = graph.edges["ilse-varga", "brannock-liberation-front", "leader_of"]
    assert edge["relation"] == "leader_of"
    assert (edge["claims"], edge["corroboration"], edge["grade"]) == (2, 2, 2)
    assert (edge["first_date"], edge["last_date"]) == ("2019", "2022-01-20")
    assert edge["claimants"] == "author; Osterran Interior Ministry"
    contested = graph.edges["meridian-relief-trust", "brannock-liberation-front", "supports"]
    assert (contested["denials"], contested["grade"], contested["contradiction"]) == (1, 5, "polarity")


def test_gexf_round_trip_with_time_spells(small_network):
    data = _bytes(write_gexf, small_network)
    graph = nx.read_gexf(io.BytesIO(data))
    assert graph.number_of_nodes() == 7
    assert graph.number_of_edges() == 4
    varga = graph.nodes["ilse-varga"]
    assert (varga["label"], varga["type"], varga["aliases"]) == ("Ilse Varga", "person", "Ilse Varga; Varga")
    assert (varga["start"], varga["end"]) == ("2019-01-01", "2022-01-20")
    edge = graph.edges["brannock-liberation-front", "port-vellin"]
    assert edge["id"] == "edge|brannock-liberation-front|targets|port-vellin"
    assert (edge["relation"], edge["claims"], edge["grade"]) == ("targets", 1, 3)
    assert (edge["start"], edge["end"]) == ("2021-06-02", "2021-06-02")


def test_gexf_declares_dynamic_mode_with_date_timeformat(small_network):
    root = etree.fromstring(_bytes(write_gexf, small_network))
    graph = root.find("g:graph", GEXF_NS)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    spells = {e.get("source") + ">" + e.get("target"): (e.get("start"), e.get("end"))
              for e in root.iterfind(".//g:edge", GEXF_NS)}
    assert spells["ilse-varga>brannock-liberation-front"] == ("2019-01-01", "2022-01-20")


def test_gexf_is_byte_stable_and_dated_by_the_newest_document(small_network):
    first, second = _bytes(write_gexf, small_network), _bytes(write_gexf, small_network)
    assert first == second
    meta = etree.fromstring(first).find("g:meta", GEXF_NS)
    assert meta.get("lastmodifieddate") == "2022-01-20"
