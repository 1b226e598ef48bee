"""`claimgraph docs`, `show` and `stats`: --json shapes on stdout, tables for people, one-line errors."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.store.db import open_store
from claimgraph.store.queries import document_json, store_stats
from claimgraph.store.write import store_extraction

runner = CliRunner()


@pytest.fixture
def db(db_path, sample_extraction) -> str:
    engine = open_store(f"sqlite:///{db_path}")
    store_extraction(engine, sample_extraction)
    engine.dispose()
    return str(db_path)


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_docs_json(db, sample_extraction):
    code, stdout, stderr = invoke("docs", "--db", db, "--json")
    assert (code, stderr) == (0, "")
    [row] = json.loads(stdout)
    ingested = row.pop("ingested_at")
    assert ingested.endswith("+00:00")
    assert row == {"id": sample_extraction.document.id, "published": "2024-03-05", "publication": "The Kessel Ledger",
                   "title": "Lantern network widens its reach in the Valdorian highlands",
                   "source": "fixtures/grey_lantern_store.txt", "kind": "text", "entities": 7, "claims": 4,
                   "events": 2}


def test_docs_table(db, sample_extraction):
    code, stdout, stderr = invoke("docs", "--db", db)
    assert (code, stderr) == (0, "")
    assert "1 documents" in stdout
    assert sample_extraction.document.id in stdout
    assert "2024-03-05" in stdout


def test_show_json_by_prefix(db, db_path, sample_extraction):
    doc_id = sample_extraction.document.id
    code, stdout, stderr = invoke("show", doc_id[:5], "--db", db, "--json")
    assert (code, stderr) == (0, "")
    engine = open_store(f"sqlite:///{db_path}")
    with Session(engine) as session:
        expected = document_json(session, doc_id)
    engine.dispose()
    assert json.loads(stdout) == expected
    assert set(expected) == {"document", "metadata", "entities", "relations", "events"}


def test_show_text(db, sample_extraction):
    code, stdout, stderr = invoke("show", sample_extraction.document.id, "--db", db)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[0] == "Lantern network widens its reach in the Valdorian highlands"
    assert "  authors: Mira Tolvanen" in stdout.splitlines()
    assert "7 entities" in stdout and "4 claims" in stdout and "2 events" in stdout


def test_show_unknown_id_is_one_line(db):
    code, stdout, stderr = invoke("show", "ffff0000", "--db", db)
    assert (code, stdout) == (1, "")
    assert stderr == "claimgraph: error: ffff0000: no such document [E501]\n"


def test_stats_json(db, db_path):
    code, stdout, stderr = invoke("stats", "--db", db, "--json")
    assert (code, stderr) == (0, "")
    engine = open_store(f"sqlite:///{db_path}")
    with Session(engine) as session:
        expected = store_stats(session)
    engine.dispose()
    data = json.loads(stdout)
    assert data == expected
    assert data["counts"]["claims"] == 4
    assert data["claims_by_relation"] == [{"relation": "supports", "claims": 2}, {"relation": "leader_of", "claims": 1},
                                          {"relation": "part_of", "claims": 1}]


def test_stats_table(db):
    code, stdout, stderr = invoke("stats", "--db", db)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[0] == "1 documents, 7 entities, 8 mentions, 4 claims, 2 events, 3 event participants"
    assert "top entities" in stdout and "top claims" in stdout


@pytest.mark.parametrize("command", [["docs"], ["stats"], ["show", "abc"]])
def test_store_commands_refuse_a_missing_database(tmp_path, command):
    missing = tmp_path / "none.db"
    code, stdout, stderr = invoke(*command, "--db", str(missing))
    assert (code, stdout) == (1, "")
    assert stderr == f"claimgraph: error: {missing}: no database here; run `claimgraph ingest PATH` first [E405]\n"
    assert not missing.exists()
