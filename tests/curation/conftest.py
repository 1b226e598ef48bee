"""Curation fixtures: the hand-built network of tests/analysis (six fictional documents about the Velmar
Liberation Front) in a real store on each backend (helpers in curation_helpers.py)."""

from __future__ import annotations

import pytest
from curation_helpers import extractions, stored


@pytest.fixture
def network():
    return extractions()


@pytest.fixture
def store(store_url, network):
    engine = stored(store_url, network)
    yield engine
    engine.dispose()
