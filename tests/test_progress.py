"""Progress on stderr: a Rich bar with counts and ETA on a terminal, plain lines when piped, nothing when quiet."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from typer.testing import CliRunner

from claimgraph import progress as progress_module
from claimgraph.cli import app
from claimgraph.progress import ProgressReport


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=120, color_system=None), buffer


def test_progress_plain_lines_when_piped_with_counts_and_eta():
    console, buffer = _console(terminal=False)
    clock = FakeClock()
    with ProgressReport("ingest", console=console, delay=0, clock=clock) as report:
        for done in range(1, 21):
            clock.now = done * 2.0  # two seconds per item
            report(done, 20, f"doc{done}.txt")
    lines = buffer.getvalue().splitlines()
    assert lines[0] == "ingest: 1/20 (5%) elapsed 0:00:02 eta 0:00:38 doc1.txt"
    assert lines[-1] == "ingest: 20/20 (100%) elapsed 0:00:40 eta 0:00:00 doc20.txt"
    assert 10 <= len(lines) <= 12  # one per tenth of the work (and the first), not one per item


def test_progress_rich_bar_on_a_terminal():
    console, buffer = _console(terminal=True)
    with ProgressReport("resolve", console=console, delay=0) as report:
        report(1, 4, "read entities")
        report(4, 4, "rebuild edges")
    shown = buffer.getvalue()
    assert "resolve" in shown and "4/4" in shown and "eta" in shown
    assert "\x1b[" in shown  # drawn with cursor control, not printed as lines


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_quiet_or_short_runs_show_nothing(terminal):
    for kwargs in ({"quiet": True, "delay": 0}, {"delay": 60.0}, {"delay": 0, "min_items": 5}):
        console, buffer = _console(terminal)
        with ProgressReport("export", console=console, **kwargs) as report:
            report(1, 2, "read")
            report(2, 2, "wrote")
        assert buffer.getvalue() == "", kwargs


@pytest.fixture
def no_delay(monkeypatch):
    monkeypatch.setattr(progress_module, "PROGRESS_DELAY", 0.0)


def test_cli_ingest_reports_each_tenth_when_piped(no_delay, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(7):
        (folder / f"a{i}.txt").write_text(f"Report {i}. The Kessel Ledger said the Lantern Front met in Velmar.\n",
                                          encoding="utf-8")
    db = str(tmp_path / "cg.db")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines] == [f"ingest: {n}/7" for n in range(1, 8)]
    assert all(" eta " in line for line in lines)
    again = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--force", "--quiet"])
    assert (again.exit_code, again.stderr) == (0, "")
