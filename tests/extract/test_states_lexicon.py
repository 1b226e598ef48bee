"""The country lexicon: names and codes from pycountry (ISO 3166-1), only what no package has in states.json."""

from __future__ import annotations

import pycountry
import pytest

from claimgraph.extract.entities.lexicons import states
from claimgraph.extract.lexicons import read_lexicon

EXTRA = {k: v for k, v in read_lexicon("states.json").items()
         if not k.startswith("_")}


def test_states_lexicon_has_every_iso_country():
    lexicon = states()
    assert {c.alpha_2 for c in pycountry.countries} <= set(lexicon.codes.values())
    assert lexicon.code_of("El Salvador") == "SV"  # a country the hand-written table lacked


def test_states_json_keys_are_iso_codes_or_name_the_country():
    for code, info in EXTRA.items():
        assert pycountry.countries.get(alpha_2=code) is not None or "name" in info, code


def test_states_json_repeats_no_name_pycountry_has():
    for code, info in EXTRA.items():
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            continue
        package = {getattr(country, a, None) for a in ("name", "official_name", "common_name")}
        assert not package & set(info.get("names", [])), code


@pytest.mark.parametrize(("surface", "state"), [
    ("Burma", "Myanmar"),  # states.json
    ("Russian Federation", "Russia"),  # pycountry's name, our canonical short name
    ("Bolivia, Plurinational State of", "Bolivia"),
    ("Congo", "Democratic Republic of the Congo"),  # states.json wins over the neighbour's short name
    ("u.s.", "United States"),
    ("Kosovo", "Kosovo"),  # user-assigned XK, not in ISO 3166-1
])
def test_states_lexicon_maps_surface_names(surface, state):
    assert states().canonical[surface.lower()] == state


def test_states_lexicon_demonyms_and_codes():
    lexicon = states()
    assert lexicon.demonyms["Azeris"] == "Azerbaijan"
    assert "Azeris" in lexicon.plural_demonyms
    assert (lexicon.code_of("Afghans"), lexicon.code_of("Holland"), lexicon.code_of("Osterra")) == ("AF", "NL", None)
