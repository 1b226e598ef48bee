"""claimgraph's STIX 2.1 extension definitions: every property and object STIX itself lacks, declared and versioned.

STIX 2.1 (section 7.3) asks producers to declare what they add with `extension-definition` objects. claimgraph adds:

- `claim`   (property-extension on `relationship`): who claims the link, how sure, affirmed or denied, the grade and
             corroboration of the edge, the rule that found it and where the evidence sentence lies;
- `event`   (property-extension on `incident`): what happened, when, where, who took which part, counts, weapons;
- `entity`  (property-extension on `identity`, `threat-actor`, `location` and `x-claimgraph-place`): claimgraph's
             own id and type of the entity and every name it goes by;
- `document` (property-extension on `report`): the document's content hash, authors and where it was read from;
- `place`   (new-sdo `x-claimgraph-place`): a named place that no data package locates (STIX `location` needs a
             country, region or coordinates).

Each definition has a semantic version. Its id is derived from its name and major version, so a compatible change
(a new optional property) bumps the minor version and keeps the id, and an incompatible one gets a new id. The JSON
schema of each extension is built here from the shared vocabularies (`claimgraph.types`), embedded in the
definition's `schema` property and handed to `stix2-validator` so that the validator checks our properties too.
`docs/stix-extensions.md` describes every property.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from claimgraph.types import CERTAINTIES, ENTITY_TYPES, EVENT_TYPES, RELATION_TYPES, ROLES

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:claimgraph:stix")
RELEASED = "2026-12-03T00:00:00Z"  # when the 1.x definitions were published; fixed, so bundles stay stable
PLACE_TYPE = "x-claimgraph-place"


def stable_uuid(key: str) -> uuid.UUID:
    """A UUID derived from key: UUIDv5's bits with the version-4 marker STIX asks for on SDOs and SROs, so that
    exporting the same network twice gives the same ids (a random UUIDv4 would not)."""
    return uuid.UUID(bytes=uuid.uuid5(NAMESPACE, key).bytes, version=4)


PRODUCER_ID = f"identity--{stable_uuid('producer|claimgraph')}"


def _string(description: str, **more) -> dict:
    return {"type": "string", "description": description, **more}


def _count(description: str) -> dict:
    return {"type": "integer", "minimum": 0, "description": description}


_STIX_ID = r"^[a-z][a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
_EVIDENCE = {
    "type": "object",
    "description": "Where the evidence sentence lies: the document's content hash and character offsets in its text.",
    "properties": {
        "document": _string("claimgraph document id (hash of the normalised text)"),
        "start": _count("offset of the sentence's first character"),
        "end": _count("offset just after the sentence's last character"),
    },
    "required": ["document", "start", "end"],
    "additionalProperties": False,
}
_CLAIMANT = _string("who makes the claim: the name of the party quoted, or 'author' for the writer of the document")
_CERTAINTY = _string("how sure the claimant is, from the hedges and cues of the sentence", enum=list(CERTAINTIES))


@dataclass(frozen=True)
class Extension:
    """One extension definition: its name, version, what it extends and the JSON schema of its properties."""

    name: str
    version: str
    extension_type: str  # property-extension | new-sdo
    applies_to: tuple[str, ...]
    description: str
    properties: dict
    required: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        major = self.version.split(".")[0]
        return f"extension-definition--{stable_uuid(f'extension|{self.name}|{major}')}"

    def extension_schema(self) -> dict:
        """The schema of the extension's own object (what sits under `extensions[<id>]`)."""
        return {
            "type": "object",
            "description": self.description,
            "properties": {"extension_type": {"const": self.extension_type}, **self.properties},
            "required": ["extension_type", *self.required],
            "additionalProperties": False,
        }

    def object_schema(self) -> dict:
        """The schema of an object that uses the extension, as `stix2-validator --schemas` applies it."""
        return {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "title": f"claimgraph {self.name} extension {self.version}",
            "type": "object",
            "properties": {
                "type": {"enum": list(self.applies_to)},
                "extensions": {"type": "object", "properties": {self.id: self.extension_schema()},
                               "required": [self.id]},
            },
            "required": ["type", "extensions"],
        }

    def stix(self) -> dict:
        """The `extension-definition` object, with its schema embedded as JSON text."""
        return {
            "type": "extension-definition", "spec_version": "2.1", "id": self.id, "created": RELEASED,
            "modified": RELEASED, "created_by_ref": PRODUCER_ID, "name": f"claimgraph {self.name}",
            "description": self.description, "version": self.version, "extension_types": [self.extension_type],
            "schema": json.dumps(self.extension_schema(), sort_keys=True, ensure_ascii=False),
        }


CLAIM = Extension(
    name="claim", version="1.1.0", extension_type="property-extension", applies_to=("relationship",),
    description="An attributed claim read from reporting: the link, who claims it, how sure they are, whether "
                "they affirm or deny it, and where the evidence sentence is.",
    properties={
        "relation": _string("claimgraph relation type; the relationship's own type is 'targets' where STIX "
                            "suggests it and 'related-to' otherwise", enum=list(RELATION_TYPES)),
        "claimant": _CLAIMANT,
        "claimant_ref": _string("the claimant's STIX id when the claimant is an exported entity",
                                pattern=_STIX_ID),
        "certainty": _CERTAINTY,
        "polarity": _string("positive: the claimant affirms the link; negative: denies it",
                            enum=["positive", "negative"]),
        "date": _string("when the link held, as precise as the text says (YYYY, YYYY-MM or YYYY-MM-DD)"),
        "grade": {"type": "integer", "minimum": 1, "maximum": 6,
                  "description": "NATO/Admiralty credibility of the whole edge, 1 confirmed .. 6 cannot be judged"},
        "corroboration": _count("independent sources that affirm the edge"),
        "rule": _string("the extraction rule or model that produced the claim, e.g. relations/trains.passive"),
        "review": _string("an analyst's review: confirmed as read, or corrected and so confirmed (rejected claims "
                          "are never exported)", enum=["confirmed", "corrected"]),
        "evidence": _EVIDENCE,
    },
    required=("relation", "claimant", "certainty", "polarity", "evidence"),
)

EVENT = Extension(
    name="event", version="1.0.0", extension_type="property-extension", applies_to=("incident",),
    description="An event as one document reports it: its type, date, place, participants with their roles, "
                "casualty and arrest counts, weapons, who reports it and how sure they are.",
    properties={
        "event_type": _string("claimgraph event type", enum=list(EVENT_TYPES)),
        "event_subtype": _string("finer type when the text names it (bombing, kidnapping, ...)"),
        "date": _string("when it happened, as precise as the text says (YYYY, YYYY-MM or YYYY-MM-DD)"),
        "location_ref": _string("the location (or x-claimgraph-place) where it happened", pattern=_STIX_ID),
        "location_name": _string("the place by name, when it is an actor rather than a location (an embassy)"),
        "participants": {
            "type": "array", "description": "who took part, and in which role",
            "items": {"type": "object", "additionalProperties": False, "required": ["role", "entity_ref"],
                      "properties": {"role": _string("the participant's role", enum=list(ROLES)),
                                     "entity_ref": _string("the participant's STIX id", pattern=_STIX_ID)}},
        },
        "killed": _count("people killed"),
        "wounded": _count("people wounded"),
        "arrested": _count("people arrested"),
        "weapons": {"type": "array", "items": {"type": "string"}, "description": "weapons named in the text"},
        "claimant": _CLAIMANT,
        "certainty": _CERTAINTY,
        "evidence": _EVIDENCE,
    },
    required=("event_type", "claimant", "certainty", "evidence"),
)

ENTITY = Extension(
    name="entity", version="1.0.0", extension_type="property-extension",
    applies_to=("identity", "threat-actor", "location", PLACE_TYPE),
    description="claimgraph's resolved entity behind a STIX object: its stable id, its type and every name it goes "
                "by in the reporting.",
    properties={
        "entity_id": _string("claimgraph canonical entity id (a stable slug)"),
        "entity_type": _string("claimgraph entity type", enum=list(ENTITY_TYPES)),
        "aliases": {"type": "array", "items": {"type": "string"}, "description": "other names in the reporting"},
    },
    required=("entity_id", "entity_type"),
)

DOCUMENT = Extension(
    name="document", version="1.0.0", extension_type="property-extension", applies_to=("report",),
    description="The document a report stands for: its content hash, its authors and where it was read from.",
    properties={
        "document_id": _string("claimgraph document id (hash of the normalised text)"),
        "authors": {"type": "array", "items": {"type": "string"}, "description": "bylines"},
        "source": _string("the file or URL the document was read from"),
    },
    required=("document_id",),
)

PLACE = Extension(
    name="place", version="1.0.0", extension_type="new-sdo", applies_to=(PLACE_TYPE,),
    description="A named place that no data package locates: STIX's location needs a country, a region or "
                "coordinates, and claimgraph will not invent them. Properties: name (required), description.",
    properties={},
)

EXTENSIONS: tuple[Extension, ...] = (CLAIM, EVENT, ENTITY, DOCUMENT, PLACE)


def producer_identity() -> dict:
    """The identity that creates the extension definitions: claimgraph itself."""
    return {"type": "identity", "spec_version": "2.1", "id": PRODUCER_ID, "created": RELEASED, "modified": RELEASED,
            "name": "claimgraph", "identity_class": "system",
            "description": "claimgraph, which turns reporting into evidence-backed networks of attributed claims"}


def write_schemas(folder: Path) -> Path:
    """One JSON schema per extension, named by the definition's id, as `stix2-validator --schemas` looks them up."""
    folder.mkdir(parents=True, exist_ok=True)
    for ext in EXTENSIONS:
        if ext.extension_type == "property-extension":
            (folder / f"{ext.id}.json").write_text(json.dumps(ext.object_schema(), indent=1), encoding="utf-8")
    return folder


__all__ = ["CLAIM", "DOCUMENT", "ENTITY", "EVENT", "EXTENSIONS", "PLACE", "PLACE_TYPE", "PRODUCER_ID", "Extension",
           "producer_identity", "stable_uuid", "write_schemas"]
