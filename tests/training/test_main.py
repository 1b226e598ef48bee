"""`python -m claimgraph.training`: its stage messages become counted progress with an ETA."""

from __future__ import annotations

import io

from rich.console import Console

from claimgraph.progress import ProgressReport
from claimgraph.training.__main__ import _stages


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
