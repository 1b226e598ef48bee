"""`claimgraph extract FILE_OR_DIR... --out DIR`: one JSON per input in one process, articles only from folders."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimgraph.cli import app

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
runner = CliRunner()


def test_extract_folder_writes_one_json_per_article_and_skips_other_files(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for src in ARTICLES.glob("*.txt"):
        (folder / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "grey_lantern_store.gold.json").write_text('{"not": "an article"}', encoding="utf-8")
    (folder / "NOTES.md").write_text("# notes, not an article\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(folder), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["grey_lantern_store.json", "web_upload_brevdar.json"]
    data = json.loads((out / "grey_lantern_store.json").read_text(encoding="utf-8"))
    assert {"metadata", "entities", "relations", "events"} <= set(data)
    assert data["entities"], "the fixture names actors"


def test_extract_many_files_with_a_bad_one_writes_the_good_and_exits_1(tmp_path: Path):
    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(ARTICLES / "grey_lantern_store.txt"), str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "[E105]" in result.output
    assert [p.name for p in out.iterdir()] == ["grey_lantern_store.json"]


def test_extract_single_file_prints_the_format_json(tmp_path: Path):
    result = runner.invoke(app, ["extract", str(ARTICLES / "grey_lantern_store.txt"), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["kind"] == "text"
