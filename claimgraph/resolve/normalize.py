"""Name normalisation shared by matching: the same folding the evaluation uses, plus acronyms and name parts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# Honorifics and titles are general English vocabulary, not names; they never identify an actor.
_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "sheikh", "shaykh", "gen", "general", "col", "colonel", "maj", "major", "capt",
    "captain", "lt", "commander", "cmdr", "president", "minister", "prime", "sir", "imam", "mullah", "emir",
    "amir", "prof", "professor", "sen", "senator", "rep", "gov", "governor", "judge", "brig", "brigadier",
})
_STOPWORDS = frozenset({"of", "the", "for", "and", "in", "on", "al", "el", "de", "la", "le", "&"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'", "\u00b4": "'"})


@dataclass(frozen=True)
class EntityRecord:
    """One per-document entity as resolution sees it; `key` is stable across re-extraction (doc id + local id)."""

    key: str
    document_id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    mentions: int = 1
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def surface_forms(self) -> tuple[str, ...]:
        forms = [self.name, *self.aliases]
        return tuple(dict.fromkeys(f for f in forms if f and f.strip()))


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_CACHE = 1 << 16  # names; resolution folds the same forms again and again while it compares blocks


@lru_cache(maxsize=_CACHE)
def normalise_name(name: str) -> str:
    """Case-fold, strip accents, unify quotes, drop a leading "the", a trailing possessive and punctuation.
    Cached: resolution folds the same few names again and again (every key of every entity)."""
    text = strip_accents(name).translate(_QUOTES).casefold().strip()
    text = re.sub(r"('s|s')$", "", text)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"^(so[- ]called|self[- ]styled|self[- ]proclaimed)\s+", "", text)  # a writer's hedge, not a name
    text = re.sub(r"[\"'.,()\[\]]", "", text)
    text = re.sub(r"[-\u2010-\u2015/]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_NICKNAME = re.compile(r"[\"\u201c\u201d][^\"\u201c\u201d]+[\"\u201c\u201d]|\u2018[^\u2019]+\u2019")


def name_tokens(name: str) -> list[str]:
    """Normalised tokens without leading titles or a quoted nickname inside the name
    ('Gen. Idris "the Owl" Kovac' -> ["idris", "kovac"])."""
    return list(_name_tokens(name))


@lru_cache(maxsize=_CACHE)
def _name_tokens(name: str) -> tuple[str, ...]:
    bare = _NICKNAME.sub(" ", name)
    tokens = normalise_name(bare if bare.strip() else name).split()
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens = tokens[1:]
    return tuple(tokens)


@lru_cache(maxsize=_CACHE)
def person_key(name: str) -> str:
    return " ".join(_name_tokens(name))


def surname(name: str) -> str | None:
    """The last name part of a multi-part person name, or None for a single token."""
    tokens = name_tokens(name)
    return tokens[-1] if len(tokens) >= 2 else None


def is_acronym_form(surface: str) -> bool:
    """A surface form written as an acronym: 2-8 capital letters, maybe dotted ("NLF", "N.L.F.")."""
    compact = surface.strip().replace(".", "")
    return 2 <= len(compact) <= 8 and compact.isalpha() and compact.isupper()


def acronym_of(name: str) -> set[str]:
    """Acronyms a long name can be written as: initials with and without function words ("Front for the
    Liberation of X" -> "flx" and "fftlox")."""
    words = [w for w in re.split(r"[\s\-/]+", strip_accents(name).translate(_QUOTES)) if w]
    words = [re.sub(r"[^A-Za-z0-9]", "", w) for w in words]
    words = [w for w in words if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2:
        return set()
    content = [w for w in words if w.lower() not in _STOPWORDS]
    out = {"".join(w[0] for w in words).lower()}
    if len(content) >= 2:
        out.add("".join(w[0] for w in content).lower())
    return {a for a in out if len(a) >= 2}
