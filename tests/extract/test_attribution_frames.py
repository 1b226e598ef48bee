"""Speech frames beyond `X said that`: parenthetical and inverted speech verbs, negated and denying frames,
possessive and pronoun speakers. Sentences about fictional actors, exact claim rows."""

import pytest
from claims_helper import claims_of

ORG, PER, STATE = "organization", "person", "state"
KB, SF, ON, DC = "Korvath Brigade", "Selmar Front", "Ostrel Network", "Drevan Council"
AT, LV, PM = "Arman Tesk", "Lida Varo", "Petr Malvek"

CASES = [
    # parenthetical speech clause between commas inside the reported clause
    ("The Ostrel Network, Valdorian police spokesman Petr Malvek said, was trained by the Selmar Front.",
     {PM: PER, SF: ORG, ON: ORG}, [(SF, "trains", ON, PM, "certain", "positive")]),
    ("The Korvath Brigade, Lida Varo said, has funded the Selmar Front since 2015.",
     {LV: PER, KB: ORG, SF: ORG}, [(KB, "supports", SF, LV, "certain", "positive")]),
    # inverted `said X` after the reported clause
    ("The Selmar Front armed the Ostrel Network, said Lida Varo.",
     {LV: PER, SF: ORG, ON: ORG}, [(SF, "supports", ON, LV, "certain", "positive")]),
    # `X said in a statement that ...`
    ("The Drevan Council said in a statement that the Korvath Brigade had trained the Selmar Front.",
     {DC: ORG, KB: ORG, SF: ORG}, [(KB, "trains", SF, DC, "certain", "positive")]),
    # a negated speech verb: nobody asserts the reported claim
    ("Prosecutors do not claim that the Selmar Front trained the Ostrel Network.",
     {SF: ORG, ON: ORG}, []),
    ("Lida Varo never said that the Korvath Brigade funded the Selmar Front.",
     {LV: PER, KB: ORG, SF: ORG}, []),
    # denial of a reported clause: the denier's claim, negative
    ("Lida Varo denied that the Korvath Brigade had trained the Selmar Front.",
     {LV: PER, KB: ORG, SF: ORG}, [(KB, "trains", SF, LV, "certain", "negative")]),
    ("A Korvath Brigade spokesman denied that the group had trained the Selmar Front.",
     {KB: ORG, SF: ORG}, [(KB, "trains", SF, KB, "certain", "negative")]),
    ("The Selmar Front rejected claims that the Korvath Brigade had trained the Ostrel Network.",
     {SF: ORG, KB: ORG, ON: ORG}, [(KB, "trains", ON, SF, "certain", "negative")]),
    ("The Drevan Council dismissed reports that the Korvath Brigade had armed the Selmar Front.",
     {DC: ORG, KB: ORG, SF: ORG}, [(KB, "supports", SF, DC, "certain", "negative")]),
    # `according to X's office`: an unnamed office stands for its named possessor
    ("According to the Drevan Council's legal office, the Korvath Brigade had no links with the Selmar Front.",
     {DC: ORG, KB: ORG, SF: ORG}, [(KB, "affiliated_with", SF, DC, "certain", "negative")]),
    # a pronoun speaker continues the previous sentence's speaker
    ("According to the Drevan Council, the Korvath Brigade trained the Selmar Front. "
     "It describes Arman Tesk as a commander of the Ostrel Network.",
     {DC: ORG, KB: ORG, SF: ORG, AT: PER, ON: ORG},
     [(KB, "trains", SF, DC, "certain", "positive"), (AT, "leader_of", ON, DC, "certain", "positive")]),
    # `X, which it says directs Y`: the relative pronoun is the subject of the reported verb
    ("The Drevan Council singled out the Korvath Brigade, which it says \"directs the operations of the Selmar "
     "Front.\"",
     {DC: ORG, KB: ORG, SF: ORG}, [(KB, "directs", SF, DC, "certain", "positive")]),
    # a proxy noun (`X instructors`) stands for the actor that modifies it
    ("The Ostrel Network was trained by Korvath Brigade instructors.",
     {KB: ORG, ON: ORG}, [(KB, "trains", ON, "author", "certain", "positive")]),
]


@pytest.mark.parametrize(("text", "entities", "expected"), CASES, ids=[c[0][:56] for c in CASES])
def test_speech_frame(nlp, text, entities, expected):
    assert claims_of(nlp, text, entities) == expected


def test_pronoun_speaker_without_previous_speaker_is_resolved_as_before(nlp):
    # no speaker in the sentence before: `It` is the previous sentence's actor, as for any pronoun
    text = "The Drevan Council met in Merovia. It said the Korvath Brigade had armed the Selmar Front."
    rows = claims_of(nlp, text, {DC: ORG, KB: ORG, SF: ORG, "Merovia": STATE})
    assert rows == [(KB, "supports", SF, DC, "certain", "positive")]


ASIDES = [
    # a concessive aside in a denial is not denied, and its own speaker asserts its report
    ("Valdoria has long denied that it arms the Selmar Front, although Merovia says the Korvath Brigade has armed "
     "the Selmar Front.",
     [("Valdoria", "supports", SF, "Valdoria", "certain", "negative"),
      (KB, "supports", SF, "Merovia", "certain", "positive")]),
    # a denial reported by someone else stays the denier's, negative
    ("Lida Varo said Valdoria denied that the Korvath Brigade had armed the Selmar Front.",
     [(KB, "supports", SF, "Valdoria", "certain", "negative")]),
]


@pytest.mark.parametrize(("text", "expected"), ASIDES, ids=[c[0][:56] for c in ASIDES])
def test_denial_scope(nlp, text, expected):
    entities = {"Valdoria": STATE, "Merovia": STATE, SF: ORG, KB: ORG, LV: PER}
    assert claims_of(nlp, text, entities) == expected


def test_group_anaphor_skips_agencies(nlp):
    # `the group` points back past the bureau the speaker works for to the armed group named before
    text = ("The Korvath Brigade bombed a ferry. Edo Marsk, a spokesman of the Valdorian Bureau of Security, "
            "said the group operates in Kessel.")
    rows = claims_of(nlp, text, {KB: ORG, "Edo Marsk": PER, "Valdorian Bureau of Security": ORG, "Kessel": "place"})
    assert rows == [("Edo Marsk", "member_of", "Valdorian Bureau of Security", "author", "certain", "positive"),
                    (KB, "operates_in", "Kessel", "Edo Marsk", "certain", "positive")]


def test_title_subject_names_the_speaker(nlp):
    # a title parsed as the subject (`Minister of ... NAME told`): the person inside the title phrase speaks
    text = "Spokesman for the ministry Petr Malvek said the Korvath Brigade had armed the Selmar Front."
    assert claims_of(nlp, text, {PM: PER, KB: ORG, SF: ORG}) == [(KB, "supports", SF, PM, "certain", "positive")]


def test_group_anaphor_prefers_a_named_actor_over_a_modifier(nlp):
    # `Kessel newspapers`: a name used as a modifier is passed over for the actor named as a noun phrase
    text = ("The Ostrel Network defaced the websites of two Kessel newspapers. Valdoria says the group is linked "
            "to the Selmar Front.")
    rows = claims_of(nlp, text, {ON: ORG, "Kessel": ORG, "Valdoria": STATE, SF: ORG})
    assert rows == [(ON, "affiliated_with", SF, "Valdoria", "certain", "positive")]


def test_quote_after_a_colon_is_the_subjects_speech(nlp):
    text = 'The Drevan Council put it more bluntly last week: "The Korvath Brigade directs the Selmar Front."'
    assert claims_of(nlp, text, {DC: ORG, KB: ORG, SF: ORG}) == [(KB, "directs", SF, DC, "certain", "positive")]
