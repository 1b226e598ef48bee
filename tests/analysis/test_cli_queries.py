"""The query, resolve, merge and split commands on the demo store: JSON on stdout, one-line errors, exit codes;
analyst decisions surviving `ingest --force`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def run(demo_db):
    runner = CliRunner()

    def invoke(*args: str, db: str = demo_db):
        return runner.invoke(app, [*args, "--db", db])

    return invoke


def test_cli_entity_json(run):
    result = run("entity", "EGA", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["id"], data["name"], data["type"]) == ("eastern-gate-army", "Eastern Gate Army", "organization")
    assert {"relations", "events", "resolution", "designations", "documents"} <= set(data)


def test_cli_unknown_entity_is_one_line_exit_1(run):
    result = run("entity", "Nobody Anywhere")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "claimgraph: error: Nobody Anywhere: unknown entity 'Nobody Anywhere' [E501]\n"


def test_cli_path_json_has_evidence_per_hop(run):
    result = run("path", "Oskan Brevdar", "Ardent Guard Corps", "--min-certainty", "probable", "--json",
                 "--relation", "leader_of", "--relation", "split_from", "--relation", "supports")
    assert result.exit_code == 0
    paths = json.loads(result.stdout)["paths"]
    story = ["Oskan Brevdar", "Eastern Gate Army", "Taldrun Liberation Front", "Ardent Guard Corps"]
    assert story in [p["names"] for p in paths]
    assert all(edge["claims"] and edge["claims"][0]["evidence"] for p in paths for hop in p["hops"]
               for edge in hop["edges"])


@pytest.mark.parametrize("command", [["neighbours", "Talon Directorate", "--depth", "2"], ["timeline"],
                                     ["timeline", "TLF"], ["rank"], ["communities"], ["contradictions"]])
def test_cli_queries_print_json(run, command):
    result = run(*command, "--json")
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), dict | list)


def test_cli_merge_and_split_survive_reingest(run, backend, demo_template):
    from claimgraph.process import process_sources

    db = backend.copy(demo_template)
    merged = run("merge", "Highland Ghosts", "Taldrun Liberation Front", "--json", db=db)
    assert merged.exit_code == 0, merged.stderr
    assert json.loads(merged.stdout)["entity_id"] == "taldrun-liberation-front"
    ridgeline = json.loads(run("entity", "Sable Covenant", "--json", db=db).stdout)["documents"]
    [doc] = [d["id"] for d in ridgeline if d["publication"] == "The Ridgeline Observer"]
    split = run("split", "Sable Covenant", "--doc", doc[:8], "--json", db=db)
    assert split.exit_code == 0, split.stderr
    moved = json.loads(split.stdout)["other_id"]
    assert moved != "sable-covenant"

    files = [str(EXAMPLES / "ridgeline-oskel-pass-shooting-2024.html"),
             str(EXAMPLES / "courier-ministry-website-defaced-2024.txt")]
    assert process_sources(files, db, force=True).replaced == 2

    tlf = json.loads(run("entity", "Highland Ghosts", "--json", db=db).stdout)
    assert tlf["id"] == "taldrun-liberation-front"
    assert [r["rule"] for r in tlf["resolution"]].count("analyst") == 1
    covenant = json.loads(run("entity", "Sable Covenant", "--json", db=db).stdout)
    assert doc not in [d["id"] for d in covenant["documents"]]
    again = run("split", "Sable Covenant", "--doc", doc[:8], db=db)
    assert again.exit_code == 1
    assert again.stderr.startswith("claimgraph: error: ")
