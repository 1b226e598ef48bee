"""CSV writer: a nodes file and an edges file, read back with the csv module."""

from __future__ import annotations

import csv

import pytest

from claimgraph.errors import ExportError
from claimgraph.exports import FileSink, StreamSink
from claimgraph.exports.csv import EDGE_COLUMNS, NODE_COLUMNS, write_csv


def _read(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_writes_nodes_and_edges_into_a_directory(small_network, tmp_path):
    write_csv(small_network, FileSink(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edges.csv", "nodes.csv"]
    nodes, edges = _read(tmp_path / "nodes.csv"), _read(tmp_path / "edges.csv")
    assert list(nodes[0]) == NODE_COLUMNS and list(edges[0]) == EDGE_COLUMNS
    assert len(nodes) == 7 and len(edges) == 5
    assert nodes[0] == {"id": "brannock-liberation-front", "label": "Brannock Liberation Front",
                        "type": "organization", "aliases": "Brannock Liberation Front; BLF", "refs": "QDe.901",
                        "documents": "2"}
    leads = next(e for e in edges if e["relation"] == "leader_of")
    assert leads["claimants"] == "author; Osterran Interior Ministry"
    assert leads["certainties"] == "author: certain positive; Osterran Interior Ministry: probable positive"
    assert (leads["claims"], leads["corroboration"], leads["grade"]) == ("2", "2", "2")
    assert (leads["first_date"], leads["last_date"]) == ("2019", "2022-01-20")
    denied = next(e for e in edges if e["relation"] == "member_of")
    assert (denied["source"], denied["corroboration"], denied["denials"]) == ("dorn-kessler", "0", "1")


def test_csv_prefix_names_both_files(small_network, tmp_path):
    write_csv(small_network, FileSink(tmp_path / "blf"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blf_edges.csv", "blf_nodes.csv"]


def test_csv_refuses_a_single_stream(small_network, tmp_path):
    with open(tmp_path / "out", "wb") as fh, pytest.raises(ExportError) as caught:
        write_csv(small_network, StreamSink(fh))
    assert caught.value.code == "E703"
    assert (tmp_path / "out").read_bytes() == b""
