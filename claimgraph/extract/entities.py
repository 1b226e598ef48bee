"""Entities: named-entity spans grouped into one entity per referent, with every surface form."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from claimgraph.extract.mentions import EntityTable
from claimgraph.extract.records import Entity, Mention
from claimgraph.ingest.document import Document

_LABEL_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "organization", "GPE": "state",
                "LOC": "place", "FAC": "place"}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "entity"


def find_entities(doc: Doc, document: Document) -> EntityTable:
    """Group the model's named entities by surface form (baseline; refined by later rules)."""
    table = EntityTable(doc=doc)
    by_name: dict[str, Entity] = {}
    for ent in doc.ents:
        etype = _LABEL_TYPES.get(ent.label_)
        if etype is None:
            continue
        key = ent.text.lower()
        entity = by_name.get(key)
        if entity is None:
            entity = Entity(id=_slug(ent.text), name=ent.text, type=etype, aliases=[ent.text], rule="entities/ner")
            by_name[key] = entity
            table.entities.append(entity)
        entity.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
        for token in ent:
            table.token_entity[token.i] = entity.id
    return table
