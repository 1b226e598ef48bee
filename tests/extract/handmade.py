"""Entity tables over hand-built parses, for tests of the trained components (no model, nothing to drift)."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.records import Entity, Mention


def entity_table(doc: Doc, spans: dict[str, tuple[int, int, str]]) -> EntityTable:
    """One entity per id -> (start token, end token, type), named by its span, with that one mention."""
    table = EntityTable(doc=doc)
    for eid, (start, end, etype) in spans.items():
        span = doc[start:end]
        table.entities.append(Entity(eid, span.text, etype, [span.text],
                                     [Mention(span.start_char, span.end_char, span.text)], rule="entities/test"))
        for i in range(start, end):
            table.token_entity[i] = eid
    return table
