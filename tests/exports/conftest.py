"""Fixtures for the export tests: a small hand-built network about fictional actors (no store, no model)."""

from __future__ import annotations

import pytest

from claimgraph.exports.network import (
    ExportClaim,
    ExportDocument,
    ExportEdge,
    ExportEvent,
    ExportNetwork,
    ExportNode,
    ExportParticipant,
)

HERALD = "a1b2c3d4e5f60718"
WIRE = "0f1e2d3c4b5a6978"


def _claim(doc: str, subject: str, relation: str, obj: str, source: str, certainty: str, evidence: str,
           start: int, published: str, *, source_id: str | None = None, polarity: str = "positive",
           date: str | None = None) -> ExportClaim:
    return ExportClaim(doc, subject, relation, obj, source, source_id, certainty, polarity, evidence, start,
                       start + len(evidence), date=date, published=published, rule=f"relations/{relation}")


def build_small_network() -> ExportNetwork:
    herald_day, wire_day = "2021-07-01", "2022-01-20"
    nodes = [
        ExportNode("brannock-liberation-front", "Brannock Liberation Front", "organization",
                   ["Brannock Liberation Front", "BLF"], ["QDe.901"], [HERALD, WIRE]),
        ExportNode("ilse-varga", "Ilse Varga", "person", ["Ilse Varga", "Varga"], [], [HERALD, WIRE]),
        ExportNode("osterra", "Osterra", "state", ["Osterra"], [], [HERALD]),
        ExportNode("port-vellin", "Port Vellin", "place", ["Port Vellin"], [], [HERALD]),
        ExportNode("meridian-relief-trust", "Meridian Relief Trust", "organization", ["Meridian Relief Trust"], [],
                   [WIRE]),
        ExportNode("osterran-interior-ministry", "Osterran Interior Ministry", "organization",
                   ["Osterran Interior Ministry", "the ministry"], [], [WIRE]),
        ExportNode("dorn-kessler", "Dorn Kessler", "person", ["Dorn Kessler"], [], [WIRE]),
    ]
    leads = ExportEdge("ilse-varga", "leader_of", "brannock-liberation-front", [
        _claim(HERALD, "ilse-varga", "leader_of", "brannock-liberation-front", "author", "certain",
               "Ilse Varga, who has led the Brannock Liberation Front since 2019, was not seen.", 120, herald_day,
               date="2019"),
        _claim(WIRE, "ilse-varga", "leader_of", "brannock-liberation-front", "Osterran Interior Ministry",
               "probable", "The ministry said Varga probably still commands the BLF.", 40, wire_day,
               source_id="osterran-interior-ministry"),
    ], corroboration=2, grade=2, first_date="2019", last_date=wire_day)
    targets = ExportEdge("brannock-liberation-front", "targets", "port-vellin", [
        _claim(HERALD, "brannock-liberation-front", "targets", "port-vellin", "author", "certain",
               "The BLF bombed the harbour of Port Vellin on 2 June 2021.", 10, herald_day, date="2021-06-02"),
    ], corroboration=1, grade=3, first_date="2021-06-02", last_date="2021-06-02")
    supports = ExportEdge("meridian-relief-trust", "supports", "brannock-liberation-front", [
        _claim(WIRE, "meridian-relief-trust", "supports", "brannock-liberation-front", "Osterran Interior Ministry",
               "possible", "The ministry said the trust may have funded the BLF.", 200, wire_day,
               source_id="osterran-interior-ministry"),
        _claim(WIRE, "meridian-relief-trust", "supports", "brannock-liberation-front", "author", "certain",
               "The Meridian Relief Trust has no ties to the group, its director said.", 300, wire_day,
               polarity="negative"),
    ], corroboration=1, denials=1, grade=5, contradiction="polarity", first_date=wire_day, last_date=wire_day)
    operates = ExportEdge("brannock-liberation-front", "operates_in", "osterra", [
        _claim(HERALD, "brannock-liberation-front", "operates_in", "osterra", "author", "certain",
               "The BLF is active across northern Osterra.", 400, herald_day),
    ], corroboration=1, grade=3, first_date=herald_day, last_date=herald_day)
    denied = ExportEdge("dorn-kessler", "member_of", "brannock-liberation-front", [
        _claim(WIRE, "dorn-kessler", "member_of", "brannock-liberation-front", "author", "certain",
               "Dorn Kessler was never a member of the BLF.", 500, wire_day, polarity="negative"),
    ], corroboration=0, denials=1, grade=5, first_date=wire_day, last_date=wire_day)
    documents = [
        ExportDocument(HERALD, "Blast in Port Vellin harbour", "examples/herald.txt", "https://herald.example/blast",
                       "Osterra Herald", herald_day, ["Mara Lind"]),
        ExportDocument(WIRE, "Ministry names BLF backers", "examples/wire.txt", None, "Northern Wire", wire_day),
    ]
    events = [
        ExportEvent(HERALD, "attack", "The BLF bombed the harbour of Port Vellin on 2 June 2021.", 10, 67,
                    subtype="bombing", date="2021-06-02", location="port-vellin",
                    participants=[ExportParticipant("perpetrator", "brannock-liberation-front")], killed=3,
                    wounded=12, weapons=["car bomb"]),
    ]
    return ExportNetwork(nodes, [leads, targets, supports, operates, denied], documents, events)


@pytest.fixture
def small_network() -> ExportNetwork:
    return build_small_network()
