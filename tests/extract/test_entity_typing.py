"""Document-level typing of unfamiliar names (entity_typing) on fictional sentences: exact types and aliases."""

from __future__ import annotations

from claimgraph.extract.entities.find import find_entities
from claimgraph.extract.entities.typing import _context_votes, demonym_forms
from claimgraph.ingest.document import Document, Metadata


def types_of(nlp, text: str) -> dict[str, tuple[str, list[str]]]:
    table = find_entities(nlp(text), Document(text=text, metadata=Metadata()))
    return {e.name: (e.type, sorted(e.aliases)) for e in table.entities if e.type != "group"}


def test_demonym_forms_derive_adjectives_from_a_name():
    assert {"Brastovi", "Brastovian"} <= demonym_forms("Brastov")
    assert "Quelmanian" in demonym_forms("Quelmane")
    assert "Brastov" not in demonym_forms("Brastov")


def test_demonym_with_government_noun_makes_the_name_a_state_and_joins_it(nlp):
    text = ("Rebels have fought Melkovar for a decade, and Melkovar says they are losing. The Melkovari government "
            "closed the border after Melkovari police arrested two men.")
    found = types_of(nlp, text)
    assert found["Melkovar"] == ("state", ["Melkovar", "Melkovari"])
    assert "Melkovari" not in found


def test_capital_of_and_possessive_government_make_a_state(nlp):
    text = "Pellion is the capital of Ostravel. Ostravel's government said Ostravel would not negotiate."
    assert types_of(nlp, text)["Ostravel"][0] == "state"


def test_role_word_before_a_name_makes_a_person(nlp):
    text = ("Militants loyal to Dremon Halvask attacked the depot. Its founder, Dremon Halvask, "
            "said the attack was a warning. Halvask's men later withdrew into the hills.")
    found = types_of(nlp, text)
    assert found["Dremon Halvask"][0] == "person"
    assert "Halvask" in found["Dremon Halvask"][1]


def test_assad_like_regime_name_stays_a_person(nlp):
    text = "Officials said the Dremon Halvask regime had armed the rebels, according to Dremon Halvask himself."
    found = types_of(nlp, text)
    assert found["Dremon Halvask"][0] == "person"


def test_role_cues_vote_person_and_place_prepositions_vote_place(nlp):
    doc = nlp("Its founder, Varno Keldrask, fled to Ostrel. Keldrask's men stayed in Ostrel.")
    founder, men = doc[3:5], doc[10:11]
    assert [founder.text, men.text] == ["Varno Keldrask", "Keldrask"]
    assert dict(_context_votes(doc, [founder], True)) == {"person": 3.0}
    assert dict(_context_votes(doc, [doc[10:11]], True)) == {"person": 3.0}
    assert dict(_context_votes(doc, [doc[8:9], doc[15:16]], False)) == {"place": 2.0}
