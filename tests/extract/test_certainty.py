"""Certainty cues (after FactBank), each on a sentence about fictional actors, and the cue's scope."""

import pytest
from claims_helper import claims_of, extract

ORG, STATE, PER = "organization", "state", "person"
KB, SF = "Korvath Brigade", "Selmar Front"
PAIR = {KB: ORG, SF: ORG}

CASES = [
    ("It is possible that the Korvath Brigade trained the Selmar Front.", "trains", "possible"),
    ("The Korvath Brigade may have trained the Selmar Front.", "trains", "possible"),
    ("The Korvath Brigade might have funded the Selmar Front.", "supports", "possible"),
    ("The Korvath Brigade could have funded the Selmar Front.", "supports", "possible"),
    ("Perhaps the Korvath Brigade funded the Selmar Front.", "supports", "possible"),
    ("The Korvath Brigade likely funded the Selmar Front.", "supports", "probable"),
    ("The Korvath Brigade probably funded the Selmar Front.", "supports", "probable"),
    ("The Korvath Brigade apparently funded the Selmar Front.", "supports", "probable"),
    ("By all appearances, the Korvath Brigade funded the Selmar Front.", "supports", "probable"),
    ("The Korvath Brigade has been implicated in funding the Selmar Front.", "supports", "probable"),
    ("The Korvath Brigade reportedly funded the Selmar Front.", "supports", "probable"),
    ("The Korvath Brigade allegedly funded the Selmar Front.", "supports", "probable"),
    ("It is unclear whether the Korvath Brigade funded the Selmar Front.", "supports", "unknown"),
    ("The Korvath Brigade funded the Selmar Front.", "supports", "certain"),
]


@pytest.mark.parametrize(("text", "rtype", "certainty"), CASES, ids=[c[0][:48] for c in CASES])
def test_certainty_cue(nlp, text, rtype, certainty):
    assert claims_of(nlp, text, PAIR) == [(KB, rtype, SF, "author", certainty, "positive")]


def test_passive_belief_verb_makes_a_claim_probable(nlp):
    rows = claims_of(nlp, "Arman Tesk is believed to lead the Selmar Front.", {"Arman Tesk": PER, SF: ORG})
    assert rows == [("Arman Tesk", "leader_of", SF, "author", "probable", "positive")]


def test_remains_unknown(nlp):
    text = "Valdoria's role in the Selmar Front's attacks on Merovia remains unknown."
    rows = claims_of(nlp, text, {"Valdoria": STATE, "Merovia": STATE, SF: ORG})
    assert rows == [(SF, "targets", "Merovia", "author", "unknown", "positive")]


def test_hedge_of_the_main_clause_does_not_reach_a_relative_clause(nlp):
    rows = claims_of(nlp, "The Korvath Brigade, which funded the Selmar Front, may disband.", PAIR)
    assert rows == [(KB, "supports", SF, "author", "certain", "positive")]


def test_certainty_cue_is_recorded(nlp):
    claims = extract(nlp, "The Korvath Brigade likely funded the Selmar Front.", PAIR)
    assert [c.cue for c in claims] == ["certainty: likely"]
