"""The store adapter: whole network, a neighbourhood, a grade floor, over two hand-built fictional articles."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from claimgraph.errors import QueryError
from claimgraph.exports.from_store import network_from_store
from claimgraph.store.db import open_store


def _network(url: str, **scope):
    engine = open_store(url, create=False)
    try:
        with Session(engine) as session:
            return network_from_store(session, **scope)
    finally:
        engine.dispose()


def _edge(network, relation: str):
    return next(e for e in network.edges if e.relation == relation)


def test_from_store_whole_network(hand_store):
    network = _network(hand_store)
    assert sorted(n.id for n in network.nodes) == [
        "brannock-liberation-front", "ilse-varga", "meridian-relief-trust", "osterran-interior-ministry",
        "port-vellin"]
    assert sorted((e.subject, e.relation, e.object) for e in network.edges) == [
        ("brannock-liberation-front", "targets", "port-vellin"),
        ("ilse-varga", "leader_of", "brannock-liberation-front"),
        ("meridian-relief-trust", "supports", "brannock-liberation-front")]
    assert [d.title for d in network.documents] == ["Blast in Port Vellin", "Ministry names BLF backers"]


def test_from_store_edge_keeps_claims_claimants_and_grade(hand_store):
    leads = _edge(_network(hand_store), "leader_of")
    assert sorted((c.source, c.source_id, c.certainty) for c in leads.claims) == [
        ("Osterran Interior Ministry", "osterran-interior-ministry", "probable"), ("author", None, "certain")]
    assert (leads.corroboration, leads.denials, leads.grade) == (2, 0, 2)
    assert (leads.first_date, leads.last_date) == ("2019", "2022-01-20")
    funds = _edge(_network(hand_store), "supports")
    assert sorted(c.polarity for c in funds.claims) == ["negative", "positive"]
    assert (funds.corroboration, funds.denials, funds.grade, funds.contradiction) == (1, 1, 5, "polarity")


def test_from_store_event_with_place_and_perpetrator(hand_store):
    (event,) = _network(hand_store).events
    assert (event.type, event.subtype, event.date, event.location, event.killed) == (
        "attack", "bombing", "2021-06-02", "port-vellin", 3)
    assert [(p.role, p.entity) for p in event.participants] == [("perpetrator", "brannock-liberation-front")]


@pytest.mark.parametrize(("depth", "nodes"), [
    (1, ["brannock-liberation-front", "port-vellin"]),
    (2, ["brannock-liberation-front", "ilse-varga", "meridian-relief-trust", "port-vellin"]),
])
def test_from_store_neighbourhood(hand_store, depth, nodes):
    network = _network(hand_store, entity="Port Vellin", depth=depth)
    assert sorted(n.id for n in network.nodes) == nodes
    assert all(e.subject in nodes and e.object in nodes for e in network.edges)
    assert len(network.events) == 1


def test_from_store_grade_floor_drops_weaker_edges(hand_store):
    network = _network(hand_store, min_grade=3)
    assert sorted(e.relation for e in network.edges) == ["leader_of", "targets"]
    assert sorted(n.id for n in network.nodes) == ["brannock-liberation-front", "ilse-varga", "port-vellin"]


def test_from_store_unknown_entity(hand_store):
    with pytest.raises(QueryError) as caught:
        _network(hand_store, entity="Nobody Anywhere")
    assert caught.value.code == "E501"
