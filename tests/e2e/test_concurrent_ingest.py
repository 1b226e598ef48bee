"""Several `claimgraph ingest` processes started at once on a store that does not exist yet: the migration runs
once under its lock (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), every process succeeds and the
store ends up holding every document with a resolved network."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from claimgraph.store.db import current_revision, head_revision, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLES = ["courier-tolvesk-cell-arrests-2023.txt", "ridgeline-oskel-pass-shooting-2024.html",
            "courier-ministry-website-defaced-2024.txt"]


def test_concurrent_ingest_on_a_new_store(backend):
    db = backend.empty()
    processes = [subprocess.Popen([sys.executable, "-m", "claimgraph", "ingest", str(EXAMPLES / name), "--db", db],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ARTICLES]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        results.append((process.returncode, out, err))
    assert [(code, err) for code, _, err in results] == [(0, "")] * len(ARTICLES)
    assert [out for _, out, _ in results] == ["1 inputs: 1 stored, 0 replaced, 0 skipped, 0 failed\n"] * len(ARTICLES)
    engine = open_store(db)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == len(ARTICLES)
            assert conn.execute(text("SELECT count(*) FROM entities WHERE canonical_id IS NULL")).scalar() == 0
            assert conn.execute(text("SELECT count(*) FROM edges")).scalar() > 0
    finally:
        engine.dispose()
