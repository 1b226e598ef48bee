"""Run the relation rules on a sentence we write, with the entities we name, so a test pins one construction.

The entity table is built from the names given (not from the statistical NER) and the trained relation model is
switched off (`model=None`), which keeps these tests about relation rules only: retraining cannot change them.
`claims_of` returns (subject name, type, object name, source name, certainty, polarity).
"""

from __future__ import annotations

import re

from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.records import Claim, Entity, Mention
from claimgraph.extract.relations.claims import find_claims
from claimgraph.ingest.document import Document

Row = tuple[str, str, str, str, str, str]


def build_table(doc, entities: dict[str, str], aliases: dict[str, list[str]] | None = None) -> EntityTable:
    """One entity per name (type given); every occurrence of the name or an alias becomes a mention."""
    table = EntityTable(doc=doc)
    for name, etype in entities.items():
        entity_id = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        entity = Entity(id=entity_id, name=name, type=etype, aliases=[name, *(aliases or {}).get(name, [])])
        table.entities.append(entity)
        for form in entity.aliases:
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", doc.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                entity.mentions.append(Mention(m.start(), m.end(), m.group()))
                for token in span:
                    table.token_entity[token.i] = entity_id
    return table


def extract(nlp, text: str, entities: dict[str, str], aliases: dict[str, list[str]] | None = None) -> list[Claim]:
    doc = nlp(text)
    table = build_table(doc, entities, aliases)
    return find_claims(doc, table, Document(text=text), model=None)


def claims_of(nlp, text: str, entities: dict[str, str], aliases: dict[str, list[str]] | None = None) -> list[Row]:
    doc = nlp(text)
    table = build_table(doc, entities, aliases)
    names = {e.id: e.name for e in table.entities}
    names["author"] = "author"
    return [(names[c.subject], c.type, names[c.object], names[c.source], c.certainty, c.polarity)
            for c in find_claims(doc, table, Document(text=text), model=None)]
