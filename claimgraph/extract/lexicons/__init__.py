"""Cue lexicons as data: relation verbs and nouns, attribution verbs, hedges, negation, actor nouns.

The rules read these files instead of hard-coding words, so an analyst can extend a cue list without touching
code. Each loader validates its file and fails loudly (ExtractError E210) naming the file and the bad entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from claimgraph.errors import ExtractError
from claimgraph.types import CERTAINTIES, RELATION_TYPES

HERE = Path(__file__).resolve().parent
ROLES = ("agent", "patient", "surface", "prep")


def read_lexicon(name: str) -> dict:
    """The one loader of every lexicon file (`name` under extract/lexicons/), parsed once per process and
    validated as a JSON object; a broken file fails with E210 naming it. Treat the result as read-only."""
    return _read_file(str(HERE), name)


@lru_cache(maxsize=64)
def _read_file(folder: str, name: str) -> dict:
    """Keyed by strings: the rules ask for a lexicon many times per document, and a Path key costs more to
    build and hash than the lookup itself."""
    path = Path(folder) / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ExtractError(f"cannot read lexicon ({err})", where=str(path), code="E210") from err
    if not isinstance(data, dict):
        raise ExtractError("lexicon must be a JSON object", where=str(path), code="E210")
    return data


def _fail(name: str, reason: str) -> ExtractError:
    return ExtractError(reason, where=str(HERE / name), code="E210")


def _words(name: str, value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise _fail(name, f"{what} must be a list of non-empty strings")
    return tuple(w.lower() for w in value)


def _rtype(name: str, entry: dict) -> str:
    rtype = entry.get("type")
    if rtype not in RELATION_TYPES:
        raise _fail(name, f"unknown relation type {rtype!r} in {entry}")
    return rtype


@dataclass(frozen=True)
class VerbCue:
    lemma: str
    type: str
    subject: str  # agent | patient | surface | prep
    object: str
    preps: tuple[str, ...] = ()
    dobj: tuple[str, ...] = ()
    particle: str | None = None
    negative: bool = False
    requires: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (preposition, lemmas its object must have)
    subject_types: tuple[str, ...] = ()  # when set, the cue applies only to subjects of these entity types


@dataclass(frozen=True)
class NounCue:
    lemma: str
    type: str
    holder: str  # subject | object
    preps: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionNounCue:
    lemma: str
    type: str
    preps: tuple[str, ...] = ()
    object_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class SpeechVerb:
    lemma: str
    scope: tuple[str, ...] = ()
    certainty: str | None = None
    own_action: bool = False


@dataclass(frozen=True)
class Hedges:
    words: dict[str, str] = field(default_factory=dict)  # word -> certainty
    phrases: dict[str, str] = field(default_factory=dict)
    passive_verbs: dict[str, str] = field(default_factory=dict)
    predicates: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Negation:
    neg_words: frozenset[str]
    determiners: frozenset[str]
    predicates: frozenset[str]


@dataclass(frozen=True)
class Actors:
    proxy_nouns: frozenset[str]
    agency_nouns: frozenset[str]
    person_nouns: frozenset[str]
    issuing_verbs: frozenset[str]
    non_state_words: frozenset[str]


def _entries(name: str) -> list[dict]:
    entries = read_lexicon(name).get("entries")
    if not isinstance(entries, list) or not entries:
        raise _fail(name, "`entries` must be a non-empty list")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("lemma"), str) or not entry["lemma"].strip():
            raise _fail(name, f"entry without a lemma: {entry}")
    return entries


@lru_cache(maxsize=1)
def relation_verbs() -> dict[str, tuple[VerbCue, ...]]:
    """Lemma -> the verb cues for it (a lemma may carry several, one per preposition)."""
    name = "relation_verbs.json"
    out: dict[str, list[VerbCue]] = {}
    for e in _entries(name):
        if e.get("subject") not in ROLES or e.get("object") not in ROLES:
            raise _fail(name, f"subject/object must be one of {ROLES}: {e}")
        preps = _words(name, e.get("preps", []), "preps")
        requires = e.get("requires", {})
        if not isinstance(requires, dict):
            raise _fail(name, f"requires must map a preposition to lemmas: {e}")
        required = tuple((p.lower(), _words(name, v, "requires")) for p, v in requires.items())
        if "prep" in (e["subject"], e["object"]) and not preps:
            raise _fail(name, f"role prep needs preps: {e}")
        cue = VerbCue(lemma=e["lemma"].lower(), type=_rtype(name, e), subject=e["subject"], object=e["object"],
                      preps=preps, dobj=_words(name, e.get("dobj", []), "dobj"), particle=e.get("particle"),
                      negative=bool(e.get("negative", False)), requires=required,
                      subject_types=_words(name, e.get("subject_types", []), "subject_types"))
        out.setdefault(cue.lemma, []).append(cue)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def relation_nouns() -> dict[str, NounCue]:
    name = "relation_nouns.json"
    out: dict[str, NounCue] = {}
    for e in _entries(name):
        if e.get("holder") not in ("subject", "object"):
            raise _fail(name, f"holder must be subject or object: {e}")
        out[e["lemma"].lower()] = NounCue(e["lemma"].lower(), _rtype(name, e), e["holder"],
                                          _words(name, e.get("preps", []), "preps"))
    return out


@lru_cache(maxsize=1)
def relation_cue_words() -> dict[str, tuple[str, ...]]:
    """Lemma -> the relation types general English often means by it (the relation model's features only)."""
    name = "relation_cues.json"
    types = read_lexicon(name).get("types")
    if not isinstance(types, dict):
        raise _fail(name, "types must map a relation type to lemmas")
    out: dict[str, list[str]] = {}
    for rtype, words in types.items():
        if rtype not in RELATION_TYPES:
            raise _fail(name, f"unknown relation type {rtype!r}")
        for w in _words(name, words, rtype):
            if rtype not in out.setdefault(w, []):
                out[w].append(rtype)
    return {w: tuple(v) for w, v in out.items()}


@lru_cache(maxsize=1)
def action_nouns() -> dict[str, ActionNounCue]:
    name = "action_nouns.json"
    out: dict[str, ActionNounCue] = {}
    for e in _entries(name):
        out[e["lemma"].lower()] = ActionNounCue(e["lemma"].lower(), _rtype(name, e),
                                                _words(name, e.get("preps", []), "preps"),
                                                _words(name, e.get("object_types", []), "object_types"))
    return out


@lru_cache(maxsize=1)
def between_nouns() -> dict[str, str]:
    name = "action_nouns.json"
    rows = read_lexicon(name).get("between")
    if not isinstance(rows, list):
        raise _fail(name, "`between` must be a list")
    return {r["lemma"].lower(): _rtype(name, r) for r in rows}


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, SpeechVerb]:
    name = "attribution.json"
    rows = read_lexicon(name).get("verbs")
    if not isinstance(rows, list) or not rows:
        raise _fail(name, "`verbs` must be a non-empty list")
    out: dict[str, SpeechVerb] = {}
    for r in rows:
        certainty = r.get("certainty")
        if certainty is not None and certainty not in CERTAINTIES:
            raise _fail(name, f"unknown certainty {certainty!r}")
        out[r["lemma"].lower()] = SpeechVerb(r["lemma"].lower(), _words(name, r.get("scope", []), "scope"),
                                             certainty, bool(r.get("own_action", False)))
    return out


@lru_cache(maxsize=1)
def source_prepositions() -> tuple[str, ...]:
    return _words("attribution.json", read_lexicon("attribution.json").get("prepositions"), "prepositions")


@lru_cache(maxsize=1)
def content_nouns() -> frozenset[str]:
    """Nouns whose `that` clause is what a speaker reports or denies (`rejected claims that ...`)."""
    nouns = read_lexicon("attribution.json").get("content_nouns", [])
    return frozenset(_words("attribution.json", nouns, "content_nouns"))


@lru_cache(maxsize=1)
def anaphor_nouns() -> frozenset[str]:
    """Bare definite nouns that point back to the last named organization (`the movement`, `the group`)."""
    return frozenset(_words("actors.json", read_lexicon("actors.json").get("anaphor_nouns", []), "anaphor_nouns"))


@lru_cache(maxsize=1)
def concessive_marks() -> frozenset[str]:
    """Subordinators of an aside the author adds to reported speech (`although`, `though`, `whereas`)."""
    return frozenset(_words("attribution.json", read_lexicon("attribution.json").get("concessive_marks", []),
                            "concessive_marks"))


@lru_cache(maxsize=1)
def hedges() -> Hedges:
    name = "certainty.json"
    data = read_lexicon(name)
    out = Hedges()
    for level in ("possible", "probable", "unknown"):
        part = data.get(level)
        if not isinstance(part, dict):
            raise _fail(name, f"missing level {level!r}")
        for key in ("words", "phrases", "passive_verbs", "predicates"):
            for word in _words(name, part.get(key, []), f"{level}.{key}"):
                getattr(out, key).setdefault(word, level)
    return out


@lru_cache(maxsize=1)
def negation() -> Negation:
    name = "negation.json"
    data = read_lexicon(name)
    return Negation(frozenset(_words(name, data.get("neg_words"), "neg_words")),
                    frozenset(_words(name, data.get("determiners"), "determiners")),
                    frozenset(_words(name, data.get("predicates"), "predicates")))


@lru_cache(maxsize=1)
def actors() -> Actors:
    name = "actors.json"
    data = read_lexicon(name)
    return Actors(frozenset(_words(name, data.get("proxy_nouns"), "proxy_nouns")),
                  frozenset(_words(name, data.get("agency_nouns"), "agency_nouns")),
                  frozenset(_words(name, data.get("person_nouns"), "person_nouns")),
                  frozenset(_words(name, data.get("issuing_verbs"), "issuing_verbs")),
                  frozenset(_words(name, data.get("non_state_words"), "non_state_words")))


@lru_cache(maxsize=1)
def agentive_verbs() -> frozenset[str]:
    """Verbs whose subject owns an action noun in their object (`X launched attacks on Y`)."""
    name = "action_nouns.json"
    return frozenset(_words(name, read_lexicon(name).get("agentive_verbs"), "agentive_verbs"))


@lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    """Nouns for the doer of an action noun they govern (`the bomber of the attack on X`)."""
    name = "action_nouns.json"
    return frozenset(_words(name, read_lexicon(name).get("agent_nouns"), "agent_nouns"))


@lru_cache(maxsize=1)
def under_nouns() -> dict[str, str]:
    """`under the leadership of X`: noun -> the relation X has to the clause's subject."""
    name = "action_nouns.json"
    rows = read_lexicon(name).get("under")
    if not isinstance(rows, dict):
        raise _fail(name, "`under` must map nouns to relation types")
    return {k.lower(): _rtype(name, {"type": v}) for k, v in rows.items()}
