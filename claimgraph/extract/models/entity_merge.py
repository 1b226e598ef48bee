"""Which two entities of a document are one referent: a learned decision over how their names and mentions relate.

The alias rules (entities/aliases.py, entities/typing.py) join the forms they can name a reason for; what they
leave apart is spelling variants ('Qods'/'Quds Force'), shortened names ('Benevolence International'), acronyms
the text never defines and one actor typed two ways. The merge model sees, for each pair of entities, only how
the two names compare (string similarity, shared words, acronym shape, containment), their types, where their
mentions sit (apposition, the same sentence) and which rules made them: never the names themselves, so it learns
what a variant looks like, not which actors exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from spacy.tokens import Doc

from claimgraph.extract.entities.aliases import initials, is_acronym, is_acronym_of, name_key
from claimgraph.extract.entities.lexicons import cues, fold_place, place_names, states
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.entities.typing import merge_into
from claimgraph.extract.events.roles import is_participant
from claimgraph.extract.models.linear import LinearModel, load_thresholded
from claimgraph.extract.records import Entity

MERGE_FILE = Path(__file__).parent / "data" / "entity-merge.npz"
MERGE = "merge"
APART = "apart"
_STOP = frozenset({"of", "the", "and", "for", "in", "on", "to", "de", "al", "el", "a"})


def _bucket(value: float, steps: Iterable[float]) -> str:
    last = "lo"
    for step in steps:
        if value >= step:
            last = str(step)
    return last


@dataclass
class _Names:
    """An entity's comparable forms, computed once per document."""

    keys: set[str]
    words: set[str]
    acronyms: set[str]
    sentences: set[int]
    starts: list[int]
    appositives: set[str]  # ids of the entities a mention of this one stands in apposition to
    capital_of: set[str]  # ISO codes of the countries one of its forms is the capital of (GeoNames)
    state_codes: set[str]  # ISO codes of the countries its forms name

    @classmethod
    def of(cls, entity: Entity, sent_of: dict[int, int], doc: Doc, table: EntityTable) -> _Names:
        forms = [entity.name, *entity.aliases]
        keys = {k for k in (name_key(f) for f in forms) if k}
        words = {w for k in keys for w in k.split() if w not in _STOP and len(w) > 1}
        acronyms = {f for f in forms if is_acronym(f)}
        starts = sorted(m.start for m in entity.mentions)
        capitals, lexicon = place_names().capital_of, states()
        capital_of = {code for f in forms for code in capitals.get(fold_place(f), ())}
        state_codes = {lexicon.codes[name] for f in forms
                       if (name := lexicon.canonical.get(f.lower())) and name in lexicon.codes}
        return cls(keys, words, acronyms, {sent_of.get(s, -1) for s in starts}, starts,
                   _appositive_targets(doc, table, entity), capital_of, state_codes)


def _sentence_index(doc: Doc) -> dict[int, int]:
    return {t.idx: i for i, sent in enumerate(doc.sents) for t in sent}


def _best(a: set[str], b: set[str], scorer) -> float:
    return max((scorer(x, y) for x in a for y in b), default=0.0) / 100.0


def _appositive_targets(doc: Doc, table: EntityTable, a: Entity) -> set[str]:
    """Ids of the entities a mention of `a` is in apposition to, or in brackets right before (read once per
    entity, not once per pair)."""
    out: set[str] = set()
    for m in a.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span.root.children:
            if t.dep_ == "appos":
                out.add(table.token_entity.get(t.i))
        nxt = span.end
        if nxt + 1 < len(doc) and doc[nxt].text == "(":
            out.add(table.token_entity.get(doc[nxt + 1].i))
        head = span.root
        if head.dep_ == "appos":
            out.add(table.token_entity.get(head.head.i))
    out.discard(None)
    return out


def _capital(na: _Names, nb: _Names) -> bool:
    """One names a country's capital and the other that country ('Tehran' and 'Iran'): texts let the capital
    stand for the state ('Tehran denied the charge'), and the state is then one referent under two names."""
    return bool(na.capital_of & nb.state_codes or nb.capital_of & na.state_codes)


_ACTOR_PREPS = frozenset({"by", "with", "against", "between", "from"})
_PLACE_PREPS = frozenset({"in", "to", "at", "near", "into", "outside", "inside", "across"})


def _uses(doc: Doc, entity: Entity) -> tuple[int, int]:
    """How many of its mentions act (a subject, an owner, the agent or partner of an act: 'Tehran denied', "Tehran's
    proxies", 'talks with Tehran') and how many name a location ('in Tehran'); a capital that acts stands for its
    state."""
    actor = place = 0
    for m in entity.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        head = root.head.lemma_.lower()
        if root.dep_ in ("nsubj", "nsubjpass", "poss", "dobj") or (root.dep_ == "pobj" and head in _ACTOR_PREPS):
            actor += 1
        elif root.dep_ == "pobj" and head in _PLACE_PREPS:
            place += 1
    return actor, place


def _appositive(a: Entity, b: Entity, na: _Names, nb: _Names) -> bool:
    """A mention of one is in apposition to, or in brackets right after, a mention of the other."""
    return b.id in na.appositives or a.id in nb.appositives


def pair_features(doc: Doc, table: EntityTable, a: Entity, b: Entity, na: _Names, nb: _Names) -> dict[str, float]:
    """Name-free features of one entity pair (order-independent)."""
    types = "|".join(sorted((a.type, b.type)))
    f: dict[str, float] = {"bias": 1.0, f"types={types}": 1.0}
    f["same_type"] = float(a.type == b.type)
    ratio = _best(na.keys, nb.keys, fuzz.ratio)
    token_set = _best(na.keys, nb.keys, fuzz.token_set_ratio)
    partial = _best(na.keys, nb.keys, fuzz.partial_ratio)
    for name, value in (("ratio", ratio), ("tset", token_set), ("partial", partial)):
        f[f"{name}>={_bucket(value, (0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0))}"] = 1.0
        f[f"{name}|{types}>={_bucket(value, (0.7, 0.85, 0.95))}"] = 1.0
    shared = na.words & nb.words
    small = min(len(na.words), len(nb.words)) or 1
    f[f"shared_words={min(len(shared), 3)}"] = 1.0
    f[f"shared_frac>={_bucket(len(shared) / small, (0.34, 0.5, 0.99))}"] = 1.0
    f[f"shared_frac|{types}>={_bucket(len(shared) / small, (0.5, 0.99))}"] = 1.0
    extra = _extra_words(na.keys, nb.keys)
    contained = extra is not None
    f["contained"] = float(contained)
    f[f"contained|{types}"] = float(contained)
    for kind in sorted(extra or ()):
        f[f"extra={kind}"] = 1.0
        f[f"extra={kind}|{types}"] = 1.0
    acr = _acronym_link(a, b, na, nb) or _acronym_link(b, a, nb, na)
    f["acronym"] = float(acr)
    f[f"acronym|{types}"] = float(acr)
    f["both_acronyms"] = float(bool(na.acronyms and nb.acronyms))
    if _capital(na, nb):
        capital = a if na.capital_of & nb.state_codes else b
        f["capital"] = 1.0
        f[f"capital|{types}"] = 1.0
        f[f"capital_typed={capital.type}"] = 1.0
        f[f"capital_mentions={min(len(capital.mentions), 3)}"] = 1.0
        actor, place = _uses(doc, capital)
        f[f"capital_uses={'actor' if actor else '-'}|{'place' if place else '-'}"] = 1.0
    same_sentence = bool(na.sentences & nb.sentences)
    f["same_sentence"] = float(same_sentence)
    appositive = _appositive(a, b, na, nb)
    f["appositive"] = float(appositive)
    f[f"appositive|{types}"] = float(appositive)
    gap = abs(na.starts[0] - nb.starts[0]) if na.starts and nb.starts else 10**6
    f[f"first_gap>={_bucket(gap, (0, 200, 1000, 4000))}"] = 1.0
    f[f"rules={'|'.join(sorted((a.rule, b.rule)))}"] = 1.0
    lengths = sorted((len(a.name.split()), len(b.name.split())))
    f[f"lengths={min(lengths[0], 3)}|{min(lengths[1], 4)}"] = 1.0
    f[f"mentions={min(len(a.mentions), 3)}|{min(len(b.mentions), 3)}"] = 1.0
    return f


def _extra_words(a: set[str], b: set[str]) -> set[str] | None:
    """When one form is a word-for-word part of the other: what kind of words the longer adds ('Gaza' +
    'strip', 'Moscow' + 'metro': a place suffix or a facility of the place), or None when neither contains the
    other. The pairs are read in a fixed order: the first containing pair decides, and a set's order changes
    with the process's string hashing."""
    c = cues()
    for x in sorted(a):
        for y in sorted(b):
            short, long = (x, y) if len(x) < len(y) else (y, x)
            if short == long or f" {short} " not in f" {long} ":
                continue
            added = long.replace(short, " ", 1).split()
            kinds = set()
            for word in added:
                if word in c.same_place_suffixes:
                    kinds.add("same_place")
                elif word in c.place_heads:
                    kinds.add("place_head")
                elif word in c.org_heads or word in c.generic_org_words:
                    kinds.add("org_head")
                elif word in c.titles:
                    kinds.add("title")
                elif word in c.compass:
                    kinds.add("compass")
                else:
                    kinds.add("other")
            return kinds
    return None


def _acronym_link(a: Entity, b: Entity, na: _Names, nb: _Names) -> bool:
    """A form of `a` is an acronym of a form of `b` (by initials, with or without function words)."""
    for acronym in na.acronyms:
        for form in (b.name, *b.aliases):
            words = form.split()
            if len(words) >= 2 and (is_acronym_of(acronym, words) or acronym.lower() == initials(words, True).lower()):
                return True
    return False


def candidate_pairs(doc: Doc, table: EntityTable) -> list[tuple[Entity, Entity, dict[str, float]]]:
    """Every pair of the document's entities that shares anything a variant could share (a word, a letter
    pattern, an acronym, an apposition), with its features. Pairs with nothing in common are never merged."""
    sent_of = _sentence_index(doc)
    ents = [e for e in table.entities if not is_participant(e)]
    names = [_Names.of(e, sent_of, doc, table) for e in ents]
    out = []
    for i, a in enumerate(ents):
        for j in range(i + 1, len(ents)):
            b = ents[j]
            na, nb = names[i], names[j]
            if not (na.words & nb.words or _best(na.keys, nb.keys, fuzz.ratio) >= 0.7
                    or _acronym_link(a, b, na, nb) or _acronym_link(b, a, nb, na)
                    or _appositive(a, b, na, nb) or _capital(na, nb)):
                continue
            f = pair_features(doc, table, a, b, na, nb)
            out.append((a, b, f))
    return out


@dataclass
class MergeModel:
    """Joins entity pairs whose merge probability passes the threshold (union over pairs, longest name kept)."""

    model: LinearModel
    threshold: float = 0.5
    link_floor: float = 0.2  # the least probability any two members of a merged cluster may have

    @classmethod
    def load(cls, path: Path) -> MergeModel:
        return cls(*load_thresholded(path, 0.5))

    def apply(self, doc: Doc, table: EntityTable) -> int:
        """Merge in place; returns how many entities were folded into another."""
        pairs = candidate_pairs(doc, table)
        if not pairs:
            return 0
        column = self.model.classes.index(MERGE)
        probs = self.model.scores([f for _, _, f in pairs])[:, column]
        prob = {frozenset((a.id, b.id)): float(p) for (a, b, _), p in zip(pairs, probs, strict=True)}
        members: dict[str, list[str]] = {e.id: [e.id] for e in table.entities}
        owner: dict[str, Entity] = {e.id: e for e in table.entities}
        folded = 0
        for (a, b, _), p in sorted(zip(pairs, probs, strict=True), key=lambda x: -x[1]):
            if p < self.threshold:
                break
            ra, rb = owner[a.id], owner[b.id]
            if ra is rb:
                continue
            # complete link: every pair across the two clusters must look alike, so one entity that resembles
            # two others ('Talon Directorate of the AGC') cannot chain them into one
            if any(prob.get(frozenset((x, y)), 0.0) < self.link_floor
                   for x in members[ra.id] for y in members[rb.id]):
                continue
            keep, gone = (ra, rb) if _rank(ra) >= _rank(rb) else (rb, ra)
            merge_into(table, keep, gone)
            members[keep.id] += members.pop(gone.id)
            for x in members[keep.id]:
                owner[x] = keep
            folded += 1
        return folded


def _rank(entity: Entity) -> tuple[int, int, int]:
    """The entity that names the referent best: more mentions, then a longer (non-acronym) name."""
    return (len(entity.mentions), int(not is_acronym(entity.name)), len(entity.name))


@lru_cache(maxsize=1)
def default_merge_model() -> MergeModel | None:
    """The packaged merge model, or None when it has not been trained (the alias rules then work alone)."""
    return MergeModel.load(MERGE_FILE) if MERGE_FILE.is_file() else None
