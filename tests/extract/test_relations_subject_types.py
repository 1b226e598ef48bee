"""Cues limited to a subject type: `fight with` is membership for a person and hostility between actors."""

import pytest
from claims_helper import claims_of

ORG, PER = "organization", "person"
KB, SF, PM = "Korvath Brigade", "Selmar Front", "Petr Malvek"

CASES = [
    ("Petr Malvek, a dock worker who had fought with the Selmar Front, was arrested.",
     [(PM, "member_of", SF, "author", "certain", "positive")]),
    ("Petr Malvek fought for the Korvath Brigade in the hills.",
     [(PM, "member_of", KB, "author", "certain", "positive")]),
    ("The Korvath Brigade fought with the Selmar Front for years.",
     [(KB, "opposes", SF, "author", "certain", "positive")]),
    ("The Korvath Brigade fought alongside the Selmar Front.",
     [(KB, "allied_with", SF, "author", "certain", "positive")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_fight_by_subject_type(nlp, text, expected):
    assert claims_of(nlp, text, {KB: ORG, SF: ORG, PM: PER}) == expected
