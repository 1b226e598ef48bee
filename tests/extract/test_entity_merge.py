"""The entity merge model: name-free pair features, and how merge probabilities fold entities together.

Parses are built by hand (Doc(words, heads, deps)) so these tests do not move when the spaCy model changes.
"""

from __future__ import annotations

import numpy as np
from handmade import entity_table
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.models.entity_merge import APART, MERGE, MERGE_FILE, MergeModel, candidate_pairs
from claimgraph.extract.models.linear import LinearModel

# "The Vardo Quds Brigade attacked Lenmark . The Vardo Qods Brigade denied it . The VQB fled ."
WORDS = ["The", "Vardo", "Quds", "Brigade", "attacked", "Lenmark", ".",
         "The", "Vardo", "Qods", "Brigade", "denied", "it", ".", "The", "VQB", "fled", "."]
HEADS = [3, 3, 3, 4, 4, 4, 4, 10, 10, 10, 11, 11, 11, 11, 15, 16, 16, 16]
DEPS = ["det", "compound", "compound", "nsubj", "ROOT", "dobj", "punct",
        "det", "compound", "compound", "nsubj", "ROOT", "dobj", "punct", "det", "nsubj", "ROOT", "punct"]
SENT_STARTS = [True] + [False] * 6 + [True] + [False] * 6 + [True] + [False] * 3
SPANS = {"quds": (1, 4, "organization"), "lenmark": (5, 6, "place"), "qods": (8, 11, "organization"),
         "vqb": (15, 16, "organization")}


def _table() -> tuple[Doc, EntityTable]:
    doc = Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS, sent_starts=SENT_STARTS)
    return doc, entity_table(doc, SPANS)


def _model(weights: dict[str, float]) -> LinearModel:
    features = {name: i for i, name in enumerate(weights)}
    matrix = np.zeros((len(features), 2), dtype=np.float32)
    for name, w in weights.items():
        matrix[features[name], 1] = w
    return LinearModel([APART, MERGE], features, matrix, np.array([0.0, -2.0], dtype=np.float32))


def test_pairs_share_something_and_features_carry_no_names():
    doc, table = _table()
    pairs = {(a.id, b.id): f for a, b, f in candidate_pairs(doc, table)}
    assert set(pairs) == {("quds", "qods"), ("quds", "vqb"), ("qods", "vqb")}  # Lenmark shares nothing
    assert pairs[("quds", "vqb")]["acronym"] == 1.0 and pairs[("quds", "qods")]["acronym"] == 0.0
    assert pairs[("quds", "qods")]["ratio>=0.9"] == 1.0
    words = {w.lower() for w in WORDS if w.isalpha()} - {"the", "it"}
    assert not any(w in key.lower() for f in pairs.values() for key in f for w in words)


def test_merge_model_folds_variants_into_the_best_named_entity():
    doc, table = _table()
    folded = MergeModel(_model({"ratio>=0.9": 4.0, "acronym": 4.0}), threshold=0.5).apply(doc, table)
    assert folded == 2
    ids = [e.id for e in table.entities]
    assert ids == ["quds", "lenmark"] or ids == ["qods", "lenmark"]
    org = table.entities[0]
    assert {"Vardo Quds Brigade", "Vardo Qods Brigade", "VQB"} <= set(org.aliases)
    assert len(org.mentions) == 3 and {table.token_entity[i] for i in (2, 9, 15)} == {org.id}


def test_below_threshold_nothing_moves():
    doc, table = _table()
    assert MergeModel(_model({"ratio>=0.9": 1.0}), threshold=0.5).apply(doc, table) == 0
    assert len(table.entities) == 4


def test_packaged_merge_model_loads_without_pickle():
    if not MERGE_FILE.is_file():
        return  # before `make train` has written it; the loader is covered by test_models
    merge = MergeModel.load(MERGE_FILE)
    assert set(merge.model.classes) == {APART, MERGE} and 0.0 < merge.threshold < 1.0


def test_a_capital_and_its_country_are_a_candidate_told_apart_by_how_the_capital_is_used():
    # "Ottawa denied it . Canada fled to Lenmark ." (capitals from GeoNames: data, not a list of ours)
    words = ["Ottawa", "denied", "it", ".", "Canada", "fled", "to", "Lenmark", "."]
    doc = Doc(Vocab(), words=words, heads=[1, 1, 1, 1, 5, 5, 5, 6, 5],
              deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "prep", "pobj", "punct"],
              sent_starts=[True, False, False, False, True, False, False, False, False])
    table = entity_table(doc, {"ottawa": (0, 1, "place"), "canada": (4, 5, "state"), "lenmark": (7, 8, "place")})
    pairs = {(a.id, b.id): f for a, b, f in candidate_pairs(doc, table)}
    assert set(pairs) == {("ottawa", "canada")}
    f = pairs[("ottawa", "canada")]
    assert f["capital"] == 1.0 and f["capital_typed=place"] == 1.0 and f["capital_uses=actor|-"] == 1.0
    assert not any("ottawa" in key.lower() or "canada" in key.lower() for key in f)
