"""`resolve` and `export` report their stages on stderr as plain lines when piped; `--quiet` silences them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimgraph import progress as progress_module
from claimgraph.cli import app


@pytest.fixture
def no_delay(monkeypatch):
    monkeypatch.setattr(progress_module, "PROGRESS_DELAY", 0.0)


def test_cli_resolve_and_export_report_progress_unless_quiet(hand_store, no_delay, tmp_path):
    runner = CliRunner()
    # the store is resolved already, so a plain `resolve` has nothing to do: the full rebuild reports its stages
    resolved = runner.invoke(app, ["resolve", "--full", "--db", hand_store])
    assert resolved.exit_code == 0, resolved.stderr
    assert resolved.stderr.splitlines()[-1].startswith("resolve: 4/4 (100%) elapsed")
    exported = runner.invoke(app, ["export", "--db", hand_store, "-f", "csv", "-o", str(tmp_path)])
    assert exported.exit_code == 0
    assert [line.split(" elapsed")[0] for line in exported.stderr.splitlines()[:2]] == [
        "export: 1/2 (50%)", "export: 2/2 (100%)"]
    for args in (["resolve", "--full"], ["export", "-f", "csv", "-o", str(tmp_path)]):
        quiet = runner.invoke(app, [*args, "--db", hand_store, "--quiet"])
        assert (quiet.exit_code, quiet.stderr) == (0, "")
