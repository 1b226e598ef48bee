"""Denied links come out with negative polarity; the denial keeps the source that makes it."""

import pytest
from claims_helper import claims_of, extract

ORG, PER, STATE = "organization", "person", "state"
KB, SF, ON = "Korvath Brigade", "Selmar Front", "Ostrel Network"

CASES = [
    ("The Ostrel Network was unrelated to the Selmar Front.", {ON: ORG, SF: ORG},
     [(ON, "affiliated_with", SF, "author", "certain", "negative")]),
    ("The Ostrel Network is not linked to the Selmar Front.", {ON: ORG, SF: ORG},
     [(ON, "affiliated_with", SF, "author", "certain", "negative")]),
    ("Arman Tesk has no ties to the Selmar Front.", {"Arman Tesk": PER, SF: ORG},
     [("Arman Tesk", "affiliated_with", SF, "author", "certain", "negative")]),
    ("The Korvath Brigade never trained the Selmar Front.", {KB: ORG, SF: ORG},
     [(KB, "trains", SF, "author", "certain", "negative")]),
    ("The Korvath Brigade denied funding the Selmar Front.", {KB: ORG, SF: ORG},
     [(KB, "supports", SF, KB, "certain", "negative")]),
    ("Valdoria said the Ostrel Network was unrelated to the Selmar Front.", {"Valdoria": STATE, ON: ORG, SF: ORG},
     [(ON, "affiliated_with", SF, "Valdoria", "certain", "negative")]),
    ("The Ostrel Network is linked to the Selmar Front.", {ON: ORG, SF: ORG},
     [(ON, "affiliated_with", SF, "author", "certain", "positive")]),
]


@pytest.mark.parametrize(("text", "entities", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_polarity(nlp, text, entities, expected):
    assert claims_of(nlp, text, entities) == expected


def test_negation_cue_is_recorded(nlp):
    claims = extract(nlp, "The Ostrel Network is not linked to the Selmar Front.", {ON: ORG, SF: ORG})
    assert [c.cue for c in claims] == ["polarity: not"]
