"""The learned detector of unnamed collectives: which plural noun phrases the text treats as an actor.

Reporting names many actors without a name: "Somali pirates", "Iran-backed militias", "two Lebanese nationals",
"a drug trafficking network in Paraguay", "the police". The rules (entities/groups.py) take only a few heads in a
few roles; this model reads every plural or collective noun phrase outside the named entities and decides, from
the parse around it, whether it is an actor of its own. Features are general English (the head noun, its
modifiers and governor, with every name replaced by its entity type), never names. Accepted phrases become
`group` entities; a later bare repeat ("the pirates", or "pirates" alone) joins the last accepted group with that
head.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from claimgraph.extract import lexicons
from claimgraph.extract.entities.find import _slug, _unique
from claimgraph.extract.entities.lexicons import cues, states
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.entities.spans import chrome_tokens
from claimgraph.extract.events.lexicons import load_lexicon
from claimgraph.extract.events.roles import GROUP_RULE
from claimgraph.extract.models.linear import LinearModel, load_thresholded
from claimgraph.extract.records import Entity, Mention

MODEL_DIR = Path(__file__).resolve().parent / "data"
GROUPS_FILE = MODEL_DIR / "unnamed-groups.npz"
DEFAULT_THRESHOLD = 0.5
GROUP, OTHER = "group", "other"
MAX_PHRASE = 10  # tokens: a longer phrase ("gang members financed by X who ...") keeps only its left part
_NOUN_KINDS = ("perpetrator_nouns", "person_nouns", "organization_nouns")
_LEFT_OUT = ("det", "poss", "case", "punct", "predet")
_NOT_FIRST = frozenset({"ADV", "DET", "ADP", "CCONJ", "SCONJ", "PART", "PRON", "SYM", "AUX"})


@dataclass
class Candidate:
    head: Token
    start: int  # the phrase without determiner or possessor: "Iran-backed militias"
    end: int
    full_end: int  # with what follows the head: "network dedicated to drug trafficking"
    bare_definite: bool  # "the militants": a repeat, not a new collective


def _collective(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or token.lower_ in cues().collective_nouns \
        or token.lower_ in cues().collective_heads


def group_candidates(doc: Doc, table: EntityTable, skip: set[int]) -> list[Candidate]:
    """Plural or collective noun heads outside every entity, with the phrase each one heads."""
    out = []
    anaphors = lexicons.anaphor_nouns()
    things = set(load_lexicon("roles")["target_nouns"])  # buildings, vehicles: targets, never actors
    for t in doc:
        if t.i in skip or t.i in table.token_entity or t.pos_ not in ("NOUN", "PROPN") \
                or t.dep_ in ("compound", "poss") or not _collective(t) or not t.is_alpha \
                or t.lemma_.lower() in things or t.lower_ in things:
            continue
        lefts = [k.left_edge.i for k in t.lefts if k.dep_ not in _LEFT_OUT]
        start = min(lefts + [t.i])
        while start < t.i and (doc[start].pos_ in _NOT_FIRST or doc[start].is_punct or doc[start].is_quote):
            start += 1  # "perhaps the most feared allied factions", "“listed terrorists"
        breaks = [i for i in range(start, t.i) if "\n" in doc[i].text_with_ws]
        if breaks:
            start = breaks[-1] + 1  # a caption or byline line before the phrase is no part of it
        if any(i in skip for i in range(start, t.i)) or t.i - start >= MAX_PHRASE:
            continue
        full_end = t.i + 1
        right = t.right_edge.i + 1
        if right > full_end and right - start <= MAX_PHRASE and right <= t.sent.end:
            while right > full_end and doc[right - 1].is_punct:
                right -= 1
            full_end = right
        bare = start == t.i and full_end == t.i + 1
        if bare and t.tag_ not in ("NNS", "NNPS") and t.lemma_.lower() in anaphors:
            continue  # "the group", "the network": the Resolver's anaphors for a named organization
        definite = any(k.lower_ in ("the", "these", "those") for k in t.lefts)
        out.append(Candidate(t, start, t.i + 1, full_end, definite and bare))
    return out


def _word(t: Token, table: EntityTable, types: dict[str, str]) -> str:
    eid = table.token_entity.get(t.i)
    if eid is not None:
        return "<" + types.get(eid, "ent") + ">"
    if t.text in states().demonyms:
        return "<demonym>"
    if t.pos_ == "PROPN":
        return "<propn>"
    if t.like_num:
        return "<num>"
    return t.lemma_.lower()


def candidate_features(c: Candidate, table: EntityTable, types: dict[str, str], seen: int) -> dict[str, float]:
    """What the parse says about one candidate phrase (names replaced by their entity types)."""
    t = c.head
    lemma = t.lemma_.lower()
    f = {"bias": 1.0, f"head={lemma}": 1.0, f"tag={t.tag_}": 1.0, f"dep={t.dep_}": 1.0,
         f"seen={min(seen, 3)}": 1.0}
    if t.lower_ in cues().collective_heads:
        f["collective_head"] = 1.0
    roles = load_lexicon("roles")
    for kind in _NOUN_KINDS:  # what our event lexicons say the noun names: a perpetrator, a person, a force
        if lemma in roles[kind] or t.lower_ in roles[kind]:  # short lists, read from the cached lexicon
            f[f"kind={kind}"] = 1.0
    if c.bare_definite:
        f["bare_definite"] = 1.0
    gov = t.head
    f[f"gov={t.dep_}:{_word(gov, table, types)}"] = 1.0
    f[f"gov_pos={gov.pos_}"] = 1.0
    if gov.dep_ == "prep":
        f[f"gov2={gov.lower_}:{_word(gov.head, table, types)}"] = 1.0
    for cue in lexicons.relation_cue_words().get(gov.lemma_.lower(), ()):
        f[f"gov_cue={cue}"] = 1.0
    for k in t.children:
        if k.dep_ == "punct":
            continue
        side = "left" if k.i < t.i else "right"
        f[f"{side}={k.dep_}:{_word(k, table, types)}"] = 1.0
        f[f"{side}_dep={k.dep_}"] = 1.0
        if k.dep_ == "prep":
            for p in k.children:
                if p.dep_ == "pobj":
                    f[f"prep_obj={k.lower_}:{_word(p, table, types)}"] = 1.0
    inside = {table.token_entity[i] for i in range(c.start, c.full_end) if i in table.token_entity}
    f[f"names_inside={min(len(inside), 2)}"] = 1.0
    for eid in inside:
        f[f"name_inside={types.get(eid, 'ent')}"] = 1.0
    if t.left_edge.i == t.sent.start:
        f["sentence_start"] = 1.0
    doc = t.doc
    before = doc[c.start - 1] if c.start > t.sent.start else None
    after = doc[c.full_end] if c.full_end < t.sent.end else None
    f[f"before={_word(before, table, types) if before is not None else '<s>'}"] = 1.0
    f[f"after={_word(after, table, types) if after is not None else '</s>'}"] = 1.0
    for x in (*t.conjuncts, *([t.head] if t.dep_ == "appos" else []), *(k for k in t.children if k.dep_ == "appos")):
        eid = table.token_entity.get(x.i)
        f[f"beside={types.get(eid, 'ent') if eid else 'word'}"] = 1.0  # "Hamas and other groups", "X, a cell"
    return f


def candidate_rows(doc: Doc, table: EntityTable) -> list[tuple[Candidate, dict[str, float]]]:
    """Every candidate of the document with its features (`seen`: earlier candidates with the same head)."""
    types = {e.id: e.type for e in table.entities}
    seen: Counter[str] = Counter()
    out = []
    for c in group_candidates(doc, table, chrome_tokens(doc)):
        lemma = c.head.lemma_.lower()
        out.append((c, candidate_features(c, table, types, seen[lemma])))
        seen[lemma] += 1
    return out


@dataclass
class GroupModel:
    """Adds the unnamed collectives the model accepts (probability of `group` at least `threshold`)."""

    model: LinearModel
    threshold: float = DEFAULT_THRESHOLD

    @classmethod
    def load(cls, path: Path = GROUPS_FILE) -> GroupModel:
        return cls(*load_thresholded(path, DEFAULT_THRESHOLD))

    def apply(self, doc: Doc, table: EntityTable) -> int:
        """Add the accepted groups to the table in place; returns how many entities were added."""
        rows = candidate_rows(doc, table)
        if not rows:
            return 0
        probs = self.model.scores(f for _, f in rows)[:, self.model.classes.index(GROUP)]
        used = {e.id for e in table.entities}
        by_phrase: dict[str, Entity] = {}
        last_by_head: dict[str, Entity] = {}
        added = 0
        for (c, _), p in zip(rows, probs, strict=True):
            lemma = c.head.lemma_.lower()
            if c.head.i in table.token_entity:
                continue
            if lemma in last_by_head and (c.bare_definite or c.start == c.head.i == c.full_end - 1):
                # "the militants", or "militants" alone, after "Kestan-backed militias": the same collective
                _add(last_by_head[lemma], doc, c, table)
                continue
            if p < self.threshold:
                continue
            phrase = doc[c.start:c.end].text
            key = phrase.casefold()
            entity = by_phrase.get(key)
            if entity is None:
                entity = Entity(id=_unique("group_" + _slug(phrase), used), name=phrase, type="group",
                                rule=f"{GROUP_RULE} p={float(p):.2f}")
                table.entities.append(entity)
                by_phrase[key] = entity
                added += 1
            _add(entity, doc, c, table)
            last_by_head[lemma] = entity
        return added


def _add(entity: Entity, doc: Doc, c: Candidate, table: EntityTable) -> None:
    """The candidate as a mention of `entity`, its phrases as aliases, its tokens as the entity's (a name inside
    the phrase keeps its own entity)."""
    for start, end in ((c.start, c.end), (c.start, c.full_end)):
        surface = doc[start:end].text
        if surface.casefold() not in (a.casefold() for a in entity.aliases):
            entity.aliases.append(surface)
    span = doc[c.start:c.end]
    entity.mentions.append(Mention(span.start_char, span.end_char, span.text))
    for i in range(c.start, c.end):
        table.token_entity.setdefault(i, entity.id)
    table.token_entity[c.head.i] = entity.id


@lru_cache(maxsize=1)
def default_group_model() -> GroupModel | None:
    """The packaged model, or None when it has not been trained (the rules' groups then stand alone)."""
    return GroupModel.load(GROUPS_FILE) if GROUPS_FILE.is_file() else None
