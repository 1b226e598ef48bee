"""The trained components: safe storage, features without names, and how scores become claims.

Parses are built by hand (Doc(words, heads, deps)) so these tests do not move when the spaCy model changes.
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.errors import ExtractError
from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.models.filters import ENTITY_FILE, EVENT_FILE
from claimgraph.extract.models.linear import LinearModel
from claimgraph.extract.models.relation_features import FeatureContext, pair_features, sentence_pairs
from claimgraph.extract.models.relation_model import RELATIONS_FILE, RelationModel, label_of, split_label
from claimgraph.extract.records import Entity, Event, Evidence, Participant
from claimgraph.extract.relations.rules import Candidate
from claimgraph.extract.syntax import Resolver

WORDS = ["Arlo", "Venn", "leads", "the", "Tarn", "Brigade", "."]
HEADS = [1, 2, 2, 5, 5, 2, 2]
DEPS = ["compound", "nsubj", "ROOT", "det", "compound", "dobj", "punct"]
POS = ["PROPN", "PROPN", "VERB", "DET", "PROPN", "PROPN", "PUNCT"]
LEMMAS = ["Arlo", "Venn", "lead", "the", "Tarn", "Brigade", "."]


@pytest.fixture
def parsed():
    doc = Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS, pos=POS, lemmas=LEMMAS)
    table = EntityTable(doc=doc)
    for eid, etype, tokens in (("venn", "person", (0, 1)), ("brigade", "organization", (4, 5))):
        table.entities.append(Entity(eid, " ".join(WORDS[i] for i in tokens), etype))
        for i in tokens:
            table.token_entity[i] = eid
    return doc, table


def _model(classes: list[str], weights: dict[str, dict[str, float]]) -> LinearModel:
    features = {name: i for i, name in enumerate(weights)}
    matrix = np.zeros((len(features), len(classes)), dtype=np.float32)
    for name, row in weights.items():
        for cls, w in row.items():
            matrix[features[name], classes.index(cls)] = w
    return LinearModel(classes, features, matrix, np.zeros(len(classes), dtype=np.float32))


def test_linear_model_round_trips_through_plain_arrays(tmp_path):
    model = _model(["none", "leads"], {"top=lead": {"leads": 3.0}, "bias": {"none": 1.0}})
    model.info = {"threshold": "0.4"}
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = LinearModel.load(path)
    assert loaded.classes == ["none", "leads"] and loaded.info == {"threshold": "0.4"}
    probs = loaded.scores([{"top=lead": 1.0, "bias": 1.0, "unknown feature": 1.0}, {}])
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert probs[0, 1] > 0.8 and probs[1, 0] == pytest.approx(0.5)
    with np.load(path, allow_pickle=False) as data:  # nothing in the file needs pickle to load
        assert set(data.files) >= {"classes", "features", "weights", "bias"}


def test_linear_model_refuses_a_file_that_is_not_a_model(tmp_path):
    path = tmp_path / "bad.npz"
    path.write_bytes(b"not a zip file")
    with pytest.raises(ExtractError) as err:
        LinearModel.load(path)
    assert err.value.code == "E220"


def test_pair_features_read_the_parse_and_never_the_names(parsed):
    doc, table = parsed
    resolver = Resolver(table)
    pairs = sentence_pairs(doc[:], resolver, [])
    assert [(p.a.entity, p.b.entity) for p in pairs] == [("venn", "brigade")]
    features = pair_features(pairs[0], FeatureContext(resolver))
    assert {"path=nsubj^dobj", "top=lead", "tt=person|organization", "top_pos=VERB", "no_rule"} <= set(features)
    text = " ".join(features).lower()
    assert not any(name in text for name in ("arlo", "venn", "tarn", "brigade"))


def test_rule_hits_are_features_with_their_direction(parsed):
    doc, table = parsed
    resolver = Resolver(table)
    rule = Candidate("venn", "leader_of", "brigade", doc[2], "relations/leader_of.verb")
    features = pair_features(sentence_pairs(doc[:], resolver, [rule])[0], FeatureContext(resolver))
    assert features["rule=leader_of>"] == 1.0 and "no_rule" not in features


def test_the_roles_an_event_gives_the_two_ends_are_features(parsed):
    doc, table = parsed
    resolver = Resolver(table)
    [pair] = sentence_pairs(doc[:], resolver, [])
    event = Event("attack", Evidence.of_span(doc.text, 0, len(doc.text)), anchor=2,
                  participants=[Participant("perpetrator", "venn"), Participant("target", "brigade")])
    features = pair_features(pair, FeatureContext(resolver, [event]))
    assert features["ev_roles=perpetrator>target"] == 1.0 and features["ev_roles=attack:perpetrator>target"] == 1.0
    placed = Event("arrest", Evidence.of_span(doc.text, 0, len(doc.text)), anchor=None, location="brigade",
                   participants=[Participant("target", "venn")])
    assert "ev_roles=target><place>" in pair_features(pair, FeatureContext(resolver, [placed]))
    alone = Event("arrest", Evidence.of_span(doc.text, 0, len(doc.text)),
                  participants=[Participant("agent", "brigade")])
    assert "ev_one=arrest:b:agent" in pair_features(pair, FeatureContext(resolver, [alone]))
    assert not any(k.startswith("ev_") for k in pair_features(pair, FeatureContext(resolver)))


@pytest.mark.parametrize(("label", "expected"), [
    ("member_of>", ("member_of", False)), ("designated_by<", ("designated_by", True)), ("opposes", ("opposes", False)),
])
def test_labels_carry_the_direction_relative_to_text_order(label, expected):
    assert split_label(label) == expected
    assert label_of(*expected) == label


def test_relation_model_turns_the_second_mention_into_the_subject_when_the_label_says_so(parsed):
    doc, table = parsed
    resolver = Resolver(table)
    pairs = sentence_pairs(doc[:], resolver, [])
    model = _model(["none", "leader_of>", "supports<"], {"top=lead": {"supports<": 4.0}})
    [claim] = RelationModel(model, threshold=0.5).predict(pairs, FeatureContext(resolver))
    assert (claim.subject, claim.type, claim.object) == ("brigade", "supports", "venn")
    assert claim.trigger.i == 2 and claim.rule.startswith("model/relations")


def test_relation_model_below_threshold_proposes_nothing_and_keeps_unlinked_rule_claims(parsed):
    doc, table = parsed
    resolver = Resolver(table)
    pairs = sentence_pairs(doc[:], resolver, [])
    model = RelationModel(_model(["none", "leader_of>"], {"top=lead": {"none": 4.0}}), threshold=0.5)
    assert model.predict(pairs, FeatureContext(resolver)) == []
    rule = Candidate("venn", "leader_of", "brigade", doc[2], "relations/leader_of.verb")
    assert model.combine([rule], []) == [rule]
    assert RelationModel(model.model, 0.5, keep_rules=False).combine([rule], []) == []


def test_packaged_models_are_small_and_load_without_shared():
    files = [RELATIONS_FILE, ENTITY_FILE]
    assert all(f.is_file() for f in files), "run `make train` to rebuild the models"
    assert not EVENT_FILE.exists(), "the event filter is measured by make eval but not shipped"
    assert sum(f.stat().st_size for f in files) < 25_000_000
    model = RelationModel.load()
    assert 0.0 < model.threshold < 1.0 and "none" in model.model.classes
    assert not any(f.startswith(("bw=", "on_path=")) and any(ch.isupper() for ch in f) for f in model.model.features)
