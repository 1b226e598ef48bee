"""claimgraph: evidence-backed networks of attributed claims from reporting.

The public API (see docs/api.md): `claimgraph.extract(text, published=None) -> Extraction` and
`claimgraph.open_store(url) -> Store`. Importing claimgraph is light: names are loaded on first use, and only
extraction loads spaCy.
"""

from importlib import import_module as _import_module
from typing import TYPE_CHECKING as _TYPE_CHECKING

__version__ = "0.1.0"

if _TYPE_CHECKING:
    from claimgraph import extract
    from claimgraph.api import Store, open_store
    from claimgraph.errors import ClaimgraphError, ExportError, ExtractError, IngestError, QueryError, StoreError
    from claimgraph.extract.records import Claim, Entity, Event, Evidence, Extraction, Mention, Participant

# public name -> the module that defines it; `extract` is the callable package claimgraph.extract
_LAZY = {
    "Claim": "claimgraph.extract.records",
    "ClaimgraphError": "claimgraph.errors",
    "Entity": "claimgraph.extract.records",
    "Event": "claimgraph.extract.records",
    "Evidence": "claimgraph.extract.records",
    "ExportError": "claimgraph.errors",
    "ExtractError": "claimgraph.errors",
    "Extraction": "claimgraph.extract.records",
    "IngestError": "claimgraph.errors",
    "Mention": "claimgraph.extract.records",
    "Participant": "claimgraph.extract.records",
    "QueryError": "claimgraph.errors",
    "Store": "claimgraph.api",
    "StoreError": "claimgraph.errors",
    "open_store": "claimgraph.api",
}

__all__ = [
    "Claim",
    "ClaimgraphError",
    "Entity",
    "Event",
    "Evidence",
    "ExportError",
    "ExtractError",
    "Extraction",
    "IngestError",
    "Mention",
    "Participant",
    "QueryError",
    "Store",
    "StoreError",
    "__version__",
    "extract",
    "open_store",
]


def __getattr__(name: str) -> object:
    if name == "extract":
        return _import_module("claimgraph.extract")
    if name in _LAZY:
        return getattr(_import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'claimgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(__all__)
