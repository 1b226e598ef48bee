"""Pairwise evidence that two per-document entities are the same actor: which rule fired and how strongly."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from claimgraph.resolve.normalize import (
    EntityRecord,
    acronym_of,
    is_acronym_form,
    name_tokens,
    normalise_name,
    person_key,
    surname,
)

FUZZY_THRESHOLD = 92.0  # token_sort_ratio; below this, spelling variants are too often different people
FUZZY_MIN_LENGTH = 6  # short names differ by one letter too easily ("Ali" / "Adi")

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "so", "called", "self", "styled"})

# Types that may name the same referent: an armed group is sometimes tagged organization, sometimes group;
# a country is a state when it acts and a place when it is only a location.
_ORGANISATIONS = frozenset({"organization", "group"})
_TYPE_FAMILIES = ({"person"}, _ORGANISATIONS, {"state", "place"})


@dataclass(frozen=True)
class Match:
    rule: str  # name | gazetteer | acronym | surname | fuzzy | analyst
    score: float
    detail: str = ""


def types_compatible(a: str, b: str) -> bool:
    return any(a in fam and b in fam for fam in _TYPE_FAMILIES)


def is_named(record: EntityRecord) -> bool:
    """Whether the entity carries a proper name. An unnamed collective ("the cell", "14 suspects") is a
    different referent in every document and never merges across documents by its common-noun name."""
    if record.type != "group":
        return True
    for form in record.surface_forms:
        words = [w for w in re.split(r"[\s\-]+", form) if w and w.lower() not in _DETERMINERS]
        if any(is_acronym_form(w) for w in words) or (len(words) >= 2 and any(w[:1].isupper() for w in words)):
            return True
    return False


def _proper_word(record: EntityRecord, key: str, fold) -> bool:
    """A one-word name written as a proper noun ('Tolvesk', not 'TOLVESK' or 'police'): one referent across
    documents whether a tagger called it a place or an organisation; the cluster's type is the majority's."""
    return any(fold(f) == key and f[:1].isupper() and not f.isupper() and f.isalpha() for f in record.surface_forms)


def exact_match(a: EntityRecord, b: EntityRecord) -> Match | None:
    """Same normalised name or alias (persons compared without titles and nicknames). Types must be compatible,
    except for identical names of two words or more, which name one referent whatever type a tagger gave it."""
    if a.document_id != b.document_id and not (is_named(a) and is_named(b)):
        return None
    fold_a = person_key if a.type == "person" else normalise_name
    fold_b = person_key if b.type == "person" else normalise_name
    shared = sorted(({fold_a(f) for f in a.surface_forms} & {fold_b(f) for f in b.surface_forms}) - {""})
    if not types_compatible(a.type, b.type):
        one_word_ok = "person" not in (a.type, b.type)  # a surname may be a place's name too ('Orlan')
        shared = [k for k in shared if "group" not in (a.type, b.type)
                  and (len(k.split()) >= 2
                       or (one_word_ok and _proper_word(a, k, fold_a) and _proper_word(b, k, fold_b)))]
    if shared:
        return Match("name", 1.0, shared[0])
    if not types_compatible(a.type, b.type):
        return None
    refs = sorted(set(a.refs) & set(b.refs))
    if refs:
        return Match("gazetteer", 1.0, refs[0])
    return None


def acronym_match(short: EntityRecord, long: EntityRecord) -> Match | None:
    """`short` has a surface form written as an acronym of one of `long`'s names ("NLF" / "National ... Front")."""
    if short.type == "person" or long.type == "person" or not types_compatible(short.type, long.type):
        return None
    acronyms = {normalise_name(f).replace(" ", "") for f in short.surface_forms if is_acronym_form(f)}
    for form in long.surface_forms:
        hit = acronyms & acronym_of(form)
        if hit:
            return Match("acronym", 0.95, f"{sorted(hit)[0].upper()} = {form}")
    return None


def qualifier_match(bare: EntityRecord, qualified: EntityRecord) -> Match | None:
    """An organisation named with and without a qualifier ("Ministry of Roads and Rails" / "Karvani Ministry of
    Roads and Rails" / "Roads Guard Corps of Karvan"): the bare name must have at least two words."""
    if bare.type == "person" or qualified.type == "person" or not types_compatible(bare.type, qualified.type):
        return None
    bares = {normalise_name(f) for f in bare.surface_forms if len(normalise_name(f).split()) >= 2}
    for form in qualified.surface_forms:
        words = normalise_name(form).split()
        if len(words) >= 3 and " ".join(words[1:]) in bares and form.split()[0][:1].isupper():
            return Match("qualifier", 0.9, f"{' '.join(words[1:])} < {form}")
        if len(words) >= 4 and words[-2] == "of" and " ".join(words[:-2]) in bares and form.split()[-1][:1].isupper():
            return Match("qualifier", 0.9, f"{' '.join(words[:-2])} < {form}")
    return None


def short_form_match(short: EntityRecord, full: EntityRecord) -> Match | None:
    """Within one document, an organisation named later by its last word alone ("the Covenant" after
    "Sable Covenant"); across documents a bare head word is too weak to merge on. Places are left out: the
    last word of "Christmas market in Berlin" is the city around it, not its short name."""
    if short.document_id != full.document_id or not {short.type, full.type} <= _ORGANISATIONS:
        return None
    singles = {normalise_name(f) for f in short.surface_forms
               if len(normalise_name(f).split()) == 1 and not is_acronym_form(f)}
    for form in full.surface_forms:
        words = normalise_name(form).split()
        if len(words) >= 2 and words[-1] in singles and len(words[-1]) >= 4:
            return Match("short_form", 0.85, f"{words[-1]} = {form}")
    return None


def surname_match(short: EntityRecord, full: EntityRecord) -> Match | None:
    """A person named only by a surname ("Kovac", "Gen. Kovac") against a full name ending in it."""
    if short.type != "person" or full.type != "person":
        return None
    singles = {name_tokens(f)[0] for f in short.surface_forms if len(name_tokens(f)) == 1}
    for form in full.surface_forms:
        last = surname(form)
        if last and last in singles and len(last) >= 3:
            return Match("surname", 0.9, f"{last} = {form}")
    return None


def fuzzy_match(a: EntityRecord, b: EntityRecord) -> Match | None:
    """Spelling variants of a multi-word name ("Abu Karim al-Tahiri" / "Abu Kareem al Tahiri")."""
    if not types_compatible(a.type, b.type) or not (is_named(a) and is_named(b)):
        return None
    best: tuple[float, str] = (0.0, "")
    for fa in a.surface_forms:
        na = person_key(fa)
        if len(na) < FUZZY_MIN_LENGTH or len(na.split()) < 2:
            continue
        for fb in b.surface_forms:
            nb = person_key(fb)
            if len(nb) < FUZZY_MIN_LENGTH or len(nb.split()) < 2:
                continue
            if a.type == "person" and na.split()[-1][:1] != nb.split()[-1][:1]:
                continue
            score = fuzz.token_sort_ratio(na, nb)
            if score > best[0]:
                best = (score, f"{fa} ~ {fb}")
    if best[0] >= FUZZY_THRESHOLD:
        return Match("fuzzy", round(best[0] / 100.0, 3), best[1])
    return None
