"""Claims implied by events' role-labelled participants (extract/relations/events.py)."""

from __future__ import annotations

from claimgraph.extract.records import Claim, Event, Evidence, Participant
from claimgraph.extract.relations.events import event_claims

EVIDENCE = Evidence("Tessaly police arrested Oskel Varn, a Korvath Brigade courier.", 0, 62)


def _event(type_: str, *roles: tuple[str, str], source: str = "author", certainty: str = "certain") -> Event:
    return Event(type=type_, evidence=EVIDENCE, participants=[Participant(r, e) for r, e in roles],
                 source=source, certainty=certainty, date="2024-03", rule=f"events/{type_}.verb")


def test_arrest_and_killing_imply_their_links_other_events_do_not():
    events = [
        _event("arrest", ("agent", "tessaly_police"), ("target", "varn")),
        _event("designation", ("agent", "valdoria"), ("target", "brigade")),
        _event("attack", ("perpetrator", "brigade"), ("target", "station")),
        _event("killing", ("perpetrator", "brigade"), ("victim", "morrandel")),
    ]
    got = {(c.subject, c.type, c.object) for c in event_claims(events, [])}
    assert got == {("varn", "arrested_by", "tessaly_police"), ("morrandel", "killed_by", "brigade")}


def test_derived_claim_keeps_the_events_source_certainty_date_and_sentence():
    event = _event("arrest", ("agent", "tessaly_police"), ("target", "varn"), source="ministry",
                   certainty="probable")
    [claim] = event_claims([event], [])
    assert (claim.source, claim.certainty, claim.polarity, claim.date) == ("ministry", "probable", "positive",
                                                                          "2024-03")
    assert claim.evidence == EVIDENCE and claim.rule == "events/arrest.target-agent"


def test_a_link_already_claimed_is_not_repeated_and_one_role_alone_implies_nothing():
    existing = Claim(subject="varn", type="arrested_by", object="tessaly_police", evidence=EVIDENCE)
    events = [_event("arrest", ("agent", "tessaly_police"), ("target", "varn")),
              _event("arrest", ("target", "varn")),
              _event("training", ("agent", "brigade"), ("target", "varn"))]
    assert event_claims(events, [existing]) == []


def test_a_denied_link_does_not_block_the_event_link():
    denied = Claim(subject="varn", type="arrested_by", object="tessaly_police", evidence=EVIDENCE,
                   polarity="negative")
    claims = event_claims([_event("arrest", ("agent", "tessaly_police"), ("target", "varn"))], [denied])
    assert [(c.subject, c.type, c.object) for c in claims] == [("varn", "arrested_by", "tessaly_police")]
