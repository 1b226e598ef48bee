"""`make eval` (bench/quality.py) skips cleanly without ../shared and scores the dev set when it is there."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "quality.py"
needs_shared = pytest.mark.skipif(not (ROOT.parent / "shared" / "eval" / "dev").exists(),
                                  reason="../shared is not beside the repo")


def test_eval_skips_without_shared(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--shared", str(tmp_path / "absent")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("eval: skipped,")


@needs_shared
def test_eval_prints_the_score_summary(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith("summary: entities F1 ")
    assert sorted(p.name for p in tmp_path.glob("*.json"))[0] == "ap-israeli-diplomats-india-georgia-2012.json"
