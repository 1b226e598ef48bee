"""Resolution, corroboration, contradiction and grading on hand-built fictional extractions in a real store."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from claimgraph.analysis import contradictions, dossier, find_paths, resolve_network
from claimgraph.analysis.entities import find_entity
from claimgraph.errors import QueryError
from claimgraph.resolve import Decision
from claimgraph.store.db import open_store
from claimgraph.store.resolution import add_decision
from claimgraph.store.resolution_models import EdgeRow
from claimgraph.store.write import store_extraction


@pytest.fixture
def store(store_url, network_extractions):
    engine = open_store(store_url)
    for extraction in network_extractions:
        store_extraction(engine, extraction)
    with Session(engine) as session, session.begin():
        resolve_network(session, lookup_refs=None)
    yield engine
    engine.dispose()


def _edge(session: Session, s: str, rel: str, o: str) -> EdgeRow:
    return session.scalars(select(EdgeRow).where(EdgeRow.subject_id == s, EdgeRow.relation == rel,
                                                 EdgeRow.object_id == o)).one()


def test_network_resolves_acronym_and_surname_across_documents(store):
    with Session(store) as session:
        vlf = find_entity(session, "VLF")
        assert (vlf.id, vlf.name) == ("velmar-liberation-front", "Velmar Liberation Front")
        assert vlf.n_documents == 4
        kovac = find_entity(session, "Gen. Kovac")
        assert (kovac.id, kovac.name, kovac.n_documents) == ("idris-kovac", "Idris Kovac", 3)
        assert sorted(kovac.aliases) == ["Gen. Kovac", "Idris Kovac", "Kovac"]
        rules = session.execute(text("SELECT rule, count(*) FROM resolution_links WHERE canonical_id = :c "
                                     "GROUP BY rule ORDER BY rule"), {"c": "velmar-liberation-front"}).all()
        assert [tuple(r) for r in rules] == [("acronym", 1), ("name", 2)]


def test_network_wire_story_in_two_outlets_counts_once(store):
    with Session(store) as session:
        edge = _edge(session, "orsk-holdings", "supports", "velmar-liberation-front")
        assert (edge.n_claims, edge.n_documents, edge.n_sources, edge.n_denials) == (3, 3, 2, 0)
        assert (edge.grade, edge.contradiction) == (1, None)


def test_network_denial_contradicts_and_grades_improbable(store):
    with Session(store) as session:
        edge = _edge(session, "orsk-holdings", "supports", "idris-kovac")
        assert (edge.n_sources, edge.n_denials, edge.grade, edge.contradiction) == (1, 1, 5, "polarity")
        [conflict] = [c for c in contradictions(session) if c.kind == "polarity"]
        assert [c.evidence for c in conflict.side_a] == ["Orsk Holdings probably bankrolls Gen. Kovac."]
        assert [(c.source, c.polarity) for c in conflict.side_b] == [("Orsk Holdings", "negative")]


def test_network_certainty_disagreement_between_claimants(store):
    with Session(store) as session:
        edge = _edge(session, "idris-kovac", "leader_of", "velmar-liberation-front")
        assert (edge.n_sources, edge.grade, edge.contradiction) == (2, 2, "certainty")
        [conflict] = contradictions(session, "Kovac")[1:]
        assert [(c.source, c.certainty) for c in conflict.side_a] == [("Police", "certain")]
        assert [(c.source, c.certainty) for c in conflict.side_b] == [("Dockside Courier", "possible")]


def test_network_dossier_groups_claims_and_lists_events(store):
    with Session(store) as session:
        d = dossier(session, "Idris Kovac")
        assert list(d.relations) == ["arrested_by", "leader_of", "supports"]
        assert [(e.subject, e.object, e.grade) for e in d.relations["supports"]] == [
            ("Orsk Holdings", "Idris Kovac", 5)]
        assert [(e.type, e.date, e.role) for e in d.events] == [("arrest", "2024-03", "target")]
        assert d.to_json()["relations"]["arrested_by"][0]["claims"][0]["publication"] == "Harbor Times"


def test_network_path_through_shared_neighbour(store):
    with Session(store) as session:
        result = find_paths(session, "Coastal Police", "Orsk Holdings", max_hops=3)
        assert [p.names for p in result.paths] == [
            ["Coastal Police", "Idris Kovac", "Orsk Holdings"],
            ["Coastal Police", "Idris Kovac", "Velmar Liberation Front", "Orsk Holdings"],
        ]
        assert find_paths(session, "Coastal Police", "Orsk Holdings", max_hops=1).paths == []


def test_network_unknown_entity_is_query_error(store):
    with Session(store) as session, pytest.raises(QueryError) as info:
        dossier(session, "Nobody At All")
    assert info.value.code == "E501"


def test_network_analyst_decisions_survive_reingest(store, network_extractions):
    with Session(store) as session, session.begin():
        add_decision(session, Decision("merge", "Coastal Police", "Police",
                                       keys_a=tuple(session.scalars(text(
                                           "SELECT doc_id || ':' || local_id FROM entities "
                                           "WHERE canonical_id = 'coastal-police'")).all()),
                                       keys_b=()))
        d3 = session.scalar(text("SELECT id FROM documents WHERE title = 'd3'"))
        add_decision(session, Decision("split", "Orsk Holdings", document_id=d3))
        resolve_network(session, lookup_refs=None)
    for extraction in network_extractions:
        store_extraction(store, extraction, force=True)
    with Session(store) as session, session.begin():
        resolve_network(session, lookup_refs=None)
    with Session(store) as session:
        assert find_entity(session, "Police").id == "coastal-police"
        orsk = "SELECT count(DISTINCT canonical_id) FROM entities WHERE name = 'Orsk Holdings'"
        assert session.scalar(text(orsk)) == 2
        assert find_entity(session, "Orsk Holdings").n_documents == 4
        edge = _edge(session, "orsk-holdings", "supports", "velmar-liberation-front")
        assert (edge.n_claims, edge.n_sources) == (2, 2)
