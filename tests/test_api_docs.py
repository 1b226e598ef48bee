"""docs/api.md runs: every ```python block, in order, in one namespace, from the repository root."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def test_api_doc_has_examples():
    assert len(BLOCK.findall(DOC.read_text(encoding="utf-8"))) >= 8


def test_api_doc_examples_run(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("CLAIMGRAPH_CACHE", str(tmp_path / "cache"))
    namespace: dict = {"__name__": "api_doc"}
    for number, block in enumerate(BLOCK.findall(DOC.read_text(encoding="utf-8")), start=1):
        try:
            exec(compile(block, f"{DOC.name} block {number}", "exec"), namespace)  # noqa: S102 - our own docs
        except Exception as err:  # noqa: BLE001 - name the failing block
            pytest.fail(f"docs/api.md block {number} failed: {err.__class__.__name__}: {err}\n{block}")
