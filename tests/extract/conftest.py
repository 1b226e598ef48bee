"""Rule tests read recorded parses (tests/extract/frozen.py); tests of the parser-facing steps (sentence rules,
true-casing, the whole pipeline with its models) use the real model as `real_nlp`."""

from __future__ import annotations

import pytest
from frozen import FrozenNLP


@pytest.fixture(scope="session")
def real_nlp():
    from claimgraph.extract.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def nlp(real_nlp):
    return FrozenNLP(real_nlp)
