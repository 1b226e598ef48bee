"""Events: attacks, plots, arrests, killings, designations and training with roles, dates and counts."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.extract.mentions import EntityTable
from claimgraph.extract.records import Event
from claimgraph.ingest.document import Document


def find_events(doc: Doc, table: EntityTable, document: Document) -> list[Event]:
    """Baseline: no rules yet."""
    return []
