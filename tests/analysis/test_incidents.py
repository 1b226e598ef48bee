"""Incidents: reports of one happening (same type, place, dates agreeing at their precision) grouped as one."""

from __future__ import annotations

import pytest

from claimgraph.analysis.dossier import EventOut
from claimgraph.analysis.incidents import dates_agree, group_reports, incidents


def _report(id_: int, doc: str, date: str | None, place: str | None = "kessel", type_: str = "attack",
            killed: int | None = None, weapons: tuple[str, ...] = (), role: str = "perpetrator",
            who: str = "grey-lantern") -> EventOut:
    return EventOut(id_, type_, None, date, place.title() if place else None, None,
                    [{"role": role, "id": who, "name": who.replace("-", " ").title()}], killed, None, None,
                    list(weapons), "certain", doc, f"evidence {id_}", 0, 10, place)


@pytest.mark.parametrize(("a", "b", "agree"), [
    ("2024-03", "2024-03-15", True), ("2024-03-15", "2024-03", True), ("2024", "2024-11-02", True),
    ("2024-03-15", "2024-03-16", False), ("2024-03", "2024-04-01", False), ("2023", "2024", False),
])
def test_incidents_dates_agree_within_precision(a: str, b: str, agree: bool) -> None:
    assert dates_agree(a, b) is agree


def test_incidents_same_type_place_and_date_are_one_incident_with_every_source() -> None:
    docs = {"d1": ("First report", "Harbor Times", "2024-03-16"), "d2": ("Follow-up", "Capital Ledger", "2024-03-20")}
    found = group_reports([_report(1, "d1", "2024-03-15", killed=12, weapons=("car bomb",)),
                           _report(2, "d2", "2024-03", killed=14, weapons=("car bomb", "rifles"))], docs)
    assert len(found) == 1
    incident = found[0]
    assert (incident.date, incident.precision, incident.location, incident.documents) == (
        "2024-03-15", "day", "Kessel", 2)
    assert [s.publication for s in incident.sources] == ["Harbor Times", "Capital Ledger"]
    assert (incident.killed, incident.counts_differ) == (14, True)
    assert incident.weapons == ["car bomb", "rifles"]
    assert [s.killed for s in incident.sources] == [12, 14]
    assert incident.to_json()["sources"][1]["title"] == "Follow-up"


@pytest.mark.parametrize("other", [
    _report(2, "d2", "2024-03-16"),  # another day
    _report(2, "d2", "2024-03-15", place="orsk"),  # another place
    _report(2, "d2", "2024-03-15", type_="arrest"),  # another kind of event
    _report(2, "d2", None),  # no date: nothing says it is the same happening
    _report(2, "d2", "2024-03-15", place=None),  # no place
])
def test_incidents_keep_apart_what_differs(other: EventOut) -> None:
    assert len(group_reports([_report(1, "d1", "2024-03-15"), other])) == 2


def test_incidents_a_vague_report_joins_only_an_unambiguous_incident() -> None:
    one = group_reports([_report(1, "d1", "2024-03-03"), _report(2, "d2", "2024"), _report(3, "d3", "2024-03")])
    assert [sorted(s.event_id for s in i.sources) for i in one] == [[1, 2, 3]]
    two_days = group_reports([_report(1, "d1", "2024-03-03"), _report(2, "d2", "2024-03-20"),
                              _report(3, "d3", "2024-03")])
    assert sorted(sorted(s.event_id for s in i.sources) for i in two_days) == [[1], [2], [3]]


def test_incidents_participants_are_joined_once() -> None:
    found = group_reports([_report(1, "d1", "2024-03-15"), _report(2, "d2", "2024-03-15"),
                           _report(3, "d3", "2024-03-15", role="victim", who="kessel-police")])
    assert [(p["role"], p["id"]) for p in found[0].participants] == [
        ("perpetrator", "grey-lantern"), ("victim", "kessel-police")]


def test_incidents_of_the_demo_store_join_the_anzhira_bombing(demo) -> None:
    """Two articles report the February 2024 bombing in Anzhira; one gives the death toll."""
    found = [i for i in incidents(demo, types=["attack"]) if i.location == "Anzhira" and i.date == "2024-02"]
    assert len(found) == 1 and found[0].documents == 2 and found[0].killed == 11
    assert found[0].weapons == ["bomb"]
    assert all(i.type == "attack" for i in incidents(demo, types=["attack"]))
    of_ega = incidents(demo, "Eastern Gate Army")
    assert any(i.id == found[0].id and i.documents == 2 for i in of_ega)
    assert len(of_ega) < len(incidents(demo))


def test_timeline_keeps_only_the_kinds_asked_for(store_url, network_extractions) -> None:
    """The analysis fixtures carry a dated claim and a dated arrest (2024-03)."""
    from sqlalchemy.orm import Session

    from claimgraph.analysis import resolve_network, timeline
    from claimgraph.errors import QueryError
    from claimgraph.store.db import open_store
    from claimgraph.store.write import store_extraction

    engine = open_store(store_url)
    for extraction in network_extractions:
        store_extraction(engine, extraction)
    with Session(engine) as session:
        resolve_network(session, lookup_refs=None)
        session.commit()
        claims = timeline(session, types=["claim"])
        assert claims and {i.kind for i in claims} == {"claim"}
        assert {i.kind for i in timeline(session)} == {"claim", "event"}
        arrests = timeline(session, types=["arrest"])
        assert arrests and {i.what for i in arrests} == {"arrest"}
        with pytest.raises(QueryError):
            timeline(session, types=["picnic"])
    engine.dispose()
