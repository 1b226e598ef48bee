"""`claimgraph ingest`: summary on stdout, one-line errors on stderr, good inputs stored beside bad ones."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.ingest.sources import read_source

ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "grey_lantern_store.txt"
SECOND = """Ostravan envoy meets Lantern couriers

By Petra Unsgaard

KESSEL -- An envoy of the Ostravan interior ministry met two couriers of the Brotherhood of the Grey Lantern
in Kessel last week, according to a Valdorian police report. The ministry said the meeting never took place.
"""

runner = CliRunner()


def rows(db: Path, table: str = "documents") -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    second = folder / "envoy.txt"
    second.write_text(SECOND, encoding="utf-8")
    (folder / "binary.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (folder / "large.txt").write_text("The Lantern moved again. " * 200, encoding="utf-8")
    return {"article": ARTICLE, "second": second, "binary": folder / "binary.dat", "empty": folder / "empty.txt",
            "large": folder / "large.txt", "missing": folder / "missing.txt", "db": tmp_path / "cg.db"}


def test_ingest_stores_good_inputs_and_reports_each_bad_one(inputs):
    args = ["ingest", str(inputs["article"]), str(inputs["binary"]), str(inputs["empty"]), str(inputs["large"]),
            str(inputs["missing"]), str(inputs["second"]), "--max-bytes", "4000", "--db", str(inputs["db"]), "--quiet"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stdout == "6 inputs: 2 stored, 0 replaced, 0 skipped, 4 failed\n"
    assert result.stderr.splitlines() == [
        f"claimgraph: error: {inputs['binary']}: binary content (NUL bytes), not text [E104]",
        f"claimgraph: error: {inputs['empty']}: empty (no text) [E105]",
        f"claimgraph: error: {inputs['large']}: larger than the 4000-byte limit (5000 bytes) [E102]",
        f"claimgraph: error: {inputs['missing']}: no such file [E106]",
    ]
    assert rows(inputs["db"]) == 2


def test_ingest_same_content_is_stored_once_and_force_re_extracts(inputs):
    db = ["--db", str(inputs["db"])]
    first = runner.invoke(app, ["ingest", str(inputs["article"]), *db])
    assert (first.exit_code, first.stdout) == (0, "1 inputs: 1 stored, 0 replaced, 0 skipped, 0 failed\n")
    entities = rows(inputs["db"], "entities")
    copy = inputs["second"].parent / "copy.txt"
    copy.write_text(ARTICLE.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")  # same normalised text
    again = runner.invoke(app, ["ingest", str(inputs["article"]), str(copy), *db])
    assert (again.exit_code, again.stdout) == (0, "2 inputs: 0 stored, 0 replaced, 2 skipped, 0 failed\n")
    forced = runner.invoke(app, ["ingest", str(inputs["article"]), "--force", *db])
    assert (forced.exit_code, forced.stdout) == (0, "1 inputs: 0 stored, 1 replaced, 0 skipped, 0 failed\n")
    assert (rows(inputs["db"]), rows(inputs["db"], "entities")) == (1, entities)


def test_ingest_json_summary(inputs):
    result = runner.invoke(app, ["ingest", str(inputs["article"]), str(inputs["missing"]), "--json",
                                 "--db", str(inputs["db"])])
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    doc_id = read_source(str(inputs["article"]))[0].id
    assert summary == {
        "inputs": 2, "stored": 1, "replaced": 0, "skipped": 0, "failed": 1, "interrupted": False,
        "documents": [{"id": doc_id, "source": str(inputs["article"]), "outcome": "stored"}],
        "errors": [{"source": str(inputs["missing"]), "reason": "no such file", "code": "E106"}],
        "not_articles": [],
    }


def test_ingest_directory_recursively_and_stdin(inputs):
    nested = inputs["second"].parent / "nested"
    nested.mkdir()
    (nested / "article.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    for bad in ("binary", "empty", "large"):
        inputs[bad].unlink()
    result = runner.invoke(app, ["ingest", str(inputs["second"].parent), "--db", str(inputs["db"])])
    assert (result.exit_code, result.stdout) == (0, "2 inputs: 2 stored, 0 replaced, 0 skipped, 0 failed\n")
    piped = runner.invoke(app, ["ingest", "-", "--db", str(inputs["db"])], input=SECOND + "\nA third paragraph.\n")
    assert (piped.exit_code, piped.stdout) == (0, "1 inputs: 1 stored, 0 replaced, 0 skipped, 0 failed\n")
    assert rows(inputs["db"]) == 3


def test_ingest_database_url_from_environment(inputs, monkeypatch):
    from claimgraph.settings import get_settings

    monkeypatch.setenv("CLAIMGRAPH_DB", f"sqlite:///{inputs['db']}")
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["ingest", str(inputs["second"])])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0
    assert rows(inputs["db"]) == 1


def test_ingest_unusable_database_is_one_line(inputs):
    bad = inputs["db"].parent / "no" / "dir" / "cg.db"
    result = runner.invoke(app, ["ingest", str(inputs["article"]), "--db", f"sqlite:///{bad}"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"claimgraph: error: sqlite:///{bad}: directory {bad.parent} does not exist [E401]\n"
