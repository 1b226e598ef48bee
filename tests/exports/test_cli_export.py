"""`claimgraph export`: every format from a real store, read back with the library that owns the format."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from followthemoney import model
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.exports.stix_extensions import CLAIM, ENTITY, EVENT
from claimgraph.exports.stix_read import parse_bundle
from claimgraph.exports.stix_validation import validate_stix


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _export(runner: CliRunner, url: str, *args: str):
    return runner.invoke(app, ["export", "--db", url, *args])


def test_cli_export_stix_to_stdout(runner, hand_store):
    result = _export(runner, hand_store, "--format", "stix")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        "exported 5 entities, 3 edges (5 claims), 1 events, 2 documents as stix to stdout")
    assert validate_stix(result.stdout).is_valid
    bundle = parse_bundle(result.stdout)
    claims = [o["extensions"][CLAIM.id] for o in bundle.objects if o["type"] == "relationship"]
    quoted = [o for o, c in zip([o for o in bundle.objects if o["type"] == "relationship"], claims, strict=True)
              if c["relation"] == "leader_of" and c["claimant"] == "Osterran Interior Ministry"]
    assert len(quoted) == 1 and quoted[0]["extensions"][CLAIM.id]["certainty"] == "probable"
    assert quoted[0]["confidence"] == 70
    event = next(o for o in bundle.objects if o["type"] == "incident")
    assert event["extensions"][EVENT.id]["date"] == "2021-06-02"
    actors = {o["name"]: o["type"] for o in bundle.objects if ENTITY.id in o.get("extensions", {})}
    assert actors == {"Brannock Liberation Front": "threat-actor", "Ilse Varga": "identity",
                      "Meridian Relief Trust": "identity", "Osterran Interior Ministry": "identity",
                      "Port Vellin": "x-claimgraph-place"}


def test_cli_export_ftm_file(runner, hand_store, tmp_path):
    target = tmp_path / "net.ftm.json"
    result = _export(runner, hand_store, "-f", "ftm", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    entities = [model.get_proxy(json.loads(line)) for line in target.read_text(encoding="utf-8").splitlines()]
    for entity in entities:
        assert entity.schema.validate(entity.to_dict()) is None
    (link,) = [e for e in entities if e.schema.name == "Directorship"]
    assert "Osterran Interior Ministry (probable, positive): The Osterran Interior Ministry said Ilse Varga " \
           "probably still commands the Brannock Liberation Front." in link.get("summary")
    (event,) = [e for e in entities if e.schema.name == "Event"]
    assert event.get("date") == ["2021-06-02"]


def test_cli_export_graphml_and_gexf(runner, hand_store, tmp_path):
    for fmt in ("graphml", "gexf"):
        result = _export(runner, hand_store, "-f", fmt, "-o", str(tmp_path / f"net.{fmt}"))
        assert result.exit_code == 0, result.stderr
    graphml = nx.read_graphml(tmp_path / "net.graphml", force_multigraph=True)
    gexf = nx.read_gexf(tmp_path / "net.gexf")
    assert (graphml.number_of_nodes(), graphml.number_of_edges()) == (5, 3)
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (5, 3)
    leads = graphml.edges["ilse-varga", "brannock-liberation-front", "leader_of"]
    assert (leads["claims"], leads["corroboration"], leads["grade"]) == (2, 2, 2)
    assert leads["claimants"] == "author; Osterran Interior Ministry"
    spell = gexf.edges["ilse-varga", "brannock-liberation-front"]
    assert (spell["start"], spell["end"]) == ("2019-01-01", "2022-01-20")


def test_cli_export_csv_neighbourhood_with_prefix(runner, hand_store, tmp_path):
    result = _export(runner, hand_store, "-f", "csv", "--entity", "Port Vellin", "--depth", "1",
                     "-o", str(tmp_path / "vellin"))
    assert result.exit_code == 0, result.stderr
    with open(tmp_path / "vellin_nodes.csv", encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with open(tmp_path / "vellin_edges.csv", encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert sorted(n["id"] for n in nodes) == ["brannock-liberation-front", "port-vellin"]
    assert [(e["source"], e["relation"], e["target"], e["first_date"]) for e in edges] == [
        ("brannock-liberation-front", "targets", "port-vellin", "2021-06-02")]


def test_cli_export_min_grade(runner, hand_store):
    result = _export(runner, hand_store, "-f", "graphml", "--min-grade", "3")
    assert result.exit_code == 0, result.stderr
    graph = nx.read_graphml(io.BytesIO(result.stdout_bytes), force_multigraph=True)
    assert sorted(k for _, _, k in graph.edges(keys=True)) == ["leader_of", "targets"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["-f", "csv"], 1, "claimgraph: error: -: this format writes several files; give -o DIR or -o PREFIX [E703]\n"),
    (["-f", "stix", "--entity", "Nobody Anywhere"], 1,
     "claimgraph: error: Nobody Anywhere: unknown entity 'Nobody Anywhere' [E501]\n"),
])
def test_cli_export_errors_are_one_line(runner, hand_store, args, code, message):
    result = _export(runner, hand_store, *args, "--quiet")  # progress lines would come first on a slow machine
    assert result.exit_code == code
    assert result.stderr == message
    assert result.stdout == ""


def test_cli_export_missing_directory(runner, hand_store, tmp_path):
    target = tmp_path / "missing" / "net.json"
    result = _export(runner, hand_store, "-f", "stix", "-o", str(target), "--quiet")
    assert result.exit_code == 1
    assert result.stderr == f"claimgraph: error: {target}: directory {target.parent} does not exist [E702]\n"


def test_cli_export_depth_needs_entity(runner, hand_store):
    result = _export(runner, hand_store, "-f", "stix", "--depth", "2")
    assert result.exit_code == 2
    assert "--depth needs --entity" in result.stderr
