"""Entity constructions on sentences we wrote about fictional actors: exact names, aliases and types."""

from __future__ import annotations

import pytest

from claimgraph.extract.entities.find import find_entities
from claimgraph.ingest.document import Document, Metadata


def entities_of(nlp, text: str, metadata: Metadata | None = None):
    document = Document(text=text, metadata=metadata or Metadata())
    return find_entities(nlp(text), document)


def summary(table) -> dict[str, tuple[str, list[str]]]:
    return {e.name: (e.type, sorted(e.aliases)) for e in table.entities}


CASES = [
    pytest.param(
        "The Velmari Liberation Front (VLF) claimed the attack. Officials said the VLF had bombed the depot.",
        {"Velmari Liberation Front": ("organization", ["VLF", "Velmari Liberation Front"])},
        id="acronym-defined-in-parentheses"),
    pytest.param(
        "Korvan Dreshti, the leader of the Ostrava Brigade, was arrested on Monday. Dreshti had planned the attacks.",
        {"Korvan Dreshti": ("person", ["Dreshti", "Korvan Dreshti"]),
         "Ostrava Brigade": ("organization", ["Ostrava Brigade"])},
        id="surname-stands-for-full-name"),
    pytest.param(
        'The Torvald Council appointed Anselm Tavrik "Grey" Morrow as its envoy. Morrow met the envoy in Lisbon.',
        {"Torvald Council": ("organization", ["Torvald Council"]),
         "Anselm Tavrik Morrow": ("person", ['Anselm Tavrik "Grey" Morrow', "Grey", "Grey Morrow", "Morrow"]),
         "Lisbon": ("place", ["Lisbon"])},
        id="nickname-in-quotes"),
    pytest.param(
        "The Iranians denied the report. The Iranian government said it had no role.",
        {"Iran": ("state", ["Iranian government", "Iranians"])},
        id="demonym-and-government-as-state"),
    pytest.param(
        "The U.S. accused the group of plotting. The United States later froze its assets.",
        {"United States": ("state", ["U.S.", "United States"])},
        id="us-and-united-states"),
    pytest.param(
        "Police said Chechen Ruslan Odarkhov had fled. Odarkhov was later seen in Grozny.",
        {"Ruslan Odarkhov": ("person", ["Odarkhov", "Ruslan Odarkhov"]), "Grozny": ("place", ["Grozny"])},
        id="descriptor-glued-to-name"),
    pytest.param(
        "Velmar Ministry of Internal Security (VMIS) officers detained Orlen Kast. "
        "The VMIS said Kast worked for the Pelgrave Syndicate.",
        {"Velmar Ministry of Internal Security": ("organization", ["VMIS", "Velmar Ministry of Internal Security"]),
         "Orlen Kast": ("person", ["Kast", "Orlen Kast"]),
         "Pelgrave Syndicate": ("organization", ["Pelgrave Syndicate"])},
        id="all-caps-acronym-is-organization"),
    pytest.param(
        "Officials in Ostrava said the Thai police had arrested Dario Velk. Thailand has asked for his extradition.",
        {"Ostrava": ("place", ["Ostrava"]), "Thai police": ("organization", ["Thai police"]),
         "Dario Velk": ("person", ["Dario Velk"]), "Thailand": ("state", ["Thailand"])},
        id="demonym-plus-police-is-an-agency"),
    pytest.param(
        "Home | News | Subscribe | Print\n\nThe Halvard Front said on Monday it carried out the attack.",
        {"Halvard Front": ("organization", ["Halvard Front"])},
        id="navigation-chrome-is-never-an-entity"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_entity_constructions(nlp, text, expected):
    assert summary(entities_of(nlp, text)) == expected


def test_possessive_is_not_part_of_the_name(nlp):
    table = entities_of(nlp, "The Tarsk Movement's leader, Ilvan Berest, said the Tarsk Movement would fight on.")
    assert summary(table) == {"Tarsk Movement": ("organization", ["Tarsk Movement"]),
                              "Ilvan Berest": ("person", ["Ilvan Berest"])}
    movement = table.entities[0]
    assert [m.text for m in movement.mentions] == ["Tarsk Movement", "Tarsk Movement"]


def test_group_entity_and_definite_repeat(nlp):
    text = "Azerbaijani authorities arrested 14 people in the capital. The men were accused of spying."
    table = entities_of(nlp, text)
    groups = [e for e in table.entities if e.type == "group"]
    assert [(g.name, g.aliases) for g in groups] == [("Azerbaijani authorities", ["Azerbaijani authorities"]),
                                                     ("14 people", ["14 people", "men"])]
    assert "Azerbaijan" not in summary(table)  # the authorities act, not the state


def test_mentions_index_the_text_and_every_token(nlp):
    text = "Korvan Dreshti, the leader of the Ostrava Brigade, was arrested. Dreshti had planned the attacks."
    table = entities_of(nlp, text)
    for entity in table.entities:
        for m in entity.mentions:
            assert text[m.start:m.end] == m.text
            span = table.doc.char_span(m.start, m.end)
            assert {table.token_entity[t.i] for t in span} == {entity.id}


def test_pronoun_resolves_to_previous_subject(nlp):
    text = "Korvan Dreshti ordered the bombing of the depot. He has ties to the Ostrava Brigade."
    table = entities_of(nlp, text)
    he = next(t for t in table.doc if t.text == "He")
    assert table.resolve_pronoun(he).name == "Korvan Dreshti"


def test_expletive_it_has_no_referent(nlp):
    table = entities_of(nlp, "The Halvard Front bombed the depot. It is possible that the Front had help.")
    it = next(t for t in table.doc if t.text == "It")
    assert table.resolve_pronoun(it) is None


def test_byline_author_found_in_upper_case(nlp):
    text = "By MIRA SOLVANG\n\nThe Halvard Front bombed the depot, Mira Solvang reports."
    table = entities_of(nlp, text, Metadata(authors=["Mira Solvang"]))
    author = next(e for e in table.entities if e.type == "person")
    assert author.name == "Mira Solvang"
    assert sorted(m.text for m in author.mentions) == ["MIRA SOLVANG", "Mira Solvang"]


def test_multi_word_nickname(nlp):
    table = entities_of(nlp, 'Police named Yaro "Little Falcon" Kettrin as the courier. Kettrin denied it.')
    person = next(e for e in table.entities if e.type == "person")
    assert person.name == "Yaro Kettrin"
    assert sorted(person.aliases) == ["Kettrin", "Little Falcon", "Little Falcon Kettrin",
                                      'Yaro "Little Falcon" Kettrin']


def test_mentions_quote_the_document_when_the_model_read_a_true_cased_copy(nlp):
    original = "KORVAN DRESHTI LEADS THE OSTRAVA BRIGADE, POLICE SAID."
    readable = "Korvan Dreshti leads the Ostrava Brigade, police said."
    table = find_entities(nlp(readable), Document(text=original))
    names = {e.name: [m.text for m in e.mentions] for e in table.entities}
    assert names == {"Korvan Dreshti": ["KORVAN DRESHTI"], "Ostrava Brigade": ["OSTRAVA BRIGADE"]}


@pytest.mark.parametrize(("text", "agency"), [
    ("The Libyan coastguard stopped the Selmar Front's boat.", "Libyan coastguard"),
    ("Thai security services arrested Arlo Venn.", "Thai security services"),
    ("Russia's foreign ministry accused the Selmar Front.", "Russia's foreign ministry"),
    ("German security authorities raided the Ostrel Network.", "German security authorities"),
])
def test_entities_an_agency_of_a_state_is_an_organization_not_the_state(nlp, text, agency):
    found = summary(entities_of(nlp, text))
    assert found[agency][0] == "organization"


@pytest.mark.parametrize(("text", "short", "long"), [
    ("Ilsa Marren founded the Tarn Brotherhood. Marren spoke for the Brotherhood.", "Brotherhood", "Tarn Brotherhood"),
    ("The Kessel Drug Enforcement Directorate raided the port. The KDED said nothing.", "KDED",
     "Kessel Drug Enforcement Directorate"),
])
def test_entities_a_short_form_joins_the_one_longer_name_it_ends_or_abbreviates(nlp, text, short, long):
    found = summary(entities_of(nlp, text))
    assert short not in found and short in found[long][1]


def test_entities_a_counted_set_of_individuals_that_is_acted_on_is_a_group(nlp):
    found = summary(entities_of(nlp, "The Kessel Treasury designated seven members of the Selmar Front's council."))
    assert found["seven members"][0] == "group"
    assert "officials" not in summary(entities_of(nlp, "Officials said the Selmar Front was behind the attack."))


def test_entities_officials_named_by_whom_they_serve_are_a_group_not_the_state(nlp):
    text = ("Valdorian officials said the Selmar Front bombed the depot, according to Kessel intelligence officials. "
            "Valdoria denied it.")
    found = summary(entities_of(nlp, text))
    assert found["Valdorian officials"] == ("group", ["Valdorian officials"])
    assert found["Kessel intelligence officials"][0] == "group"
    assert "Valdorian officials" not in found.get("Valdoria", ("", []))[1]


def test_entities_two_states_agencies_of_one_kind_stay_apart(nlp):
    text = ("Swedish police arrested two Korvath Brigade couriers in Tessaly. Turkish police later detained their "
            "leader. The Saudi Ministry of Interior said the Ministry of Interior had warned both.")
    found = summary(entities_of(nlp, text))
    assert found["Swedish police"][1] == ["Swedish police"]
    assert found["Turkish police"][1] == ["Turkish police"]
    assert found["Saudi Ministry of Interior"][1] == ["Ministry of Interior", "Saudi Ministry of Interior"]


def test_entities_a_bare_surname_never_joins_two_full_names(nlp):
    text = ("John Miller led the Korvath Brigade. Miller was arrested in May. Later David Miller took over. "
            "Miller was killed in June.")
    found = summary(entities_of(nlp, text))
    assert "David Miller" in found and "David Miller" not in found["John Miller"][1]
    assert found["John Miller"] == ("person", ["John Miller", "Miller"])


@pytest.mark.parametrize("text, first, second", [
    ("Police arrested Edin Vorlak, alias \u201cTito,\u201d in Dubai on Monday.", "Edin Vorlak", "Tito"),
    ("Marek Selvan (better known as Halvard) trained the cell.", "Marek Selvan", "Halvard"),
    ("The Korvath Liberation Army (Velmari Dawn Front) claimed the attack.", "Korvath Liberation Army",
     "Velmari Dawn Front"),
])
def test_other_names_of_one_referent_are_joined(nlp, text, first, second):
    table = entities_of(nlp, text)
    joined = [e for e in table.entities if first in e.aliases or e.name == first]
    assert joined and second in joined[0].aliases, summary(table)


def test_a_place_in_parentheses_is_not_another_name(nlp):
    table = entities_of(nlp, "The Korvath Brigade (Kenya) claimed the attack.")
    names = {e.name for e in table.entities}
    assert "Kenya" in names and "Korvath Brigade" in names, summary(table)
