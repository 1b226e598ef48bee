"""Helpers of the curation tests: the fictional network of tests/analysis/conftest.py, a resolved store of some
extractions, and finding a claim by its evidence."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from claimgraph.analysis import resolve_network
from claimgraph.store.db import open_store
from claimgraph.store.models import ClaimRow
from claimgraph.store.write import store_extraction

_SPEC = importlib.util.spec_from_file_location(
    "analysis_network_fixtures", Path(__file__).resolve().parents[1] / "analysis" / "conftest.py")
_NETWORK = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_NETWORK)
extractions = _NETWORK.extractions  # six documents about the Velmar Liberation Front


def stored(url: str, documents) -> Engine:  # noqa: ANN001 - extractions
    """An engine on a store holding these extractions, resolved (no sanctions list)."""
    engine = open_store(url)
    for extraction in documents:
        store_extraction(engine, extraction)
    with Session(engine) as session, session.begin():
        resolve_network(session, lookup_refs=None)
    return engine


def claim_id(session: Session, evidence_start: str, relation: str | None = None) -> int:
    """The id of the first claim whose evidence starts so (and has this relation)."""
    query = select(ClaimRow.id).where(ClaimRow.evidence_text.startswith(evidence_start))
    if relation:
        query = query.where(ClaimRow.relation == relation)
    ids = session.scalars(query.order_by(ClaimRow.id)).all()
    assert ids, evidence_start
    return ids[0]
