"""Gold turned into training labels: evidence found in the text, optional gold neither required nor punished."""

from __future__ import annotations

from types import SimpleNamespace

from claimgraph.extract.records import Entity
from claimgraph.training.labels import _label, event_hits, evidence_span, misread

TEXT = "Intro line.\nThe Tarn Brigade, led by Arlo Venn,\n attacked Kessel.  More text."


def test_evidence_is_found_even_when_whitespace_differs():
    assert evidence_span(TEXT, "Intro line.") == (0, 11)
    start, _ = evidence_span(TEXT, "The Tarn Brigade, led by Arlo Venn, attacked Kessel.")
    assert TEXT[start:].startswith("The Tarn Brigade")
    assert evidence_span(TEXT, "Nowhere in the text.") is None
    assert evidence_span(TEXT, "") is None


def test_pair_labels_follow_direction_lists_and_optional_gold():
    gold = [((0, 50), ["venn"], ["brigade", "tarn"], "leader_of", False),
            ((0, 50), ["brigade"], ["kessel"], "targets", True),
            ((0, 50), ["a"], ["b"], "opposes", False)]
    assert _label("venn", "tarn", 10, 40, gold) == ("leader_of>", False)
    assert _label("brigade", "venn", 10, 40, gold) == ("leader_of<", False)
    assert _label("b", "a", 10, 40, gold) == ("opposes", False)  # symmetric: no direction
    assert _label("brigade", "kessel", 10, 40, gold) == ("none", True)  # optional: left out of training
    assert _label("venn", "tarn", 60, 80, gold) == ("none", False)  # another sentence
    assert _label(None, "tarn", 10, 40, gold) == ("none", False)


def test_names_read_with_other_boundaries_are_not_taught_as_none():
    entities = [Entity("ring", "the Tarn Cartel drug ring", "group"), Entity("cartel", "Cartel", "organization"),
                Entity("tarn", "Tarn Cartel", "organization"), Entity("kessel", "Kessel", "place"),
                Entity("isi", "ISI agents", "group"), Entity("arn", "Arn", "person"),
                Entity("alias", "Bron", "person", aliases=["Bron Kaspar"])]
    mapping = {"tarn": "tarn_cartel"}
    gold_names = {"tarn cartel", "isi", "kaspar"}
    norm = str.casefold
    assert misread(entities, mapping, gold_names, norm) == {"ring", "cartel", "alias"}
    # word for word: "arn" is inside "tarn" but not a word of it; "isi" is too short to tell
    assert misread(entities, {}, {"tarn"}, norm) == {"ring", "tarn"}


def test_event_hits_take_each_gold_event_once_like_the_scorer():
    gold = [{"type": "attack", "date": "2012-03", "location": "kessel"}, {"type": ["arrest", "plot"]}]
    mapping = {"k1": "kessel"}
    ours = [SimpleNamespace(type="attack", date="2012-03-04", location="k1"),
            SimpleNamespace(type="attack", date="2012-03-04", location="k1"),
            SimpleNamespace(type="plot", date=None, location=None),
            SimpleNamespace(type="attack", date="2011", location="k1")]
    assert event_hits(gold, ours, mapping) == [True, False, True, False]


def test_folds_are_by_document_balanced_and_the_same_every_run():
    from claimgraph.training.crossval import folds_of

    names = [f"article-{i:03d}" for i in range(23)]
    folds = folds_of(names)
    assert folds == folds_of(list(reversed(names)))  # order of discovery does not matter
    sizes = sorted(list(folds.values()).count(k) for k in range(5))
    assert sizes == [4, 4, 5, 5, 5]
