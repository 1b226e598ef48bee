"""Keep-or-drop classifiers for whole entities and events, run after the rules and the relation model.

The rules propose entities and events generously; many proposals are noise on unfamiliar text (a photo credit
read as an organisation, a generic `attack` in a policy paragraph). A binary linear model scores each proposal
from document-level evidence: how it was found, how often and where it is mentioned, whether claims or events
involve it, its shape (acronym, lower-case description, one word). Names themselves are never features.
A dropped entity takes its claims and event roles with it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from claimgraph.extract.entities.aliases import is_acronym
from claimgraph.extract.models.linear import LinearModel, load_thresholded
from claimgraph.extract.records import Claim, Entity, Event

MODEL_DIR = Path(__file__).resolve().parent / "data"
ENTITY_FILE = MODEL_DIR / "entity-filter.npz"
EVENT_FILE = MODEL_DIR / "event-filter.npz"
KEEP = "keep"
DROP = "drop"
_PROBABILITY = re.compile(r" p=([0-9.]+)")  # "model/groups p=0.53": how sure the model that made it was


def _length(doc: Doc) -> int:
    """Characters in the doc, without building doc.text (which joins every token each time it is read)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _bin(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-10" if n < 11 else "11+"


def entity_features(entity: Entity, doc: Doc, claims: list[Claim], events: list[Event]) -> dict[str, float]:
    """What the document says about one entity, without its name."""
    rule = _PROBABILITY.sub("", entity.rule)  # a model's entity: its rule, and how sure it was in fifths
    f: dict[str, float] = {"bias": 1.0, f"type={entity.type}": 1.0, f"rule={rule}": 1.0}
    sure = _PROBABILITY.search(entity.rule)
    if sure:
        f[f"rule_p={min(int(float(sure.group(1)) * 5), 4)}"] = 1.0
    n = len(entity.mentions)
    f[f"mentions={_bin(n)}"] = 1.0
    f[f"type+mentions={entity.type}:{_bin(n)}"] = 1.0
    f[f"aliases={_bin(len(entity.aliases))}"] = 1.0
    words = entity.name.split()
    f[f"words={_bin(len(words))}"] = 1.0
    if is_acronym(entity.name):
        f["acronym"] = 1.0
    if entity.name[:1].islower():
        f["lower"] = 1.0
        f[f"lower_head={words[-1].lower()}"] = 1.0  # a description's head noun (`militants`), never a name
    if any(ch.isdigit() for ch in entity.name):
        f["digit"] = 1.0
    if entity.refs:
        f["sanctions_ref"] = 1.0
    if any(a != entity.name and is_acronym(a) for a in entity.aliases):
        f["has_acronym"] = 1.0
    involved = sum(1 for c in claims if entity.id in (c.subject, c.object, c.source))
    f[f"claims={_bin(involved)}"] = 1.0
    f[f"type+claims={entity.type}:{_bin(involved)}"] = 1.0
    roles = Counter(p.role for e in events for p in e.participants if p.entity == entity.id)
    roles.update("location" for e in events if e.location == entity.id)
    for role in roles:
        f[f"event_role={role}"] = 1.0
    if not roles:
        f["no_event"] = 1.0
    if entity.mentions:
        first = entity.mentions[0].start / max(_length(doc), 1)
        f[f"first_at={min(int(first * 5), 4)}"] = 1.0
    deps: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for m in entity.mentions[:20]:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        deps[span.root.dep_] += 1
        labels[span.root.ent_type_ or "O"] += 1
        head = span.root.head
        if span.root.dep_ == "pobj":
            f[f"prep={head.lower_}"] = 1.0
        if any(t.is_title or t.is_upper for t in span):
            f["capitalised_mention"] = 1.0
        prev = doc[span.start - 1] if span.start > 0 else None
        if prev is not None and prev.text in ("(", "/", "©", "|"):
            f[f"after={prev.text}"] = 1.0
    for dep in deps:
        f[f"dep={dep}"] = 1.0
    for label in labels:
        f[f"ner={label}"] = 1.0
        f[f"type+ner={entity.type}:{label}"] = 1.0
    return f


def event_features(event: Event, index: int, events: list[Event], doc: Doc) -> dict[str, float]:
    """What the extraction knows about one event: how it was found and how fully it is anchored."""
    f: dict[str, float] = {"bias": 1.0, f"type={event.type}": 1.0, f"rule={event.rule}": 1.0}
    date = event.date or ""
    precision = "none" if not date else "year" if len(date) == 4 else "month" if len(date) == 7 else "day"
    f[f"date={precision}"] = 1.0
    f[f"type+date={event.type}:{precision}"] = 1.0
    f[f"location={'yes' if event.location else 'no'}"] = 1.0
    f[f"type+location={event.type}:{'yes' if event.location else 'no'}"] = 1.0
    if event.subtype:
        f[f"subtype={event.subtype}"] = 1.0
    f[f"participants={_bin(len(event.participants))}"] = 1.0
    for role in {p.role for p in event.participants}:
        f[f"role={role}"] = 1.0
        f[f"type+role={event.type}:{role}"] = 1.0
    for count in ("killed", "wounded", "arrested"):
        if getattr(event, count) is not None:
            f[f"count={count}"] = 1.0
    if event.weapons:
        f["weapons"] = 1.0
    f[f"source={'author' if event.source == 'author' else 'quoted'}"] = 1.0
    f[f"certainty={event.certainty}"] = 1.0
    same = [e for e in events[:index] if e.type == event.type]
    f[f"nth_of_type={_bin(len(same))}"] = 1.0
    if any(e.date == event.date for e in same):
        f["same_type_same_date_before"] = 1.0
    where = event.evidence.start / max(_length(doc), 1)
    f[f"at={min(int(where * 5), 4)}"] = 1.0
    if any(w in event.evidence.text.lower() for w in (" would ", " could ", " may ", " might ", " if ")):
        f["modal_sentence"] = 1.0
    return f


@dataclass
class KeepFilter:
    model: LinearModel
    threshold: float = 0.5

    @classmethod
    def load(cls, path: Path) -> KeepFilter:
        return cls(*load_thresholded(path, 0.5))

    def keep(self, rows: list[dict[str, float]]) -> list[bool]:
        if not rows:
            return []
        probs = self.model.scores(rows)[:, self.model.classes.index(KEEP)]
        return [bool(p >= self.threshold) for p in probs]


@dataclass
class Filters:
    entities: KeepFilter | None = None
    events: KeepFilter | None = None


def apply_filters(filters: Filters, doc: Doc, entities: list[Entity], claims: list[Claim],
                  events: list[Event]) -> tuple[list[Entity], list[Claim], list[Event]]:
    """Drop the entities and events the filters reject; claims and roles of dropped entities go with them.
    Both filters read the extraction as it came from the rules and the relation model (as in training)."""
    keep_events = [True] * len(events)
    if filters.events is not None:
        keep_events = filters.events.keep([event_features(e, i, events, doc) for i, e in enumerate(events)])
    if filters.entities is not None:
        keep = filters.entities.keep([entity_features(e, doc, claims, events) for e in entities])
        dropped = {e.id for e, k in zip(entities, keep, strict=True) if not k}
        entities = [e for e, k in zip(entities, keep, strict=True) if k]
        claims = [c for c in claims if c.subject not in dropped and c.object not in dropped]
        for c in claims:
            if c.source in dropped:
                c.source = "author"
        for e in events:
            e.participants = [p for p in e.participants if p.entity not in dropped]
            if e.location in dropped:
                e.location = None
            if e.source in dropped:
                e.source = "author"
    return entities, claims, [e for e, k in zip(events, keep_events, strict=True) if k]


@lru_cache(maxsize=1)
def default_filters() -> Filters:
    """The packaged filters (absent ones are None: everything is kept)."""
    return Filters(KeepFilter.load(ENTITY_FILE) if ENTITY_FILE.is_file() else None,
                   KeepFilter.load(EVENT_FILE) if EVENT_FILE.is_file() else None)
