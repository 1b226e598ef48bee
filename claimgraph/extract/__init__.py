"""Extract: spaCy plus our rules turn a Document into entities, claims and events.

The package is light to import: the pipeline (and so spaCy) loads on first use of a name that needs it. The package
itself is callable, `claimgraph.extract(text, published=None)`, which is the public API's one-call extraction
(`claimgraph.api.extract_text`): `claimgraph.extract` names this package and that function at once.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING

from claimgraph.extract.records import Claim, Entity, Event, Evidence, Extraction, Mention, Participant

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import extract_document, extract_documents, load_nlp

_PIPELINE = frozenset({"extract_document", "extract_documents", "load_nlp"})

__all__ = [
    "Claim", "Entity", "Event", "Evidence", "Extraction", "Mention", "Participant",
    "extract_document", "extract_documents", "load_nlp",
]


def __getattr__(name: str) -> object:
    if name in _PIPELINE:
        return getattr(import_module("claimgraph.extract.pipeline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _CallablePackage(types.ModuleType):
    """The package's module type: calling it runs `claimgraph.api.extract_text`."""

    def __call__(self, text: str, published: object = None, **kwargs: object) -> Extraction:
        from claimgraph.api import extract_text

        return extract_text(text, published, **kwargs)  # type: ignore[arg-type]


sys.modules[__name__].__class__ = _CallablePackage
