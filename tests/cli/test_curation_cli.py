"""The curation commands: `token create|list|revoke`, `queue`, `review`, `audit`, `merge` + `undo`, and a
directory ingest that leaves out what is not an article (JSON, Markdown notes) with the reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "examples" / "courier-tolvesk-cell-arrests-2023.txt"
runner = CliRunner()


@pytest.fixture
def db(demo_store: Path, tmp_path: Path) -> list[str]:
    copy = tmp_path / "demo.db"
    shutil.copy(demo_store, copy)
    return ["--db", f"sqlite:///{copy}"]


def _ok(args: list[str]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


def test_cli_tokens_create_list_revoke(db):
    made = _ok(["token", "create", "Ana Lyst", "--role", "analyst", *db])
    token = made.stdout.strip()
    assert token.startswith("cgtok_") and "shown once" in made.stderr
    listed = _ok(["token", "list", *db])
    assert "Ana Lyst  analyst  active" in listed.stdout and token not in listed.stdout
    twice = runner.invoke(app, ["token", "create", "Ana Lyst", *db])
    assert twice.exit_code == 1 and "[E811]" in twice.stderr
    bad_role = runner.invoke(app, ["token", "create", "Bo", "--role", "reader", *db])
    assert bad_role.exit_code == 1 and "unknown role 'reader'" in bad_role.stderr
    assert "revoked token #1 of Ana Lyst" in _ok(["token", "revoke", "Ana Lyst", *db]).stdout
    assert _ok(["token", "list", *db]).stdout == ""
    rows = json.loads(_ok(["token", "list", "--all", "--json", *db]).stdout)
    assert [(r["name"], r["revoked"] is not None) for r in rows] == [("Ana Lyst", True)]
    missing = runner.invoke(app, ["token", "revoke", "Ana Lyst", *db])
    assert missing.exit_code == 1 and "[E812]" in missing.stderr


def test_cli_queue_review_audit(db):
    queue = json.loads(_ok(["queue", "--json", *db]).stdout)
    first = queue["claims"][0]
    assert queue["reviewed"] == 0 and first["contradiction"] is not None
    line = _ok(["review", str(first["id"]), "reject", "--note", "misread", *db]).stdout
    assert line.startswith(f"claim {first['id']} rejected:")
    corrected = json.loads(_ok(["review", str(queue["claims"][1]["id"]), "correct", "--certainty", "possible",
                                "--json", *db]).stdout)
    assert corrected["claim"]["certainty"] == "possible" and corrected["before"]["certainty"] != "possible"
    bad = runner.invoke(app, ["review", str(first["id"]), "approve", *db])
    assert bad.exit_code == 1 and "[E509]" in bad.stderr
    log = _ok(["audit", *db]).stdout.splitlines()
    assert len(log) == 2 and "claim.correct" in log[0] and "claim.reject" in log[1] and "— misread" in log[1]
    assert json.loads(_ok(["queue", "--json", *db]).stdout)["reviewed"] == 2


def test_cli_merge_then_undo(db, name_twins):
    merged = _ok(["merge", name_twins.keep, name_twins.twin, *db]).stdout
    decision = merged.split("#")[1].split(":")[0]
    assert f"merged into {name_twins.name} ({name_twins.keep})" in merged
    undone = _ok(["undo", decision, *db]).stdout
    assert "undone" in undone and name_twins.twin in undone
    entries = json.loads(_ok(["audit", "--action", "entity", "--json", *db]).stdout)["entries"]
    assert [e["action"] for e in entries] == ["entity.undo", "entity.merge"]
    assert entries[0]["actor"].startswith("cli:")
    again = runner.invoke(app, ["undo", decision, *db])
    assert again.exit_code == 1 and "[E506]" in again.stderr


def test_cli_ingest_directory_leaves_out_what_is_not_an_article(tmp_path: Path):
    folder = tmp_path / "mixed"
    (folder / "notes").mkdir(parents=True)
    shutil.copy(ARTICLE, folder / "article.txt")
    (folder / "article.json").write_text(json.dumps({"title": "Smoke over Tolvesk", "text": ARTICLE.read_text()}))
    (folder / "copy.txt").write_text('{"title": "What is going on in Tolvesk?",\n "body": "..."}\n')
    (folder / "notes" / "todo.md").write_text("# Notes\n\n- call the desk about Tolvesk\n")
    result = runner.invoke(app, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 'c.db'}"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == ("1 inputs: 1 stored, 0 replaced, 0 skipped, 0 failed; 3 files left out, "
                                     "not articles (2 JSON data, 1 Markdown notes)")
    left_out = sorted(line for line in result.stderr.splitlines() if "left out" in line)
    assert left_out == [f"claimgraph: left out: {folder / name}: {kind}, not an article (text, HTML or feed)"
                        for name, kind in (("article.json", "JSON data"), ("copy.txt", "JSON data"),
                                           ("notes/todo.md", "Markdown notes"))]
    as_json = json.loads(runner.invoke(app, ["ingest", str(folder), "--json", "--db",
                                             f"sqlite:///{tmp_path / 'c.db'}"]).stdout)
    assert as_json["skipped"] == 1 and len(as_json["not_articles"]) == 3


def test_cli_ingest_a_named_file_is_read_whatever_its_name(tmp_path: Path):
    named = tmp_path / "named.md"
    shutil.copy(ARTICLE, named)
    result = runner.invoke(app, ["ingest", str(named), "--db", f"sqlite:///{tmp_path / 'd.db'}"])
    assert result.exit_code == 0 and result.stdout.startswith("1 inputs: 1 stored")
