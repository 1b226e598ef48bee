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
                       "Osterra Herald", herald_day, ["Mara Lind"], text_sha256="9" * 64),
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


def _hand_extractions() -> list:
    """Two short fictional articles as extractions (no model): a leadership claim made by the author of one and
    by a ministry quoted in the other, an attack, and a funding claim the second article both reports and denies."""
    from claimgraph.extract.records import Claim, Entity, Event, Evidence, Extraction, Mention, Participant
    from claimgraph.ingest.document import Document, Metadata

    def entity(text: str, local: str, name: str, type_: str) -> Entity:
        start = text.index(name)
        return Entity(local, name, type_, [name], [Mention(start, start + len(name), name)], rule="test")

    def evidence(text: str, sentence: str) -> Evidence:
        start = text.index(sentence)
        return Evidence(sentence, start, start + len(sentence))

    s1 = "Ilse Varga has led the Brannock Liberation Front since 2019."
    s2 = "The Brannock Liberation Front bombed the harbour of Port Vellin on 2 June 2021, killing three."
    herald = f"Osterra Herald.\n{s1}\n{s2}\n"
    doc1 = Document(text=herald, source="herald.txt", metadata=Metadata(
        title="Blast in Port Vellin", publication="Osterra Herald", published="2021-07-01"))
    ents1 = [entity(herald, "e1", "Ilse Varga", "person"), entity(herald, "e2", "Brannock Liberation Front",
             "organization"), entity(herald, "e3", "Port Vellin", "place")]
    claims1 = [Claim("e1", "leader_of", "e2", evidence(herald, s1), date="2019", rule="test"),
               Claim("e2", "targets", "e3", evidence(herald, s2), date="2021-06-02", rule="test")]
    events1 = [Event("attack", evidence(herald, s2), subtype="bombing", date="2021-06-02", location="e3",
                     participants=[Participant("perpetrator", "e2")], killed=3, rule="test")]
    s3 = "The Osterran Interior Ministry said Ilse Varga probably still commands the Brannock Liberation Front."
    s4 = "The ministry said the Meridian Relief Trust may have funded the Brannock Liberation Front."
    s5 = "The Meridian Relief Trust has never funded the Brannock Liberation Front."
    wire = f"Northern Wire.\n{s3}\n{s4}\n{s5}\n"
    doc2 = Document(text=wire, source="wire.txt", metadata=Metadata(
        title="Ministry names BLF backers", publication="Northern Wire", published="2022-01-20"))
    ents2 = [entity(wire, "e1", "Osterran Interior Ministry", "organization"),
             entity(wire, "e2", "Ilse Varga", "person"), entity(wire, "e3", "Brannock Liberation Front",
                                                               "organization"),
             entity(wire, "e4", "Meridian Relief Trust", "organization")]
    claims2 = [Claim("e2", "leader_of", "e3", evidence(wire, s3), source="e1", certainty="probable", rule="test"),
               Claim("e4", "supports", "e3", evidence(wire, s4), source="e1", certainty="possible", rule="test"),
               Claim("e4", "supports", "e3", evidence(wire, s5), polarity="negative", rule="test")]
    return [Extraction(doc1, ents1, claims1, events1), Extraction(doc2, ents2, claims2, [])]


@pytest.fixture(scope="session")
def hand_store(tmp_path_factory) -> str:
    """A store URL holding the two hand-built articles, resolved into one network (no model needed)."""
    from claimgraph.analysis.resolution import resolve_store
    from claimgraph.store.db import open_store
    from claimgraph.store.write import store_extraction

    url = f"sqlite:///{tmp_path_factory.mktemp('hand') / 'claimgraph.db'}"
    engine = open_store(url)
    for extraction in _hand_extractions():
        store_extraction(engine, extraction)
    resolve_store(engine, lookup_refs=None)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def demo_export_store(demo_store) -> str:
    """The shared demo store (tests/conftest.py); exports only read it."""
    return f"sqlite:///{demo_store}"
