"""`python -m claimgraph.training`: its stage messages become counted progress with an ETA."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from claimgraph.progress import ProgressReport
from claimgraph.training.__main__ import _stages, main


def test_training_stages_are_counted_progress():
    buffer = io.StringIO()
    report = ProgressReport("train", console=Console(file=buffer, force_terminal=False, width=120), delay=0)
    stage = _stages(report, 3)
    for message in ("relations: all articles", "relations: fold 1/1", "entity filter: all articles"):
        stage(message)
    report(3, 3, "fitted")
    lines = [line.split(" elapsed")[0] + " |" + line.split(" eta ")[1].split(" ", 1)[1] for line in
             buffer.getvalue().splitlines()]
    assert lines == ["train: 1/3 (33%) |relations: fold 1/1", "train: 2/3 (66%) |entity filter: all articles",
                     "train: 3/3 (100%) |fitted"]


def test_a_relation_fraction_outside_zero_to_one_is_refused(capsys):
    for bad in ("0", "1.5", "-0.2"):
        with pytest.raises(SystemExit) as stop:
            main(["cv", "--relation-fraction", bad, "--shared", "/nonexistent"])
        assert stop.value.code == 2
        assert f"--relation-fraction {float(bad)}: must be in (0, 1]" in capsys.readouterr().err
