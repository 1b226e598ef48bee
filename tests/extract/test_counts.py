import pytest

from claimgraph.extract.events.counts import count_of, number_value


@pytest.mark.parametrize(("text", "value"), [
    ("40", 40), ("1,200", 1200), ("two", 2), ("twelve", 12), ("forty-two", 42), ("two hundred", 200), ("x", None),
])
def test_number_value(text, value):
    assert number_value(text) == value


@pytest.mark.parametrize(("sentence", "noun", "value"), [
    ("The blast killed 40 people.", "people", 40),
    ("Gunmen shot two policemen.", "policemen", 2),
    ("They detained a dozen suspects.", "suspects", 12),
    ("The raid wounded nearly 200 more.", "more", 200),
    ("The raid wounded civilians.", "civilians", None),
])
def test_count_of_noun_phrase(nlp, sentence, noun, value):
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == noun)
    assert count_of(token) == value
