"""Items 6 and 7: control characters never reach a document or break an export; CSV formula cells are
neutralised; a deeply nested HTML page keeps its article text (or is refused), never just its title."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from claimgraph.errors import IngestError
from claimgraph.exports.csv import write_csv
from claimgraph.exports.gexf import write_gexf
from claimgraph.exports.graphml import write_graphml
from claimgraph.exports.network import ExportClaim, ExportDocument, ExportEdge, ExportNetwork, ExportNode
from claimgraph.exports.sink import MemorySink
from claimgraph.ingest.sources import read_source

HOSTILE = "Vash\x01mere\x0b Rowing\x0cClub\x1b[31m\x7f"
DOC = "c0ffee0000000001"


def _network() -> ExportNetwork:
    nodes = [ExportNode("vashmere", HOSTILE, "organization", [HOSTILE, "=HYPERLINK(\"http://x\")"], [], [DOC]),
             ExportNode("brannock", "+Brannock\x02", "place", ["@SUM(A1)", "-2+3"], [], [DOC])]
    claim = ExportClaim(DOC, "vashmere", "operates_in", "brannock", "=cmd|' /C calc'!A0", None, "certain",
                        "positive", "The club \x01rows in Brannock.", 0, 27, published="2024-01-02")
    edge = ExportEdge("vashmere", "operates_in", "brannock", [claim], corroboration=1, grade=3,
                      contradiction="\x0bnone", first_date="2024-01-02", last_date="2024-01-02")
    return ExportNetwork(nodes, [edge], [ExportDocument(DOC, title="Note\x01", published="2024-01-02")], [])


def test_graphml_and_gexf_hold_any_string() -> None:
    network = _network()
    sink = MemorySink()
    write_graphml(network, sink)
    graph = nx.read_graphml(io.StringIO(sink.text()))
    label = graph.nodes["vashmere"]["label"]
    assert label.startswith("Vashmere Rowing") and not any(c in label for c in "\x01\x0b\x0c\x1b")
    gexf = MemorySink()
    write_gexf(network, gexf)
    root = ET.fromstring(gexf.text().encode("utf-8"))  # well-formed XML
    assert root.tag.endswith("gexf")


def test_csv_formula_cells_are_neutralised() -> None:
    sink = MemorySink()
    write_csv(network := _network(), sink)
    nodes = list(csv.DictReader(io.StringIO(sink.text("nodes"))))
    labels = {r["id"]: r["label"] for r in nodes}
    assert labels["brannock"].startswith("'+Brannock")
    aliases = {r["id"]: r["aliases"] for r in nodes}
    assert aliases["brannock"].startswith("'@SUM")
    edges = list(csv.DictReader(io.StringIO(sink.text("edges"))))
    assert edges[0]["claimants"].startswith("'=cmd")
    assert network.nodes[0].name == HOSTILE  # the writer did not change the network itself
    for row in nodes + edges:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r", value


def test_ingest_drops_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    filler = "The club said on Monday that it had opened a new boathouse on the river after a long winter. " * 5
    path.write_text(f"Harbour {HOSTILE} news\n\nThe {HOSTILE} said it had opened a boathouse.\n\n{filler}\n",
                    encoding="utf-8")
    [doc] = read_source(str(path))
    assert not any(ord(c) < 32 and c not in "\t\n" or ord(c) == 127 for c in doc.text)
    for value in (doc.metadata.title or "", *doc.metadata.authors):
        assert not any(ord(c) < 32 or ord(c) == 127 for c in value)


def _deep_page(depth: int) -> str:
    paragraphs = "".join(f"<p>Paragraph {i}: the Vashmere Rowing Club said on Monday that it had opened a new "
                         "boathouse on the river.</p>" for i in range(4))
    return (f"<!doctype html><html><head><title>Deep page title</title></head><body>{'<div>' * depth}"
            f"{paragraphs}{'</div>' * depth}</body></html>")


@pytest.mark.parametrize("depth", [10, 300, 5000])
def test_deep_html_keeps_its_body(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_deep_page(depth), encoding="utf-8")
    [doc] = read_source(str(path))
    assert "Paragraph 3: the Vashmere Rowing Club" in doc.text
    assert doc.text.count("Paragraph") == 4


def test_html_with_nothing_but_a_title_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Only a title</title></head><body><h1>Only a title</h1></body></html>",
                    encoding="utf-8")
    with pytest.raises(IngestError, match="no readable text"):
        read_source(str(path))
