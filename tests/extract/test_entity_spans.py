"""How the model's entity spans are cut into candidates, on hand-built Docs (the NER labels are given, so the
test pins the span rules, not the model): possessives split an owner from its part unless the owner is an
ordinary word of the name, and a nationality adjective joins an organization that is no name by itself."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph.extract.entities.spans import model_candidates


def _doc(real_nlp, words: list[str], ents: list[str], tags: list[str] | None = None) -> Doc:
    spaces = [i + 1 < len(words) and words[i + 1] != "'s" for i in range(len(words))]
    return Doc(real_nlp.vocab, words=words, spaces=spaces, ents=ents, tags=tags)


def _spans(doc: Doc) -> list[tuple[str, str]]:
    return [(doc[c.start:c.end].text, c.label) for c in model_candidates(doc, set())]


def test_possessive_of_a_name_splits_owner_and_part(real_nlp):
    doc = _doc(real_nlp, ["Tarvonia", "'s", "Ministry", "of", "Defence", "denied", "it"],
               ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"])
    assert [s for s, _ in _spans(doc)] == ["Tarvonia", "Ministry of Defence"]


def test_possessive_of_an_ordinary_word_stays_in_the_name(real_nlp):
    doc = _doc(real_nlp, ["the", "Karesh", "People", "'s", "Republic", "said", "so"],
               ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"])
    assert _spans(doc) == [("Karesh People's Republic", "ORG")]
    doc = _doc(real_nlp, ["the", "Prosecutor", "'s", "Office", "charged", "him"],
               ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O"])
    assert _spans(doc) == [("Prosecutor's Office", "ORG")]


def test_possessive_before_a_title_still_splits(real_nlp):
    """'the Department of State's Coordinator for ...' is a post, not an organization called that."""
    doc = _doc(real_nlp, ["Department", "of", "State", "'s", "Coordinator", "for", "Counterterrorism"],
               ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"])
    assert "Department of State's Coordinator for Counterterrorism" not in [s for s, _ in _spans(doc)]


def test_adjective_joins_an_organization_word_that_is_no_name(real_nlp):
    doc = _doc(real_nlp, ["Islamic", "State", "claimed", "it"], ["B-NORP", "B-ORG", "O", "O"])
    assert _spans(doc) == [("Islamic State", "ORG")]


def test_adjective_stays_apart_from_a_named_organization(real_nlp):
    doc = _doc(real_nlp, ["Maoist", "Velkoran", "Front", "fighters"], ["B-NORP", "B-ORG", "I-ORG", "O"])
    assert ("Velkoran Front", "ORG") in _spans(doc)
