"""The trained event-place chooser: which of the places and states its sentence names an event happened in.

The rules place an event by its clause ("attacked a checkpoint in X") and, failing that, at the place nearest its
trigger, the arresting state or the dateline. Reporting often names two or three places in one sentence (a town,
its province, the country; the attackers' home and the scene), and the nearest is often the wrong one. Each
place or state named in the event's sentence, plus the rules' choice and the dateline, is a candidate; a linear
model scores how likely each is the event's place from what the parse says of it (its preposition, whether the
trigger's phrase holds it, distance and side, whether it is one of the event's actors, whether another place
in the sentence lies inside it), from what GeoNames says it is (city, capital, province) and from whether the
rules chose it. The best-scoring candidate is the event's place. Never the place's name: the model learns how
English places an event, not where events happen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.events.find import ACTOR_ROLES, PLACE_TYPES, dateline_entity, governing_prep
from claimgraph.extract.models.entity_types import gazetteer_kinds
from claimgraph.extract.models.linear import LinearModel
from claimgraph.extract.records import Entity, Event
from claimgraph.ingest.document import Document

MODEL_DIR = Path(__file__).resolve().parent / "data"
LOCATIONS_FILE = MODEL_DIR / "event-locations.npz"
HERE, ELSEWHERE = "here", "elsewhere"


def _bin(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n < 6 else "6-10" if n < 11 else "11-20" if n < 21 else "21+"


def _mentions_in(sent: Span, table: EntityTable) -> dict[str, list[Span]]:
    """Place and state mentions of the sentence, per entity (runs of tokens of one entity)."""
    out: dict[str, list[Span]] = defaultdict(list)
    start, current = None, None
    for t in [*sent, None]:
        e = table.entity_of(t) if t is not None else None
        eid = e.id if e is not None and e.type in PLACE_TYPES else None
        if eid != current:
            if current is not None:
                out[current].append(sent.doc[start:t.i if t is not None else sent.end])
            start, current = (t.i if t is not None else None), eid
    return out


def _phrase_head(t: Token) -> Token:
    """The noun a name modifies ("Dresk" in "Dresk district")."""
    for _ in range(4):
        if t.dep_ not in ("compound", "amod", "nmod") or t.head.i == t.i:
            break
        t = t.head
    return t


def _other_place(t: Token, table: EntityTable, own: str) -> bool:
    """t, or a name compounded into it, is a place or state other than `own`."""
    for k in (t, *(c for c in t.children if c.dep_ in ("compound", "amod", "nmod"))):
        e = table.entity_of(k)
        if e is not None and e.type in PLACE_TYPES and e.id != own:
            return True
    return False


def _inside_other(root: Token, table: EntityTable, own: str) -> tuple[bool, bool]:
    """(this place holds another one named with it, this place is inside another one): "Varlo in Dresk
    district", "Dresk district of Kestan", "Varlo, Kestan"."""
    head = _phrase_head(root)
    holds = inside = False
    for t in dict.fromkeys((root, head)):
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of", "near"):
                holds |= any(_other_place(obj, table, own) for obj in child.children if obj.dep_ == "pobj")
            elif child.dep_ in ("appos", "npadvmod") and child.i - t.i <= 3:
                holds |= _other_place(child, table, own)
        if t.dep_ in ("appos", "npadvmod") and _other_place(t.head, table, own):
            inside = True
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "of") and t.head.head.i != t.head.i:
            inside |= _other_place(_phrase_head(t.head.head), table, own) or _other_place(t.head.head, table, own)
    return holds, inside


def location_rows(doc: Doc, table: EntityTable, event: Event,
                  dateline: Entity | None) -> list[tuple[str, dict[str, float]]]:
    """(entity id, features) for every place the event may have happened in (see the module docstring)."""
    if event.anchor is None or event.anchor >= len(doc):
        return []
    anchor = doc[event.anchor]
    sent = anchor.sent
    roles = {p.entity: p.role for p in event.participants}
    mentions = _mentions_in(sent, table)
    ids = list(mentions)
    for extra in (event.location, dateline.id if dateline is not None else None):
        if extra is not None and extra not in mentions:
            ids.append(extra)
    nearest = sorted(ids, key=lambda eid: min((abs(s.root.i - anchor.i) for s in mentions.get(eid, [])),
                                              default=10_000))
    rows = []
    for eid in ids:
        entity = table.by_id(eid)
        if entity is None:
            continue
        f: dict[str, float] = {"bias": 1.0, f"type={entity.type}": 1.0, f"ev+type={event.type}:{entity.type}": 1.0,
                               f"rank={min(nearest.index(eid), 3)}": 1.0}
        if eid == event.location:
            f["rule_pick"] = 1.0
        if dateline is not None and eid == dateline.id:
            f["dateline"] = 1.0
        role = roles.get(eid)
        if role is not None:
            f[f"role={role}"] = 1.0
            if role in ACTOR_ROLES:
                f["actor"] = 1.0
        for kind in gazetteer_kinds(entity):
            f[f"kind={kind}"] = 1.0
        n = len(entity.mentions)
        f[f"mentions={'1' if n == 1 else '2-3' if n < 4 else '4+'}"] = 1.0
        spans = mentions.get(eid, [])
        if not spans:
            f["outside_sentence"] = 1.0
        for span in sorted(spans, key=lambda s: abs(s.root.i - anchor.i))[:1]:
            _mention_features(f, span.root, anchor, event.type, table, eid)
        rows.append((eid, f))
    return rows


def _mention_features(f: dict[str, float], root: Token, anchor: Token, etype: str, table: EntityTable,
                      eid: str) -> None:
    prep = governing_prep(root) or "-"
    f[f"prep={prep}"] = 1.0
    f[f"ev+prep={etype}:{prep}"] = 1.0
    f[f"dep={root.dep_}"] = 1.0
    distance = abs(root.i - anchor.i)
    f[f"dist={_bin(distance)}"] = 1.0
    f[f"side={'before' if root.i < anchor.i else 'after'}"] = 1.0
    in_phrase = anchor.left_edge.i <= root.i <= anchor.right_edge.i
    if in_phrase:
        f["in_trigger_phrase"] = 1.0
        f[f"in_phrase+prep={prep}"] = 1.0
    if anchor.head.i != anchor.i and anchor.head.left_edge.i <= root.i <= anchor.head.right_edge.i and not in_phrase:
        f["in_head_phrase"] = 1.0
    if root.head.i == anchor.i:
        f[f"child_of_trigger={root.dep_}"] = 1.0
    if root.pos_ == "ADJ" or root.dep_ == "amod":
        f["adjective"] = 1.0
    holds, inside = _inside_other(root, table, eid)
    if holds:
        f["holds_other_place"] = 1.0
    if inside:
        f["inside_other_place"] = 1.0


@dataclass
class LocationModel:
    """Moves each event to its best-scoring candidate place."""

    model: LinearModel

    @classmethod
    def load(cls, path: Path = LOCATIONS_FILE) -> LocationModel:
        return cls(LinearModel.load(path))

    def apply(self, doc: Doc, table: EntityTable, document: Document, events: list[Event]) -> int:
        """Re-place the events in place; returns how many moved."""
        dateline = dateline_entity(document, table)
        here = self.model.classes.index(HERE)
        moved = 0
        for event in events:
            rows = location_rows(doc, table, event, dateline)
            if not rows:
                continue
            probs = self.model.scores(f for _, f in rows)[:, here]
            best = rows[int(probs.argmax())][0]
            if best != event.location:
                event.location = best
                event.rule = f"{event.rule}; place by model/event-locations"
                moved += 1
        return moved


@lru_cache(maxsize=1)
def default_location_model() -> LocationModel | None:
    """The packaged model, or None when it has not been trained (the rules' places then stand)."""
    return LocationModel.load(LOCATIONS_FILE) if LOCATIONS_FILE.is_file() else None
