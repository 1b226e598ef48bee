"""claimgraph.extract.cluster: `ingest --ray` on a local two-CPU Ray cluster stores what a local ingest stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.store.db import open_store
from claimgraph.store.queries import load_extraction

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# CI installs the `ray` extra, so there the test must run; elsewhere it skips when Ray is missing.
ray = __import__("ray") if os.environ.get("CI") else pytest.importorskip("ray", reason="Ray is not installed")

TABLES = {  # every derived table, without surrogate keys and timestamps
    "entities": "SELECT doc_id, local_id, canonical_id FROM entities",
    "canonical_entities": "SELECT id, name, name_key, type, aliases, refs, n_documents, degree "
                          "FROM canonical_entities",
    "canonical_aliases": "SELECT alias_key, canonical_id FROM canonical_aliases",
    "resolution_links": "SELECT canonical_id, member_a, member_b, rule, score, detail FROM resolution_links",
    "edges": "SELECT subject_id, relation, object_id, n_claims, n_documents, n_sources, n_denials, max_certainty, "
             "grade, contradiction, first_date, last_date FROM edges",
}


def snapshot(url: str) -> dict:
    """Everything a store holds that an ingest decides: each document's extraction, resolution and edges."""
    engine = open_store(url)
    try:
        with Session(engine) as session:
            ids = session.execute(text("SELECT id FROM documents ORDER BY id")).scalars().all()
            found = {"documents": {i: load_extraction(session, i).to_json() for i in ids}}
            for table, sql in TABLES.items():
                found[table] = sorted((dict(r._mapping) for r in session.execute(text(sql))), key=repr)
            return found
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def local_cluster():
    # Ray's raylet and agents get 2 minutes to come up (30 s by default: too short on a loaded two-core machine).
    os.environ.setdefault("RAY_raylet_start_wait_time_s", "120")
    os.environ.setdefault("RAY_agent_register_timeout_ms", "120000")
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING", log_to_driver=False)
    yield
    ray.shutdown()


@pytest.mark.slow
def test_cluster_ingest_on_ray_equals_local_ingest(local_cluster, demo_store, tmp_path):
    from claimgraph.process import process_sources

    url = f"sqlite:///{tmp_path / 'ray.db'}"
    summary = process_sources([str(EXAMPLES)], url, ray_address="auto", batch_size=4)  # 5 batches, 2 actors
    assert (summary.stored, summary.failed) == (18, 0), summary.to_json()["errors"]
    assert ray.cluster_resources()["CPU"] == 2
    on_ray, local = snapshot(url), snapshot(f"sqlite:///{demo_store}")
    assert len(on_ray["documents"]) == 18 and on_ray["edges"]
    for part in local:
        assert on_ray[part] == local[part], part


def test_cluster_bad_document_fails_alone(local_cluster, tmp_path):
    from claimgraph.extract.cluster import extract_on_ray
    from claimgraph.ingest.document import Document

    good = Document(text="The Saltmarsh Vanguard attacked a police post near Port Ilvane on 3 May 2023.\n",
                    source="good.txt")
    bad = Document(text="x", source="bad.txt")
    bad.text = None  # the worker's extraction raises on it
    results = list(extract_on_ray([good, bad, good], "auto", batch_size=3, workers=1))
    assert [type(r).__name__ for r in results] == ["Extraction", "ExtractError", "Extraction"]
    assert results[1].code == "E202"
    assert results[0].to_json() == results[2].to_json()
