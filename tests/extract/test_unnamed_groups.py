"""The unnamed-group detector: which plural phrases are candidates, what describes them, and how accepted ones
become entities with their repeats.

Parses are built by hand (Doc(words, heads, deps, tags)) so these tests do not move when the spaCy model changes.
"""

from __future__ import annotations

import numpy as np
import spacy
from handmade import entity_table
from spacy.tokens import Doc

from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.models.linear import LinearModel
from claimgraph.extract.models.unnamed_groups import GROUP, OTHER, GroupModel, candidate_rows, group_candidates

# "Kestan - backed militias attacked the Varlo post . The militias fled to Dresk ."
WORDS = ["Kestan", "-", "backed", "militias", "attacked", "the", "Varlo", "post", ".",
         "The", "militias", "fled", "to", "Dresk", "."]
POS = ["PROPN", "PUNCT", "VERB", "NOUN", "VERB", "DET", "PROPN", "NOUN", "PUNCT",
       "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"]
TAGS = ["NNP", "HYPH", "VBN", "NNS", "VBD", "DT", "NNP", "NN", ".", "DT", "NNS", "VBD", "IN", "NNP", "."]
LEMMAS = ["Kestan", "-", "back", "militia", "attack", "the", "Varlo", "post", ".",
          "the", "militia", "flee", "to", "Dresk", "."]
HEADS = [2, 2, 3, 4, 4, 7, 7, 4, 4, 10, 11, 11, 11, 12, 11]
DEPS = ["npadvmod", "punct", "amod", "nsubj", "ROOT", "det", "compound", "dobj", "punct",
        "det", "nsubj", "ROOT", "prep", "pobj", "punct"]
SPANS = {"kestan": (0, 1, "state"), "varlo": (6, 7, "place"), "dresk": (13, 14, "place")}


def _parse() -> tuple[Doc, EntityTable]:
    doc = Doc(spacy.blank("en").vocab, words=WORDS, pos=POS, tags=TAGS, lemmas=LEMMAS, heads=HEADS, deps=DEPS,
              sent_starts=[True] + [False] * 8 + [True] + [False] * 5)
    return doc, entity_table(doc, SPANS)


def _model(weights: dict[str, float], bias: float = 0.0) -> GroupModel:
    features = {name: i for i, name in enumerate(weights)}
    matrix = np.array([[0.0, w] for w in weights.values()], dtype=np.float32)
    return GroupModel(LinearModel([OTHER, GROUP], features, matrix, np.array([0.0, bias], dtype=np.float32)))


def test_plural_heads_outside_the_names_are_candidates_with_their_phrase():
    doc, table = _parse()
    found = group_candidates(doc, table, set())
    assert [(c.head.i, doc[c.start:c.end].text, c.bare_definite) for c in found] == [
        (3, "Kestan - backed militias", False), (10, "militias", True)]


def test_features_describe_the_phrase_by_types_and_words_never_by_names():
    doc, table = _parse()
    rows = candidate_rows(doc, table)
    first, repeat = rows[0][1], rows[1][1]
    assert first["head=militia"] == 1.0 and first["name_inside=state"] == 1.0
    assert first["gov=nsubj:attack"] == 1.0 and first["left=amod:back"] == 1.0 and first["seen=0"] == 1.0
    assert repeat["bare_definite"] == 1.0 and repeat["seen=1"] == 1.0 and repeat["sentence_start"] == 1.0
    assert first["before=<s>"] == 1.0 and first["after=attack"] == 1.0 and repeat["before=the"] == 1.0
    names = {"kestan", "varlo", "dresk"}
    assert not any(n in key.lower() for _, row in rows for key in row for n in names)


def test_an_accepted_phrase_becomes_a_group_and_its_bare_repeat_joins_it():
    doc, table = _parse()
    assert _model({"head=militia": 3.0, "bare_definite": -9.0}).apply(doc, table) == 1
    group = table.entities[-1]
    assert group.type == "group" and group.name == "Kestan - backed militias"
    assert group.rule.startswith("model/groups p=")
    assert [m.text for m in group.mentions] == ["Kestan - backed militias", "militias"]
    assert table.token_entity[3] == table.token_entity[10] == group.id
    assert table.token_entity[0] == "kestan"  # the name inside keeps its own entity


def test_nothing_is_added_below_the_threshold():
    doc, table = _parse()
    before = list(table.entities)
    assert _model({"head=militia": 1.0}, bias=-5.0).apply(doc, table) == 0
    assert table.entities == before and 3 not in table.token_entity


def test_buildings_and_vehicles_are_no_candidates():
    # "Gunmen burned two buses ."
    doc = Doc(spacy.blank("en").vocab, words=["Gunmen", "burned", "two", "buses", "."],
              pos=["NOUN", "VERB", "NUM", "NOUN", "PUNCT"], tags=["NNS", "VBD", "CD", "NNS", "."],
              lemmas=["gunman", "burn", "two", "bus", "."], heads=[1, 1, 3, 1, 1],
              deps=["nsubj", "ROOT", "nummod", "dobj", "punct"])
    found = group_candidates(doc, entity_table(doc, {}), set())
    assert [c.head.text for c in found] == ["Gunmen"]
    features = candidate_rows(doc, entity_table(doc, {}))[0][1]
    assert features["kind=perpetrator_nouns"] == 1.0
