"""Shared fixtures: the model loaded once, the ../shared folder when present, a migrated DB path."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "dev").exists(), reason="../shared is not beside the repo")


@pytest.fixture(scope="session")
def nlp():
    from claimgraph.extract.pipeline import load_nlp

    return load_nlp()
