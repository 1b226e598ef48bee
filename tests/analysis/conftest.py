"""Fixtures for analysis tests. Hand-built extractions of short fictional articles for network tests (no model needed).

Six documents about the fictional Velmar Liberation Front, Orsk Holdings and Idris Kovac:
- d1 (Harbor Times) names the front in full; d2 (Capital Ledger) and d3 (Northern Post) carry the same wire
  sentence and call it only "VLF". All three say Orsk Holdings funds the front: two independent sources.
- d4 (Harbor Times) names "Idris Kovac" and quotes Orsk Holdings denying it funds him; d5 (Capital Ledger)
  says the company "probably" funds "Gen. Kovac": a polarity contradiction across the surname.
- d6 (Northern Post): police say with certainty and a rival outlet says possibly that Kovac leads the VLF.
"""

from __future__ import annotations

import pytest

from claimgraph.extract.records import Claim, Entity, Event, Evidence, Extraction, Mention, Participant
from claimgraph.ingest.document import Document, Metadata

WIRE = "Orsk Holdings has funded the VLF since 2019, a regional wire service reported."


def _entity(text: str, local: str, name: str, type_: str, *forms: str) -> Entity:
    forms = forms or (name,)
    mentions = [Mention(text.index(f), text.index(f) + len(f), f) for f in forms if f in text]
    return Entity(local, name, type_, list(dict.fromkeys(forms)), mentions, rule="test")


def _evidence(text: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))


def _doc(text: str, publication: str, published: str, title: str) -> Document:
    return Document(text=text, metadata=Metadata(title=title, publication=publication, published=published),
                    source=f"{title}.txt")


def extractions() -> list[Extraction]:
    out = []
    s1 = "Orsk Holdings funds the Velmar Liberation Front, investigators found."
    t1 = f"Harbor Times report.\n{s1}\n"
    d1 = _doc(t1, "Harbor Times", "2024-01-10", "d1")
    out.append(Extraction(d1, [_entity(t1, "e1", "Orsk Holdings", "organization"),
                               _entity(t1, "e2", "Velmar Liberation Front", "organization")],
                          [Claim("e1", "supports", "e2", _evidence(t1, s1), rule="test")]))
    for name, pub, date in (("d2", "Capital Ledger", "2024-02-01"), ("d3", "Northern Post", "2024-02-01")):
        text = f"{pub} desk.\n{WIRE}\n"
        doc = _doc(text, pub, date, name)
        out.append(Extraction(doc, [_entity(text, "e1", "Orsk Holdings", "organization"),
                                    _entity(text, "e2", "VLF", "organization")],
                              [Claim("e1", "supports", "e2", _evidence(text, WIRE), rule="test")]))
    s4 = "Orsk Holdings denied that it ever paid Idris Kovac."
    t4 = f"Harbor Times follow-up.\n{s4}\nIdris Kovac was arrested by the Coastal Police in March.\n"
    d4 = _doc(t4, "Harbor Times", "2024-04-02", "d4")
    arrest = _evidence(t4, "Idris Kovac was arrested by the Coastal Police in March.")
    out.append(Extraction(
        d4, [_entity(t4, "e1", "Orsk Holdings", "organization"), _entity(t4, "e2", "Idris Kovac", "person"),
             _entity(t4, "e3", "Coastal Police", "organization")],
        [Claim("e1", "supports", "e2", _evidence(t4, s4), source="e1", polarity="negative", rule="test"),
         Claim("e2", "arrested_by", "e3", arrest, date="2024-03", rule="test")],
        [Event("arrest", arrest, date="2024-03", participants=[Participant("agent", "e3"),
                                                               Participant("target", "e2")], arrested=1)]))
    s5 = "Orsk Holdings probably bankrolls Gen. Kovac."
    t5 = f"Capital Ledger analysis.\n{s5}\n"
    d5 = _doc(t5, "Capital Ledger", "2024-05-01", "d5")
    out.append(Extraction(d5, [_entity(t5, "e1", "Orsk Holdings", "organization"),
                               _entity(t5, "e2", "Gen. Kovac", "person")],
                          [Claim("e1", "supports", "e2", _evidence(t5, s5), certainty="probable", rule="test")]))
    s6a = "Police said Kovac commands the Velmar Liberation Front."
    s6b = "Kovac may lead the front, the Dockside Courier wrote."
    t6 = f"Northern Post.\n{s6a}\n{s6b}\n"
    d6 = _doc(t6, "Northern Post", "2024-06-01", "d6")
    out.append(Extraction(
        d6, [_entity(t6, "e1", "Kovac", "person"), _entity(t6, "e2", "Velmar Liberation Front", "organization"),
             _entity(t6, "e3", "Police", "organization"), _entity(t6, "e4", "Dockside Courier", "organization")],
        [Claim("e1", "leader_of", "e2", _evidence(t6, s6a), source="e3", rule="test"),
         Claim("e1", "leader_of", "e2", _evidence(t6, s6b), source="e4", certainty="possible", rule="test")]))
    return out


@pytest.fixture
def network_extractions() -> list[Extraction]:
    return extractions()


@pytest.fixture(scope="session")
def demo_db(demo_url) -> str:
    """The shared demo store on each backend (tests/conftest.py); these tests only read it."""
    return demo_url


@pytest.fixture
def demo(demo_db):
    from sqlalchemy.orm import Session

    from claimgraph.store.db import open_store

    engine = open_store(demo_db)
    with Session(engine) as session:
        yield session
    engine.dispose()
