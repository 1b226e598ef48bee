"""A link the writer states inside a noun phrase stays the author's, even inside what a speaker said.

The parse is built by hand (Doc(words, heads, deps, pos)) so the test does not move when the spaCy model changes.
"""

from __future__ import annotations

import spacy
from handmade import entity_table
from spacy.tokens import Doc

from claimgraph.extract.attribution.frames import stated_in_noun_phrase
from claimgraph.extract.syntax import Resolver

# "Varn said Kestan 's service attacked Dresk ."
WORDS = ["Varn", "said", "Kestan", "'s", "service", "attacked", "Dresk", "."]
POS = ["PROPN", "VERB", "PROPN", "PART", "NOUN", "VERB", "PROPN", "PUNCT"]
HEADS = [1, 1, 4, 2, 5, 1, 5, 1]
DEPS = ["nsubj", "ROOT", "poss", "case", "nsubj", "ccomp", "dobj", "punct"]
SPANS = {"varn": (0, 1, "person"), "kestan": (2, 3, "state"), "service": (4, 5, "organization"),
         "dresk": (6, 7, "place")}


def _sentence():
    doc = Doc(spacy.blank("en").vocab, words=WORDS, pos=POS, heads=HEADS, deps=DEPS)
    return doc[:], Resolver(entity_table(doc, SPANS))


def test_a_possessive_ties_its_ends_inside_one_noun_phrase():
    sent, resolver = _sentence()
    assert stated_in_noun_phrase(sent, resolver, ("service", "kestan"))
    assert stated_in_noun_phrase(sent, resolver, ("kestan", "service"))


def test_a_link_through_the_reported_verb_is_what_the_speaker_says():
    sent, resolver = _sentence()
    assert not stated_in_noun_phrase(sent, resolver, ("service", "dresk"))
    assert not stated_in_noun_phrase(sent, resolver, ("kestan", "dresk"))
    assert not stated_in_noun_phrase(sent, resolver, ("service", "nobody"))
