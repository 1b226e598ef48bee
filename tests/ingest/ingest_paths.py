"""Paths for the ingest tests (named apart from conftest, which several test folders define)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
INGEST_FIXTURES = ROOT / "tests" / "fixtures" / "ingest"

needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "dev").exists(), reason="../shared is not beside the repo")
