"""The cue lexicons load, hold only known relation types, and a bad file fails loudly with E210."""

import json

import pytest

from claimgraph.errors import ExtractError
from claimgraph.extract import lexicons
from claimgraph.types import CERTAINTIES, RELATION_TYPES


def test_every_relation_type_has_a_cue():
    types = {c.type for cues in lexicons.relation_verbs().values() for c in cues}
    types |= {c.type for c in lexicons.relation_nouns().values()}
    types |= {c.type for c in lexicons.action_nouns().values()}
    assert types == set(RELATION_TYPES)


def test_hedges_map_to_known_certainties():
    h = lexicons.hedges()
    levels = set(h.words.values()) | set(h.phrases.values()) | set(h.predicates.values())
    assert levels == set(CERTAINTIES) - {"certain"}
    assert (h.words["may"], h.words["likely"], h.predicates["unknown"]) == ("possible", "probable", "unknown")


def test_attribution_and_negation_cues():
    assert lexicons.source_prepositions() == ("according to",)
    assert lexicons.speech_verbs()["say"].certainty is None
    assert lexicons.speech_verbs()["believe"].certainty == "probable"
    assert "not" in lexicons.negation().neg_words


def _broken(tmp_path, monkeypatch, name, data):
    (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(lexicons, "HERE", tmp_path)
    lexicons.relation_verbs.cache_clear()
    lexicons.hedges.cache_clear()


def test_unknown_relation_type_is_rejected(tmp_path, monkeypatch):
    _broken(tmp_path, monkeypatch, "relation_verbs.json",
            {"entries": [{"lemma": "bless", "type": "blesses", "subject": "agent", "object": "patient"}]})
    try:
        with pytest.raises(ExtractError) as info:
            lexicons.relation_verbs()
        assert info.value.code == "E210"
        assert "blesses" in str(info.value)
    finally:
        lexicons.relation_verbs.cache_clear()


def test_unknown_role_is_rejected(tmp_path, monkeypatch):
    _broken(tmp_path, monkeypatch, "relation_verbs.json",
            {"entries": [{"lemma": "train", "type": "trains", "subject": "doer", "object": "patient"}]})
    try:
        with pytest.raises(ExtractError, match="subject/object"):
            lexicons.relation_verbs()
    finally:
        lexicons.relation_verbs.cache_clear()


def test_missing_certainty_level_is_rejected(tmp_path, monkeypatch):
    _broken(tmp_path, monkeypatch, "certainty.json", {"possible": {"words": ["may"]}})
    try:
        with pytest.raises(ExtractError, match="probable"):
            lexicons.hedges()
    finally:
        lexicons.hedges.cache_clear()
