"""Unnamed groups with a proper modifier get a name ("Varn cell"); bare repeats in the document join them."""

from __future__ import annotations

from claimgraph.extract.entities.find import find_entities
from claimgraph.ingest.document import Document, Metadata


def groups_of(nlp, text: str) -> dict[str, tuple[str, list[str]]]:
    table = find_entities(nlp(text), Document(text=text, metadata=Metadata()))
    return {e.id: (e.name, sorted(e.aliases)) for e in table.entities if e.type == "group"}


def test_proper_modifier_names_the_group_and_a_hedge_is_dropped(nlp):
    text = ("Police said the so-called Brellin cell was trained by the Ostvar Front. "
            "The cell had planned to bomb a bridge.")
    assert groups_of(nlp, text) == {
        "group_brellin_cell": ("Brellin cell", ["Brellin cell", "cell", "so-called Brellin cell"])}


def test_bare_cell_before_the_named_one_joins_it(nlp):
    text = ("Investigators said the cell was led by Harro Venn. Prosecutors later charged the Brellin cell "
            "with plotting attacks on the port.")
    assert groups_of(nlp, text) == {"group_brellin_cell": ("Brellin cell", ["Brellin cell", "cell"])}


def test_people_noun_groups_stay_unnamed(nlp):
    text = "Police arrested 12 people in Brellin on Friday."
    assert groups_of(nlp, text) == {"group_12_people": ("12 people", ["12 people"])}
