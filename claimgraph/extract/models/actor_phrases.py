"""Unnamed actors the names miss: a learned decision over common-noun phrases ("police", "the smuggling ring",
"Iran-backed militia groups", "two confidential sources").

Reporting names many actors without a proper name, and the relations hang on them ("arrested by police",
"supplied weapons to the militias"). The rule-based group finder (entities/groups.py) takes the constructions it
can justify; this model looks at every other noun phrase whose head is a common noun and decides whether the
text treats it as an actor: a `group` (an unnamed collective), an `organization` (an agency or body named by
its kind) or neither. Its features are how the phrase is built and used (head noun, modifiers, number,
determiner, grammatical role, governing word, repetition) and never a proper name: names inside the phrase
count only by their entity type.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.entities.aliases import name_key
from claimgraph.extract.entities.lexicons import cues, states
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.entities.spans import chrome_tokens
from claimgraph.extract.models.linear import LinearModel
from claimgraph.extract.records import Entity, Mention

ACTORS_FILE = Path(__file__).parent / "data" / "actor-phrases.npz"
NONE = "none"
KINDS = ("group", "organization")
_DETS = ("det", "poss", "predet")


@dataclass
class Phrase:
    """A candidate phrase: tokens [start, end) without its determiner or possessor, and its head."""

    start: int
    end: int
    head: Token

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


def phrases(doc: Doc, table: EntityTable, skip: set[int] | None = None) -> Iterator[Phrase]:
    """Noun chunks headed by a common noun that no entity covers (a name inside the phrase is allowed)."""
    if not doc.has_annotation("DEP"):
        return
    skip = chrome_tokens(doc) if skip is None else skip
    for chunk in doc.noun_chunks:
        head = chunk.root
        if head.pos_ != "NOUN" or head.i in table.token_entity or head.i in skip or not head.is_alpha:
            continue
        start = next((t.i for t in chunk if t.dep_ not in _DETS or t.i >= head.i), head.i)
        if any(i in skip for i in range(start, chunk.end)):
            continue
        yield Phrase(start, chunk.end, head)


def _modifier(token: Token, table: EntityTable) -> str:
    entity = table.entity_of(token)
    if entity is not None:
        return f"<{entity.type}>"
    if token.text in states().demonyms:
        return "<demonym>"
    if token.like_num:
        return "<num>"
    return token.lemma_.lower() if token.is_alpha else "<sym>"


def phrase_features(doc: Doc, table: EntityTable, phrase: Phrase, head_counts: dict[str, int]) -> dict[str, float]:
    """Name-free features of one phrase."""
    head = phrase.head
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS")
    f: dict[str, float] = {"bias": 1.0, f"head={lemma}": 1.0, f"plural={plural}": 1.0}
    c = cues()
    for name, words in (("collective", c.collective_heads), ("org_head", c.org_heads),
                        ("security", c.security_nouns), ("government", c.government_nouns),
                        ("place_head", c.place_heads), ("generic_org", c.generic_org_words)):
        if head.lower_ in words or lemma in words:
            f[f"lex={name}"] = 1.0
    kids = list(head.lefts)
    for k in kids:
        if k.dep_ in _DETS:
            f[f"det={k.lower_ if k.dep_ != 'poss' else '<poss>'}"] = 1.0
            if k.dep_ == "poss":
                f[f"poss={_modifier(k, table)}"] = 1.0
        elif k.dep_ == "nummod":
            f["counted"] = 1.0
        else:
            for t in k.subtree:
                f[f"mod={_modifier(t, table)}"] = 1.0
    if not any(k.dep_ in _DETS for k in kids):
        f["det=none"] = 1.0
    for r in head.rights:
        if r.dep_ == "prep":
            objects = [t for t in r.children if t.dep_ == "pobj"]
            f[f"post={r.lower_}"] = 1.0
            for o in objects:
                f[f"post={r.lower_}:{_modifier(o, table)}"] = 1.0
        elif r.dep_ in ("acl", "relcl"):
            f[f"post={r.dep_}:{r.lemma_.lower()}"] = 1.0
    governor = head.head
    role = head.dep_
    if role == "pobj":
        f[f"role=pobj:{governor.lower_}"] = 1.0
        governor = governor.head
        f[f"gov={governor.lemma_.lower()}|pobj:{head.head.lower_}"] = 1.0
    else:
        f[f"role={role}"] = 1.0
        f[f"gov={governor.lemma_.lower()}|{role}"] = 1.0
    f[f"gov_pos={governor.pos_}"] = 1.0
    f[f"head_repeats={min(head_counts.get(lemma, 0), 4)}"] = 1.0
    f[f"len={min(phrase.end - phrase.start, 5)}"] = 1.0
    if head.is_sent_start or (head.i > 0 and doc[phrase.start].is_sent_start):
        f["sentence_start"] = 1.0
    return f


def document_phrases(doc: Doc, table: EntityTable) -> list[tuple[Phrase, dict[str, float]]]:
    found = list(phrases(doc, table))
    counts: dict[str, int] = {}
    for p in found:
        key = p.head.lemma_.lower()
        counts[key] = counts.get(key, 0) + 1
    return [(p, phrase_features(doc, table, p, counts)) for p in found]


@dataclass
class ActorModel:
    """Adds the phrases the model calls actors as entities; a phrase with the same words as an earlier one, or a
    bare definite repeat of its head ("the ring"), is a mention of it."""

    model: LinearModel
    threshold: float = 0.5

    @classmethod
    def load(cls, path: Path) -> ActorModel:
        model = LinearModel.load(path)
        return cls(model, float((model.info or {}).get("threshold", 0.5)))

    def apply(self, doc: Doc, table: EntityTable) -> int:
        """Add actor entities in place; returns how many entities were added."""
        rows = document_phrases(doc, table)
        if not rows:
            return 0
        probs = self.model.scores([f for _, f in rows])
        index = {k: self.model.classes.index(k) for k in KINDS if k in self.model.classes}
        by_key: dict[str, Entity] = {}
        by_head: dict[str, Entity] = {}
        used = {e.id for e in table.entities}
        added = 0
        for (phrase, _), p in zip(rows, probs, strict=True):
            kind = max(index, key=lambda k: p[index[k]])
            span = phrase.span(doc)
            key = name_key(span.text)
            lemma = phrase.head.lemma_.lower()
            bare = phrase.end - phrase.start == 1
            entity = by_key.get(key) or (by_head.get(lemma) if bare else None)
            if entity is None and sum(p[i] for i in index.values()) < self.threshold:
                continue
            if entity is None:
                entity = Entity(id=_unique("actor_" + "_".join(key.split()), used), name=span.text, type=kind,
                                rule="models/actor-phrases")
                table.entities.append(entity)
                added += 1
            entity.mentions.append(Mention(span.start_char, span.end_char, span.text))
            if span.text not in entity.aliases:
                entity.aliases.append(span.text)
            for i in range(phrase.start, phrase.end):
                table.token_entity.setdefault(i, entity.id)
            table.token_entity[phrase.head.i] = entity.id
            by_key[key] = entity
            by_head[lemma] = entity
        return added


def _unique(base: str, used: set[str]) -> str:
    out, n = base, 2
    while out in used:
        out, n = f"{base}_{n}", n + 1
    used.add(out)
    return out


@lru_cache(maxsize=1)
def default_actor_model() -> ActorModel | None:
    """The packaged actor-phrase model, or None when it has not been trained (names and rules then work alone)."""
    return ActorModel.load(ACTORS_FILE) if ACTORS_FILE.is_file() else None
