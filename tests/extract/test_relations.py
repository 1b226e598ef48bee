"""Relation rules per English construction, on sentences about fictional actors (exact claim lists)."""

import pytest
from claims_helper import claims_of, extract

ORG, PER, STATE, PLACE = "organization", "person", "state", "place"
KB, SF, ON, DC = "Korvath Brigade", "Selmar Front", "Ostrel Network", "Drevan Council"
AT, LV, PM = "Arman Tesk", "Lida Varo", "Petr Malvek"
VAL = {"Valdoria": ["Valdorian"]}


def row(s, t, o, source="author", certainty="certain", polarity="positive"):
    return (s, t, o, source, certainty, polarity)


CASES = [
    # active and passive
    ("The Korvath Brigade trained the Selmar Front.", {KB: ORG, SF: ORG}, None, [row(KB, "trains", SF)]),
    ("The Selmar Front was trained by the Korvath Brigade.", {KB: ORG, SF: ORG}, None, [row(KB, "trains", SF)]),
    ("Arman Tesk was killed by Valdoria.", {AT: PER, "Valdoria": STATE}, None, [row(AT, "killed_by", "Valdoria")]),
    ("Valdorian forces killed Arman Tesk in March.", {AT: PER, "Valdoria": STATE}, VAL,
     [row(AT, "killed_by", "Valdoria")]),
    ("Petr Malvek was arrested by Valdorian police in Kessel.", {PM: PER, "Valdoria": STATE, "Kessel": PLACE}, VAL,
     [row(PM, "arrested_by", "Valdoria")]),
    ("The Korvath Brigade funded the Selmar Front.", {KB: ORG, SF: ORG}, None, [row(KB, "supports", SF)]),
    ("Valdoria is backing the Ostrel Network.", {"Valdoria": STATE, ON: ORG}, None,
     [row("Valdoria", "supports", ON)]),
    ("The Korvath Brigade is fighting the Selmar Front.", {KB: ORG, SF: ORG}, None, [row(KB, "opposes", SF)]),
    ("The Korvath Brigade has cooperated with the Selmar Front for years.", {KB: ORG, SF: ORG}, None,
     [row(KB, "allied_with", SF)]),
    ("The Ostrel Network splintered from the Selmar Front in 2004.", {ON: ORG, SF: ORG}, None,
     [row(ON, "split_from", SF)]),
    ("Lida Varo joined the Drevan Council in 2011.", {LV: PER, DC: ORG}, None, [row(LV, "member_of", DC)]),
    ("The Ostrel Network is closely affiliated with the Korvath Brigade.", {ON: ORG, KB: ORG}, None,
     [row(ON, "affiliated_with", KB)]),
    ("The Selmar Front has been plotting attacks against Merovia.", {SF: ORG, "Merovia": STATE}, None,
     [row(SF, "targets", "Merovia")]),
    ("Valdoria added the Selmar Front to its list of terrorist groups.", {"Valdoria": STATE, SF: ORG}, None,
     [row(SF, "designated_by", "Valdoria")]),
    ("Petr Malvek was named commander of the Ostrel Network by Arman Tesk.", {PM: PER, ON: ORG, AT: PER}, None,
     [row(PM, "appointed_by", AT), row(PM, "leader_of", ON)]),
    # inverted phrasing
    ("The Selmar Front took its orders from the Korvath Brigade.", {KB: ORG, SF: ORG}, None,
     [row(KB, "directs", SF)]),
    # nominal forms
    ("The Selmar Front's Korvath Brigade handlers met in Kessel.", {KB: ORG, SF: ORG, "Kessel": PLACE}, None,
     [row(KB, "directs", SF)]),
    ("The Ostrel Network is a Valdorian-backed militia.", {"Valdoria": STATE, ON: ORG}, VAL,
     [row("Valdoria", "supports", ON)]),
    ("The Ostrel Network is a Korvath Brigade-linked militia.", {ON: ORG, KB: ORG}, None,
     [row(ON, "affiliated_with", KB)]),
    ("Arman Tesk, the leader of the Selmar Front, spoke on Monday.", {AT: PER, SF: ORG}, None,
     [row(AT, "leader_of", SF)]),
    ("Lida Varo is head of the Drevan Council.", {LV: PER, DC: ORG}, None, [row(LV, "leader_of", DC)]),
    ("Korvath Brigade leader Arman Tesk spoke on Monday.", {AT: PER, KB: ORG}, None, [row(AT, "leader_of", KB)]),
    ("Lida Varo is a senior fellow at the Drevan Council.", {LV: PER, DC: ORG}, None, [row(LV, "member_of", DC)]),
    ("Petr Malvek serves as Arman Tesk's deputy.", {PM: PER, AT: PER}, None, [row(AT, "directs", PM)]),
    ("Valdoria's Ministry of Internal Affairs arrested Petr Malvek.",
     {"Valdoria": STATE, "Ministry of Internal Affairs": ORG, PM: PER}, None,
     [row("Ministry of Internal Affairs", "part_of", "Valdoria"),
      row(PM, "arrested_by", "Ministry of Internal Affairs")]),
    ("The Korvath Brigade operates a network inside Merovia.", {KB: ORG, "Merovia": STATE}, None,
     [row(KB, "operates_in", "Merovia")]),
    ("Arman Tesk has concentrated his attacks on Merovia.", {AT: PER, "Merovia": STATE}, None,
     [row(AT, "targets", "Merovia")]),
    ("The talks produced a deal between Valdoria and the Korvath Brigade.", {"Valdoria": STATE, KB: ORG}, None,
     [row("Valdoria", "allied_with", KB)]),
    # coordination, appositives, participles
    ("The Selmar Front and its offshoot, the Ostrel Network, operate in Kessel.",
     {ON: ORG, SF: ORG, "Kessel": PLACE}, None,
     [row(ON, "split_from", SF), row(ON, "operates_in", "Kessel"), row(SF, "operates_in", "Kessel")]),
    ("The Selmar Front and the Ostrel Network funnel fighters through Merovia.",
     {ON: ORG, SF: ORG, "Merovia": STATE}, None,
     [row(ON, "operates_in", "Merovia"), row(SF, "operates_in", "Merovia")]),
    ("Valdoria and its proxy, the Ostrel Network, have attacked Merovia.",
     {"Valdoria": STATE, ON: ORG, "Merovia": STATE}, None,
     [row("Valdoria", "supports", ON), row(ON, "targets", "Merovia"), row("Valdoria", "targets", "Merovia")]),
    ("Arman Tesk, designated by the United Nations and Valdoria as a terrorist, remains at large.",
     {AT: PER, "United Nations": ORG, "Valdoria": STATE}, None,
     [row(AT, "designated_by", "United Nations"), row(AT, "designated_by", "Valdoria")]),
    # relative clauses
    ("The Korvath Brigade, which trained the Selmar Front, is based in Kessel.",
     {KB: ORG, SF: ORG, "Kessel": PLACE}, None, [row(KB, "trains", SF), row(KB, "operates_in", "Kessel")]),
    ("The Selmar Front, which is led by Lida Varo, operates in Kessel.", {LV: PER, SF: ORG, "Kessel": PLACE}, None,
     [row(LV, "leader_of", SF), row(SF, "operates_in", "Kessel")]),
    ("Arman Tesk leads the Selmar Front, a militant group spanning Kessel.", {SF: ORG, "Kessel": PLACE, AT: PER}, None,
     [row(AT, "leader_of", SF), row(SF, "operates_in", "Kessel")]),
    ("Petr Malvek was named head of the rebels in Kessel by Arman Tesk.", {PM: PER, "Kessel": PLACE, AT: PER}, None,
     [row(PM, "appointed_by", AT), row(PM, "operates_in", "Kessel")]),
    # leadership and training phrased as nouns
    ("The Ostrel Network splintered from the Selmar Front under the leadership of Arman Tesk.",
     {ON: ORG, SF: ORG, AT: PER}, None, [row(ON, "split_from", SF), row(AT, "leader_of", ON)]),
    ("Petr Malvek might have given bomb-making training to the Ostrel Network.", {ON: ORG, PM: PER}, None,
     [row(PM, "trains", ON, certainty="possible")]),
    ("The Ostrel Network received training from the Korvath Brigade.", {ON: ORG, KB: ORG}, None,
     [row(KB, "trains", ON)]),
    ("The Korvath Brigade attacked Merovia, likely coordinated with Arman Tesk's faction.",
     {KB: ORG, "Merovia": STATE, AT: PER}, None,
     [row(KB, "targets", "Merovia"), row(KB, "allied_with", AT, certainty="probable")]),
    # `Both` pointing to the pair named in the sentence before
    ("Valdoria cooperated with the Korvath Brigade and the Drevan Council. "
     "Both have been implicated in funding the Selmar Front.",
     {"Valdoria": STATE, KB: ORG, DC: ORG, SF: ORG}, None,
     [row("Valdoria", "allied_with", DC), row("Valdoria", "allied_with", KB),
      row(DC, "supports", SF, certainty="probable"), row(KB, "supports", SF, certainty="probable")]),
    # a pronoun pointing to the previous sentence's actor
    ("Arman Tesk fled to Merovia in 2009. He has extensive ties to the Selmar Front.",
     {AT: PER, SF: ORG, "Merovia": STATE}, None, [row(AT, "affiliated_with", SF)]),
]


@pytest.mark.parametrize(("text", "entities", "aliases", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_relation_construction(nlp, text, entities, aliases, expected):
    assert claims_of(nlp, text, entities, aliases) == expected


def test_no_relation_without_a_cue(nlp):
    assert claims_of(nlp, "The Korvath Brigade met the Selmar Front in Kessel.",
                     {KB: ORG, SF: ORG, "Kessel": PLACE}) == []


def test_claim_records_rule_evidence_and_offsets(nlp):
    text = "Valdoria protested on Monday. The Selmar Front was trained by the Korvath Brigade."
    claims = extract(nlp, text, {KB: ORG, SF: ORG, "Valdoria": STATE})
    assert len(claims) == 1
    claim = claims[0]
    assert claim.rule == "relations/trains.passive"
    assert claim.evidence.text == "The Selmar Front was trained by the Korvath Brigade."
    assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
    assert claim.cue is None


def test_identical_claims_in_one_sentence_are_kept_once(nlp):
    text = "The Korvath Brigade trained and trained the Selmar Front."
    claims = extract(nlp, text, {KB: ORG, SF: ORG})
    assert [(c.subject, c.type, c.object) for c in claims] == [("korvath_brigade", "trains", "selmar_front")]


def test_claims_come_in_text_order(nlp):
    text = "The Ostrel Network splintered from the Selmar Front. The Korvath Brigade funded the Ostrel Network."
    claims = extract(nlp, text, {KB: ORG, SF: ORG, ON: ORG})
    assert [(c.type, c.evidence.start) for c in claims] == [("split_from", 0), ("supports", text.index("The Korv"))]
