"""Who makes a claim: each attribution form on sentences about fictional actors."""

import pytest
from claims_helper import claims_of, extract

ORG, PER, STATE = "organization", "person", "state"
KB, SF, ON, DC = "Korvath Brigade", "Selmar Front", "Ostrel Network", "Drevan Council"
AT, LV, PM = "Arman Tesk", "Lida Varo", "Petr Malvek"

CASES = [
    ("According to Valdoria, the Selmar Front trained the Ostrel Network.",
     {"Valdoria": STATE, SF: ORG, ON: ORG}, None, [(SF, "trains", ON, "Valdoria", "certain", "positive")]),
    ("Valdoria said the Selmar Front trained the Ostrel Network.",
     {"Valdoria": STATE, SF: ORG, ON: ORG}, None, [(SF, "trains", ON, "Valdoria", "certain", "positive")]),
    ("The Selmar Front trained the Ostrel Network, Valdorian officials said.",
     {"Valdoria": STATE, SF: ORG, ON: ORG}, {"Valdoria": ["Valdorian"]},
     [(SF, "trains", ON, "Valdoria", "certain", "positive")]),
    ("Lida Varo told reporters that the Korvath Brigade funded the Selmar Front.",
     {LV: PER, KB: ORG, SF: ORG}, None, [(KB, "supports", SF, LV, "certain", "positive")]),
    ("Valdoria stated that Arman Tesk leads the Selmar Front.",
     {"Valdoria": STATE, AT: PER, SF: ORG}, None, [(AT, "leader_of", SF, "Valdoria", "certain", "positive")]),
    ("Arman Tesk claimed that the Selmar Front had attacked Merovia.",
     {"Merovia": STATE, AT: PER, SF: ORG}, None, [(SF, "targets", "Merovia", AT, "certain", "positive")]),
    ("Valdoria accused Merovia of arming the Selmar Front.",
     {"Merovia": STATE, "Valdoria": STATE, SF: ORG}, None,
     [("Merovia", "supports", SF, "Valdoria", "certain", "positive")]),
    ("The Drevan Council describes Petr Malvek as linked to the Ostrel Network.",
     {DC: ORG, PM: PER, ON: ORG}, None, [(PM, "affiliated_with", ON, DC, "certain", "positive")]),
    ('"The Korvath Brigade is funding the Selmar Front," Lida Varo said.',
     {LV: PER, KB: ORG, SF: ORG}, None, [(KB, "supports", SF, LV, "certain", "positive")]),
    ("The Korvath Brigade funded the Selmar Front.", {KB: ORG, SF: ORG}, None,
     [(KB, "supports", SF, "author", "certain", "positive")]),
]


@pytest.mark.parametrize(("text", "entities", "aliases", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_attribution_form(nlp, text, entities, aliases, expected):
    assert claims_of(nlp, text, entities, aliases) == expected


def test_speaker_outside_the_reported_clause_keeps_the_author(nlp):
    # the appositive naming the speaker is the author's, the reported clause is the speaker's
    text = "Arman Tesk, the leader of the Selmar Front, said the Korvath Brigade funded the Ostrel Network."
    rows = claims_of(nlp, text, {AT: PER, SF: ORG, KB: ORG, ON: ORG})
    assert rows == [(AT, "leader_of", SF, "author", "certain", "positive"),
                    (KB, "supports", ON, AT, "certain", "positive")]


def test_attribution_cue_is_recorded(nlp):
    claims = extract(nlp, "According to Valdoria, the Selmar Front trained the Ostrel Network.",
                     {"Valdoria": "state", SF: ORG, ON: ORG})
    assert [c.cue for c in claims] == ["source: according to"]


def test_a_bare_definite_agency_noun_speaks_for_the_agency_named_before(nlp):
    text = ("The Valdorian Ministry of Finance froze the accounts on Monday. "
            "The ministry said the Korvath Brigade funded the Selmar Front.")
    rows = claims_of(nlp, text, {"Valdorian Ministry of Finance": ORG, KB: ORG, SF: ORG})
    assert (KB, "supports", SF, "Valdorian Ministry of Finance", "certain", "positive") in rows


def test_an_agency_noun_two_agencies_could_own_keeps_the_author(nlp):
    text = ("The Valdorian Ministry of Finance and the Merovian Ministry of Defence met on Monday. "
            "The ministry said the Korvath Brigade funded the Selmar Front.")
    rows = claims_of(nlp, text, {"Valdorian Ministry of Finance": ORG, "Merovian Ministry of Defence": ORG,
                                 KB: ORG, SF: ORG})
    assert (KB, "supports", SF, "author", "certain", "positive") in rows
