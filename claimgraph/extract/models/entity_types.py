"""What kind of actor an entity is, learned from how the text uses it.

The entity rules type a name by votes (the NER label, head words such as `Brigade` or `Province`, the state
lexicon); on unfamiliar names they err (a group's Arabic name read as a person, a district read as an
organisation), and a wrong type blocks every relation whose type constraints it breaks. The type model reads the
evidence of all of an entity's mentions at once: the rules' type and the rule that made it, the NER labels of its
mentions, the word each mention depends on and how (`in X`, `X said`, `leader of X`, `X's fighters`), the words
beside it, titles, the shape of the name (word count, capitals, acronym, cue words from our lexicons at its
ends) and whether real-place data knows it (a GeoNames city, a capital, an ISO 3166-2 province). The name's own
words are never features: only their shape and what our lexicons and the place data say of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from claimgraph.extract.entities.aliases import is_acronym
from claimgraph.extract.entities.lexicons import cues, fold_place, place_names, states
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.events.roles import is_participant
from claimgraph.extract.models.linear import LinearModel, load_thresholded
from claimgraph.extract.records import Entity

TYPES_FILE = Path(__file__).resolve().parent / "data" / "entity-types.npz"
DEFAULT_THRESHOLD = 0.5


def _word_class(word: str) -> str:
    """What our cue lexicons say a name's word is, or its shape: never the word."""
    c, lower = cues(), word.lower()
    for kind, words in (("org_head", c.org_heads), ("place_head", c.place_heads), ("gov", c.government_nouns),
                        ("title", c.titles), ("generic_org", c.generic_org_words), ("security", c.security_nouns),
                        ("compass", c.compass), ("agency", c.agency_words), ("particle", c.name_particles)):
        if lower in words:
            return kind
    if states().demonyms.get(word) or states().canonical.get(lower.strip(".")):
        return "state_word"
    if word.islower():
        return "lower"
    if is_acronym(word):
        return "ACR"
    if any(ch.isdigit() for ch in word):
        return "digit"
    return "Cap" if word[:1].isupper() else "other"


def gazetteer_kinds(entity: Entity) -> set[str]:
    """What the real-place data says a name of the entity is (a big or small city, a capital, a province)."""
    places = place_names()
    kinds = set()
    for form in (entity.name, *entity.aliases):
        key = fold_place(form)
        population = places.cities.get(key)
        if population is not None:
            kinds.add("city_1m" if population >= 1_000_000 else "city")
        if key in places.capitals:
            kinds.add("capital")
        if key in places.subdivisions:
            kinds.add("province")
    return kinds


def _context_word(t: Token, table: EntityTable) -> str:
    if t.i in table.token_entity:
        return "<ent>"
    if t.pos_ == "PROPN":
        return "<propn>"
    if t.like_num:
        return "<num>"
    return t.lemma_.lower()


def mention_spans(table: EntityTable) -> dict[str, list[tuple[int, int]]]:
    """Entity id -> its mentions as token spans (runs of tokens the table gives to it)."""
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    last_id, start, prev = None, 0, -2
    for i in sorted(table.token_entity):
        eid = table.token_entity[i]
        if eid == last_id and i == prev + 1:
            prev = i
            continue
        if last_id is not None:
            out[last_id].append((start, prev + 1))
        last_id, start, prev = eid, i, i
    if last_id is not None:
        out[last_id].append((start, prev + 1))
    return out


def type_features(entity: Entity, doc: Doc, table: EntityTable,
                  spans: list[tuple[int, int]]) -> dict[str, float]:
    """The evidence for one entity's type (see the module docstring)."""
    f: dict[str, float] = {"bias": 1.0, f"rules={entity.type}": 1.0, f"rule={entity.rule}": 1.0}
    words = entity.name.split()
    f[f"words={min(len(words), 5)}"] = 1.0
    f[f"first={_word_class(words[0])}" if words else "first=-"] = 1.0
    f[f"last={_word_class(words[-1])}" if words else "last=-"] = 1.0
    f[f"first+last={f'{_word_class(words[0])}|{_word_class(words[-1])}' if words else '-'}"] = 1.0
    if is_acronym(entity.name):
        f["acronym"] = 1.0
    if any(w.islower() for w in words):
        f["has_lower"] = 1.0
    if "-" in entity.name:
        f["hyphen"] = 1.0
    if states().code_of(entity.name):
        f["state_name"] = 1.0
    for kind in gazetteer_kinds(entity):
        f[f"gaz={kind}"] = 1.0
    for ref in entity.refs:
        f[f"ref={ref[2:3].lower() or '-'}"] = 1.0  # UN list references: QDi (an individual), QDe (an entity)
    if len(entity.aliases) > 1:
        f["has_alias"] = 1.0
        if any(is_acronym(a) for a in entity.aliases):
            f["alias_acronym"] = 1.0
    n = len(spans)
    f[f"mentions={min(n, 4)}"] = 1.0
    if not spans:
        return f
    weight = 1.0 / n  # each context feature is the share of mentions that show it
    counts: Counter[str] = Counter()
    for start, end in spans:
        span = doc[start:end]
        root = span.root
        counts[f"ner={root.ent_type_ or 'O'}"] += 1
        counts[f"dep={root.dep_}"] += 1
        head = root.head
        if head.i != root.i:
            counts[f"head={root.dep_}:{_context_word(head, table)}"] += 1
            if root.dep_ == "pobj":
                counts[f"prep={head.text.lower()}:{_context_word(head.head, table)}"] += 1
        if root.dep_ == "poss":
            counts[f"owns={_context_word(head, table)}"] += 1
        for child in root.children:
            if child.i < start or child.i >= end:
                counts[f"child={child.dep_}:{_context_word(child, table)}"] += 1
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        if before is not None:
            counts[f"before={_context_word(before, table)}"] += 1
            if before.text.lower().rstrip(".") in cues().titles:
                counts["after_title"] += 1
        if after is not None:
            counts[f"after={_context_word(after, table)}"] += 1
            if after.text in ("(", ","):
                nxt = doc[end + 1] if end + 1 < len(doc) else None
                if nxt is not None and nxt.like_num:
                    counts["age_after"] += 1  # "John Doe, 42,"
    for name, k in counts.items():
        f[name] = k * weight
    return f


@dataclass
class TypeModel:
    """Retypes an entity when the model gives another type at least `threshold` probability."""

    model: LinearModel
    threshold: float = DEFAULT_THRESHOLD

    @classmethod
    def load(cls, path: Path = TYPES_FILE) -> TypeModel:
        return cls(*load_thresholded(path, DEFAULT_THRESHOLD))

    def apply(self, doc: Doc, table: EntityTable) -> int:
        """Retype in place; returns how many entities changed type."""
        if not table.entities:
            return 0
        spans = mention_spans(table)
        entities = [e for e in table.entities if not is_participant(e)]
        if not entities:
            return 0
        probs = self.model.scores(type_features(e, doc, table, spans.get(e.id, [])) for e in entities)
        changed = 0
        for entity, row in zip(entities, probs, strict=True):
            k = int(row.argmax())
            best = self.model.classes[k]
            if best != entity.type and row[k] >= self.threshold:
                entity.type = best
                entity.rule = f"{entity.rule}; type by model/types"
                changed += 1
        return changed


@lru_cache(maxsize=1)
def default_type_model() -> TypeModel | None:
    """The packaged type model, or None when it has not been trained (the rules' types then stand)."""
    return TypeModel.load(TYPES_FILE) if TYPES_FILE.is_file() else None
