"""The entity type model: name-free evidence of how the text uses an entity, and how the model retypes it.

Parses are built by hand (Doc(words, heads, deps)) so these tests do not move when the spaCy model changes.
"""

from __future__ import annotations

import numpy as np
from handmade import entity_table
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.models.entity_types import TYPES_FILE, TypeModel, mention_spans, type_features
from claimgraph.extract.models.linear import LinearModel

# "Mr. Oskar Tellan led the Vardo Front in Lenmark ." with the rules' types wrong for Tellan and Lenmark
WORDS = ["Mr.", "Oskar", "Tellan", "led", "the", "Vardo", "Front", "in", "Lenmark", "."]
LEMMAS = ["mr.", "Oskar", "Tellan", "lead", "the", "Vardo", "Front", "in", "Lenmark", "."]
POS = ["PROPN", "PROPN", "PROPN", "VERB", "DET", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"]
HEADS = [2, 2, 3, 3, 6, 6, 3, 3, 7, 3]
DEPS = ["compound", "compound", "nsubj", "ROOT", "det", "compound", "dobj", "prep", "pobj", "punct"]
SPANS = {"tellan": (1, 3, "organization"), "front": (5, 7, "organization"), "lenmark": (8, 9, "person")}
CLASSES = ["organization", "person", "place"]


def _table() -> tuple[Doc, EntityTable]:
    doc = Doc(Vocab(), words=WORDS, lemmas=LEMMAS, pos=POS, heads=HEADS, deps=DEPS)
    return doc, entity_table(doc, SPANS)


def _model(weights: dict[str, tuple[float, float, float]]) -> LinearModel:
    features = {name: i for i, name in enumerate(weights)}
    matrix = np.array([weights[name] for name in features], dtype=np.float32)
    return LinearModel(CLASSES, features, matrix, np.zeros(3, dtype=np.float32))


def _features(doc: Doc, table: EntityTable) -> dict[str, dict[str, float]]:
    spans = mention_spans(table)
    return {e.id: type_features(e, doc, table, spans[e.id]) for e in table.entities}


def test_mentions_are_runs_of_the_entitys_tokens():
    _, table = _table()
    assert mention_spans(table) == {"tellan": [(1, 3)], "front": [(5, 7)], "lenmark": [(8, 9)]}


def test_features_read_the_context_not_the_name():
    doc, table = _table()
    f = _features(doc, table)
    assert f["lenmark"]["prep=in:lead"] == 1.0 and f["lenmark"]["rules=person"] == 1.0
    assert f["tellan"]["after_title"] == 1.0 and f["tellan"]["head=nsubj:lead"] == 1.0
    assert f["front"]["words=2"] == 1.0 and f["front"]["before=the"] == 1.0
    names = {w.lower() for w in WORDS if w.istitle() and w != "Mr."}
    assert not any(w in key.lower() for row in f.values() for key in row for w in names)


def test_model_retypes_what_the_context_contradicts_and_says_so():
    doc, table = _table()
    model = TypeModel(_model({"prep=in:lead": (0.0, 0.0, 5.0), "after_title": (0.0, 5.0, 0.0),
                              "rules=organization": (2.0, 0.0, 0.0)}), threshold=0.6)
    assert model.apply(doc, table) == 2
    types = {e.id: e.type for e in table.entities}
    assert types == {"tellan": "person", "front": "organization", "lenmark": "place"}
    assert table.entities[2].rule == "entities/test; type by model/types"
    assert table.entities[1].rule == "entities/test"


def test_below_threshold_the_rules_type_stands():
    doc, table = _table()
    model = TypeModel(_model({"prep=in:lead": (0.0, 0.0, 0.5)}), threshold=0.6)
    assert model.apply(doc, table) == 0
    assert [e.type for e in table.entities] == ["organization", "organization", "person"]


def test_packaged_type_model_loads_without_pickle():
    if not TYPES_FILE.is_file():
        return  # before `make train` has written it; the loader is covered by test_models
    model = TypeModel.load(TYPES_FILE)
    assert {"person", "organization", "place", "state"} <= set(model.model.classes)
    assert 0.0 < model.threshold < 1.0
