"""Every format exported from the demo corpus (real pipeline, real store) and read back with the library that
owns the format. Expected counts and values come from the store through plain SQL, so the test follows the
extractor as it improves but fails whenever an export loses or changes what the store holds."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.exports.stix_extensions import CLAIM, EVENT
from claimgraph.exports.stix_read import bundle_edges, parse_bundle
from claimgraph.exports.stix_validation import stix_issues, validate_stix

FTM = Path(sys.executable).parent / "ftm"


def _sql(url: str, query: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(query))]
    finally:
        engine.dispose()


def _export(url: str, fmt: str, target: Path) -> Path:
    result = CliRunner().invoke(app, ["export", "--db", url, "-f", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def demo_files(demo_export_store, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("demo-exports")
    files = {fmt: _export(demo_export_store, fmt, out / f"demo.{fmt}") for fmt in ("stix", "ftm", "graphml", "gexf")}
    _export(demo_export_store, "csv", out)
    files["nodes"], files["edges"] = out / "nodes.csv", out / "edges.csv"
    return files


def _quoted_claim(url: str) -> tuple[str, str, str, str]:
    """The first stored claim made by a named source: (source name, certainty, polarity, evidence)."""
    rows = _sql(url, """
        SELECT ce.name, c.certainty, c.polarity, c.evidence_text FROM claims c
        JOIN entities s ON s.id = c.subject_id JOIN entities o ON o.id = c.object_id
        JOIN entities src ON src.id = c.source_id JOIN canonical_entities ce ON ce.id = src.canonical_id
        JOIN edges e ON e.subject_id IN (s.canonical_id, o.canonical_id) AND e.relation = c.relation
             AND e.object_id IN (s.canonical_id, o.canonical_id)
        WHERE s.canonical_id != o.canonical_id ORDER BY c.id LIMIT 1""")
    if not rows:
        pytest.skip("the demo corpus yields no claim with a named source")
    return rows[0]


def test_demo_stix_round_trip(demo_export_store, demo_files):
    data = demo_files["stix"].read_text(encoding="utf-8")
    result = validate_stix(data)
    assert stix_issues(result) == []
    assert result.is_valid
    bundle = parse_bundle(data)
    kinds = Counter(o["type"] for o in bundle.objects)
    (entities,) = _sql(demo_export_store, "SELECT COUNT(*) FROM canonical_entities")[0]
    (events,) = _sql(demo_export_store, "SELECT COUNT(*) FROM events")[0]
    (publications,) = _sql(demo_export_store, "SELECT COUNT(DISTINCT publication) FROM documents")[0]
    assert (kinds["threat-actor"] + kinds["identity"] + kinds["location"] + kinds["x-claimgraph-place"]
            == entities + publications + 1)  # + the publications and claimgraph itself
    assert kinds["incident"] == events
    (claims,) = _sql(demo_export_store, """
        SELECT COUNT(*) FROM claims c JOIN entities s ON s.id = c.subject_id JOIN entities o ON o.id = c.object_id
        WHERE s.canonical_id != o.canonical_id""")[0]
    assert kinds["relationship"] == claims
    source, certainty, polarity, evidence = _quoted_claim(demo_export_store)
    matches = [o["extensions"][CLAIM.id] for o in bundle.objects if o["type"] == "relationship"
               and o["description"] == evidence and o["extensions"][CLAIM.id]["claimant"] == source]
    assert matches and {(m["certainty"], m["polarity"]) for m in matches} == {(certainty, polarity)}
    stored_edges = {tuple(r) for r in _sql(demo_export_store, "SELECT subject_id, relation, object_id FROM edges")}
    assert bundle_edges(bundle) == stored_edges


def test_demo_stix_event_dates(demo_export_store, demo_files):
    bundle = parse_bundle(demo_files["stix"].read_text(encoding="utf-8"))
    stored = Counter(d for (d,) in _sql(demo_export_store, "SELECT date FROM events WHERE date IS NOT NULL"))
    exported = Counter(o["extensions"][EVENT.id]["date"] for o in bundle.objects
                       if o["type"] == "incident" and "date" in o["extensions"][EVENT.id])
    assert exported == stored


def test_demo_stix_export_is_stable(demo_export_store, demo_files, tmp_path):
    again = _export(demo_export_store, "stix", tmp_path / "again.json")
    assert again.read_bytes() == demo_files["stix"].read_bytes()


def test_demo_ftm_round_trip(demo_export_store, demo_files):
    lines = demo_files["ftm"].read_text(encoding="utf-8").splitlines()
    entities = [model.get_proxy(json.loads(line)) for line in lines]
    for entity in entities:
        assert entity.schema.validate(entity.to_dict()) is None
    assert len({e.id for e in entities}) == len(entities)
    stored = dict(_sql(demo_export_store, "SELECT type, COUNT(*) FROM canonical_entities GROUP BY type"))
    schemas = Counter(e.schema.name for e in entities)
    assert schemas["Person"] == stored.get("person", 0)
    assert schemas["PublicBody"] == stored.get("state", 0)
    assert schemas["Address"] == stored.get("place", 0)
    run = subprocess.run([str(FTM), "validate", "-i", str(demo_files["ftm"]), "-o", "/dev/null"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_demo_graph_formats_round_trip(demo_export_store, demo_files):
    (entities,) = _sql(demo_export_store, "SELECT COUNT(*) FROM canonical_entities")[0]
    affirmed = _sql(demo_export_store, "SELECT subject_id, relation, object_id, grade, n_claims, first_date "
                                       "FROM edges WHERE n_sources > 0 ORDER BY subject_id, relation, object_id")
    graphml = nx.read_graphml(demo_files["graphml"], force_multigraph=True)
    assert (graphml.number_of_nodes(), graphml.number_of_edges()) == (entities, len(affirmed))
    s, rel, o, grade, n_claims, first = affirmed[0]
    edge = graphml.edges[s, o, rel]
    assert (edge["grade"], edge["claims"], edge.get("first_date")) == (grade, n_claims, first)
    gexf = nx.read_gexf(demo_files["gexf"])
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (entities, len(affirmed))


def test_demo_csv_round_trip(demo_export_store, demo_files):
    with open(demo_files["nodes"], encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with open(demo_files["edges"], encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    stored_nodes = _sql(demo_export_store, "SELECT id, name, type FROM canonical_entities ORDER BY id")
    assert [(n["id"], n["label"], n["type"]) for n in nodes] == stored_nodes
    stored_edges = _sql(demo_export_store, "SELECT subject_id, relation, object_id, n_sources, grade FROM edges "
                                           "ORDER BY subject_id, relation, object_id")
    assert [(e["source"], e["relation"], e["target"], int(e["corroboration"]), int(e["grade"])) for e in edges] == \
        stored_edges
