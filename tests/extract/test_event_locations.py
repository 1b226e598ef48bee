"""The event-place chooser: name-free evidence of where an event happened, and how the model picks the place.

Parses are built by hand (Doc(words, heads, deps)) so these tests do not move when the spaCy model changes.
"""

from __future__ import annotations

import numpy as np
import spacy
from handmade import entity_table
from spacy.tokens import Doc

from claimgraph.extract.entities.mentions import EntityTable
from claimgraph.extract.models.event_locations import (
    ELSEWHERE,
    HERE,
    LOCATIONS_FILE,
    LocationModel,
    location_rows,
)
from claimgraph.extract.models.linear import LinearModel
from claimgraph.extract.records import Event, Evidence, Participant
from claimgraph.ingest.document import Document, Metadata

# "Militants from Kestan attacked a post in Varlo , Dresk . Ostmar is calm ."
WORDS = ["Militants", "from", "Kestan", "attacked", "a", "post", "in", "Varlo", ",", "Dresk", ".",
         "Ostmar", "is", "calm", "."]
POS = ["NOUN", "ADP", "PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT",
       "PROPN", "AUX", "ADJ", "PUNCT"]
HEADS = [3, 0, 1, 3, 5, 3, 3, 6, 7, 7, 3, 12, 12, 12, 12]
DEPS = ["nsubj", "prep", "pobj", "ROOT", "det", "dobj", "prep", "pobj", "punct", "appos", "punct",
        "nsubj", "ROOT", "acomp", "punct"]
SPANS = {"kestan": (2, 3, "state"), "varlo": (7, 8, "place"), "dresk": (9, 10, "place"),
         "ostmar": (11, 12, "place")}


def _parse() -> tuple[Doc, EntityTable, Event]:
    doc = Doc(spacy.blank("en").vocab, words=WORDS,  # English lexical attributes: `lower_` of a word
              pos=POS, heads=HEADS, deps=DEPS,
              sent_starts=[True] + [False] * 10 + [True] + [False] * 3)
    table = entity_table(doc, SPANS)
    event = Event("attack", Evidence(doc[0:11].text, 0, doc[10].idx + 1), location="kestan", anchor=3,
                  participants=[Participant("perpetrator", "kestan")])
    return doc, table, event


def _model(weights: dict[str, float]) -> LinearModel:
    features = {name: i for i, name in enumerate(weights)}
    matrix = np.array([[0.0, w] for w in weights.values()], dtype=np.float32)
    return LinearModel([ELSEWHERE, HERE], features, matrix, np.zeros(2, dtype=np.float32))


def test_every_place_of_the_sentence_is_a_candidate_described_by_the_parse():
    doc, table, event = _parse()
    rows = dict(location_rows(doc, table, event, None))
    assert set(rows) == {"kestan", "varlo", "dresk"}  # Ostmar is in another sentence and not the rules' pick
    assert rows["varlo"]["prep=in"] == 1.0 and rows["varlo"]["holds_other_place"] == 1.0
    assert rows["dresk"]["inside_other_place"] == 1.0 and rows["dresk"]["prep=in"] == 1.0
    assert rows["kestan"]["rule_pick"] == 1.0 and rows["kestan"]["actor"] == 1.0
    assert rows["kestan"]["prep=from"] == 1.0 and rows["kestan"]["side=before"] == 1.0
    assert "in_trigger_phrase" in rows["varlo"] and "in_trigger_phrase" in rows["kestan"]
    assert rows["kestan"]["rank=0"] == 1.0 and rows["varlo"]["rank=1"] == 1.0 and rows["varlo"]["type=place"] == 1.0
    names = {w.lower() for w in WORDS if w.istitle()}
    assert not any(w in key.lower() for row in rows.values() for key in row for w in names)


def test_the_dateline_is_a_candidate_even_outside_the_sentence():
    doc, table, event = _parse()
    rows = dict(location_rows(doc, table, event, table.by_id("ostmar")))
    assert rows["ostmar"]["dateline"] == 1.0 and rows["ostmar"]["outside_sentence"] == 1.0


def test_the_model_moves_the_event_to_its_best_place_and_says_so():
    doc, table, event = _parse()
    model = LocationModel(_model({"holds_other_place": 3.0, "actor": -3.0}))
    assert model.apply(doc, table, Document(text=doc.text), [event]) == 1
    assert event.location == "varlo"
    assert event.rule.endswith("; place by model/event-locations")
    assert LocationModel(_model({"holds_other_place": 3.0})).apply(doc, table, Document(text=doc.text),
                                                                   [event]) == 0  # already there


def test_the_dateline_comes_from_the_documents_metadata():
    doc, table, event = _parse()
    model = LocationModel(_model({"dateline": 5.0}))
    document = Document(text=doc.text, metadata=Metadata(dateline_place="Ostmar"))
    model.apply(doc, table, document, [event])
    assert event.location == "ostmar"


def test_an_event_without_a_trigger_token_keeps_its_place():
    doc, table, event = _parse()
    event.anchor = None
    assert location_rows(doc, table, event, None) == []
    assert LocationModel(_model({"actor": 5.0})).apply(doc, table, Document(text=doc.text), [event]) == 0
    assert event.location == "kestan"


def test_anchor_is_not_part_of_the_export():
    _, _, event = _parse()
    assert "anchor" not in event.to_json()


def test_packaged_location_model_loads_without_pickle():
    if not LOCATIONS_FILE.is_file():
        return  # before `make train` has written it; the loader is covered by test_models
    model = LocationModel.load(LOCATIONS_FILE)
    assert model.model.classes == [ELSEWHERE, HERE]
