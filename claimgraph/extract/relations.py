"""Relations: typed, attributed claims between entities from rules over the dependency parse."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.extract.mentions import EntityTable
from claimgraph.extract.records import Claim
from claimgraph.ingest.document import Document


def find_claims(doc: Doc, table: EntityTable, document: Document) -> list[Claim]:
    """Baseline: no rules yet."""
    return []
