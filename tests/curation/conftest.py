"""Curation fixtures: the hand-built network of tests/analysis (six fictional documents about the Velmar
Liberation Front) in a real store on each backend, and helpers to find claims by their evidence."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimgraph.analysis import resolve_network
from claimgraph.store.db import open_store
from claimgraph.store.models import ClaimRow
from claimgraph.store.write import store_extraction

_SPEC = importlib.util.spec_from_file_location(
    "analysis_network_fixtures", Path(__file__).resolve().parents[1] / "analysis" / "conftest.py")
_NETWORK = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_NETWORK)
extractions = _NETWORK.extractions  # the fictional network of tests/analysis/conftest.py


@pytest.fixture
def network():
    return extractions()


@pytest.fixture
def store(store_url, network):
    engine = open_store(store_url)
    for extraction in network:
        store_extraction(engine, extraction)
    with Session(engine) as session, session.begin():
        resolve_network(session, lookup_refs=None)
    yield engine
    engine.dispose()


def claim_id(session: Session, evidence_start: str, relation: str | None = None) -> int:
    """The id of the one claim whose evidence starts so (and has this relation)."""
    query = select(ClaimRow.id).where(ClaimRow.evidence_text.startswith(evidence_start))
    if relation:
        query = query.where(ClaimRow.relation == relation)
    ids = session.scalars(query.order_by(ClaimRow.id)).all()
    assert ids, evidence_start
    return ids[0]
