"""The NER update (measured by cross-validation, not shipped): gold names found in the text and labelled by type
over the model's own entities, and a short deterministic update that leaves the model as it was.

The docs are built by hand (words and preset entities) so the tests do not move when the spaCy model changes.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from claimgraph.training.ner import examples_of, gold_entity_spans, ner_from, update_ner

WORDS = ["Kessel", "police", "said", "Arlo", "Venn", "of", "Tarn", "Brigade", "met", "Vardo", "Corp", "on",
         "Monday", "in", "Lenmark", "."]
GOLD = {"entities": [
    {"id": "venn", "name": "Arlo Venn", "type": "person", "aliases": ["Venn"]},
    {"id": "tarn", "name": "the Tarn Brigade", "type": ["organization", "group"], "aliases": []},
    {"id": "lenmark", "name": "Lenmark", "type": "place", "aliases": []},
    {"id": "cell", "name": "a cell", "type": "group", "aliases": ["the cell"]},
]}


def _doc(vocab=None) -> Doc:  # noqa: ANN001
    doc = Doc(vocab or spacy.blank("en").vocab, words=WORDS)
    # the model's own reading: Venn's name cut in half and typed as a place, Lenmark a LOC, Vardo Corp an ORG
    doc.set_ents([Span(doc, 4, 5, "GPE"), Span(doc, 9, 11, "ORG"), Span(doc, 12, 13, "DATE"),
                  Span(doc, 14, 15, "LOC")])
    return doc


def test_gold_names_win_and_the_models_entities_fill_the_rest():
    spans = [(s.text, s.label_) for s in gold_entity_spans(_doc(), GOLD)]
    # "the" is dropped from a gold name; a description ("a cell") is no name; Lenmark keeps the model's finer
    # place label; Vardo Corp and Monday are the model's, kept (rehearsal)
    assert spans == [("Arlo Venn", "PERSON"), ("Tarn Brigade", "ORG"), ("Vardo Corp", "ORG"), ("Monday", "DATE"),
                     ("Lenmark", "LOC")]


def test_update_is_deterministic_and_leaves_the_model_unchanged():
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    article = type("A", (), {"name": "a", "doc": _doc(nlp.vocab), "gold": GOLD})()
    examples = examples_of([article])
    nlp.initialize(lambda: list(examples.values()))
    before = nlp.get_pipe("ner").to_bytes()
    first = update_ner(nlp, list(examples.values()), epochs=3)
    assert nlp.get_pipe("ner").to_bytes() == before
    assert update_ner(nlp, list(examples.values()), epochs=3) == first
    assert first != before
    with ner_from(nlp, first) as ner:
        assert ner.to_bytes() == first
    assert nlp.get_pipe("ner").to_bytes() == before
