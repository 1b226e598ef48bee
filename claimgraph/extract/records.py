"""Extraction results; `Extraction.to_json()` is exactly the shape of ../shared/eval/FORMAT.md."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimgraph.ingest.document import Document


@dataclass
class Mention:
    start: int
    end: int
    text: str = ""

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Entity:
    id: str
    name: str
    type: str  # person | organization | state | place | group
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # sanctions-list references, e.g. QDi.290
    rule: str = ""  # why the entity exists / got its type, e.g. "entities/ner"

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
            "mentions": [m.to_json() for m in self.mentions], "refs": list(self.refs), "rule": self.rule,
        }


@dataclass
class Evidence:
    text: str
    start: int
    end: int

    @classmethod
    def of_span(cls, text: str, start: int, end: int) -> Evidence:
        """The span of `text` without its surrounding whitespace, so evidence quotes read cleanly."""
        raw = text[start:end]
        stripped = raw.strip()
        start += len(raw) - len(raw.lstrip())
        return cls(stripped, start, start + len(stripped))

    def to_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Claim:
    subject: str
    type: str
    object: str
    evidence: Evidence
    source: str = "author"
    certainty: str = "certain"
    polarity: str = "positive"
    rule: str = ""  # <component>/<rule>, e.g. "relations/supports.funded"
    date: str | None = None
    cue: str | None = None  # the words that triggered certainty/polarity/attribution, for explanation

    def to_json(self) -> dict:
        return {
            "subject": self.subject, "type": self.type, "object": self.object, "source": self.source,
            "certainty": self.certainty, "polarity": self.polarity, "evidence": self.evidence.to_json(),
            "rule": self.rule, "date": self.date, "cue": self.cue,
        }


@dataclass
class Participant:
    role: str
    entity: str

    def to_json(self) -> dict:
        return {"role": self.role, "entity": self.entity}


@dataclass
class Event:
    type: str
    evidence: Evidence
    subtype: str | None = None
    date: str | None = None
    location: str | None = None
    participants: list[Participant] = field(default_factory=list)
    killed: int | None = None
    wounded: int | None = None
    arrested: int | None = None
    weapons: list[str] = field(default_factory=list)
    source: str = "author"
    certainty: str = "certain"
    rule: str = ""
    anchor: int | None = field(default=None, compare=False, repr=False)  # the trigger's token (not exported)

    def to_json(self) -> dict:
        return {
            "type": self.type, "subtype": self.subtype, "date": self.date, "location": self.location,
            "participants": [p.to_json() for p in self.participants], "killed": self.killed,
            "wounded": self.wounded, "arrested": self.arrested, "weapons": list(self.weapons),
            "source": self.source, "certainty": self.certainty, "evidence": self.evidence.to_json(),
            "rule": self.rule,
        }


@dataclass
class Extraction:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_json(self) -> dict:
        doc = self.document
        return {
            "document": {"id": doc.id, "source": doc.source, "kind": doc.kind, "length": len(doc.text)},
            "metadata": doc.metadata.to_json(),
            "entities": [e.to_json() for e in self.entities],
            "relations": [c.to_json() for c in self.relations],
            "events": [e.to_json() for e in self.events],
        }
