"""Cue lexicons for entity rules, loaded once from JSON data under extract/lexicons/ (never typed into code)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from claimgraph.extract.lexicons import read_lexicon


@dataclass(frozen=True)
class StateLexicon:
    """Country names, their alternative names and demonyms, keyed for lookup by surface form."""

    canonical: dict[str, str] = field(default_factory=dict)  # lower surface name -> canonical state name
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym as written -> canonical state name
    plural_demonyms: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cues:
    """Word lists that type, clean and filter entity spans (all lower case unless noted)."""

    org_heads: frozenset[str]
    generic_org_words: frozenset[str]
    place_heads: frozenset[str]
    compass: frozenset[str]
    government_nouns: frozenset[str]
    security_nouns: frozenset[str]
    agency_modifiers: frozenset[str]
    titles: frozenset[str]
    name_particles: frozenset[str]
    peoples: frozenset[str]  # as written (case-sensitive)
    collective_heads: frozenset[str]
    chrome_words: frozenset[str]
    biblio_abbrevs: frozenset[str]
    nondefining_modifiers: frozenset[str]
    same_place_suffixes: frozenset[str]
    agency_words: frozenset[str]


def _read(name: str) -> dict:
    return read_lexicon(name)


@lru_cache(maxsize=1)
def states() -> StateLexicon:
    canonical: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    plurals: set[str] = set()
    for name, info in _read("states.json").items():
        if name.startswith("_"):
            continue
        canonical[name.lower()] = name
        for alt in info.get("names", []):
            canonical[alt.lower()] = name
        for dem in info.get("demonyms", []):
            demonyms[dem] = name
            if dem.endswith("s") and dem[:-1] in info.get("demonyms", []):
                plurals.add(dem)
    return StateLexicon(canonical=canonical, demonyms=demonyms, plural_demonyms=frozenset(plurals))


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = _read("cues.json")

    def words(key: str, lower: bool = True) -> frozenset[str]:
        return frozenset(w.lower() if lower else w for w in data[key])

    return Cues(
        org_heads=words("org_heads"), generic_org_words=words("generic_org_words"),
        place_heads=words("place_heads"), compass=words("compass"),
        government_nouns=words("government_nouns"), security_nouns=words("security_nouns"),
        agency_modifiers=words("agency_modifiers"),
        titles=words("titles"), name_particles=words("name_particles"), peoples=words("peoples", lower=False),
        collective_heads=words("collective_heads"), chrome_words=words("chrome_words"),
        biblio_abbrevs=words("biblio_abbrevs"), nondefining_modifiers=words("nondefining_modifiers"),
        same_place_suffixes=words("same_place_suffixes"), agency_words=words("agency_words"),
    )
