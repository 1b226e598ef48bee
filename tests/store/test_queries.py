"""claimgraph.store.queries: listings, id prefixes, statistics."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy.orm import Session

from claimgraph.errors import QueryError
from claimgraph.ingest.document import Document
from claimgraph.store.db import open_store
from claimgraph.store.queries import document_json, find_document, list_documents, store_stats
from claimgraph.store.write import store_extraction


@pytest.fixture
def session(store_url, sample_extraction):
    engine = open_store(store_url)
    store_extraction(engine, sample_extraction)
    second = copy.deepcopy(sample_extraction)
    second.document = Document(text=sample_extraction.document.text + "\nA second edition.",
                               metadata=copy.deepcopy(sample_extraction.document.metadata), source="second.txt")
    second.document.metadata.published = "2024-04-01"
    second.events = []
    store_extraction(engine, second)
    with Session(engine) as session:
        yield session
    engine.dispose()


def test_queries_list_documents_newest_first_with_counts(session, sample_extraction):
    rows = [r.to_json() for r in list_documents(session)]
    assert [(r["published"], r["entities"], r["claims"], r["events"]) for r in rows] == [
        ("2024-04-01", 7, 4, 0), ("2024-03-05", 7, 4, 2)]
    assert rows[1]["id"] == sample_extraction.document.id
    assert set(rows[0]) == {"id", "published", "publication", "title", "source", "kind", "entities", "claims",
                            "events", "ingested_at"}


def test_queries_find_document_by_unique_prefix(session, sample_extraction):
    doc_id = sample_extraction.document.id
    assert find_document(session, doc_id[:6].upper()).id == doc_id


@pytest.mark.parametrize(("given", "code"), [("ffffffffffffffff0", "E501"), ("xyz", "E501"), ("", "E501")])
def test_queries_find_document_errors(session, given, code):
    with pytest.raises(QueryError) as caught:
        find_document(session, given)
    assert caught.value.code == code


def test_queries_ambiguous_prefix(session, sample_extraction):
    engine = session.get_bind()
    for n in range(17):  # 17 more ids over 16 hex digits: at least two share their first digit
        more = copy.deepcopy(sample_extraction)
        more.document = Document(text=f"{more.document.text}\nEdition {n}.", source=f"edition-{n}.txt")
        store_extraction(engine, more)
    first_digits = [r.id[0] for r in list_documents(session)]
    shared = next(d for d in first_digits if first_digits.count(d) > 1)
    with pytest.raises(QueryError) as caught:
        find_document(session, shared)
    assert caught.value.code == "E502"


def test_queries_document_json_adds_store_fields(session, sample_extraction):
    data = document_json(session, sample_extraction.document.id)
    assert data["document"]["ingested_at"].endswith("+00:00")
    assert [e["canonical_id"] for e in data["entities"]] == [None] * 7
    del data["document"]["ingested_at"]
    for entity in data["entities"]:
        del entity["canonical_id"]
    assert data == sample_extraction.to_json()


def test_queries_stats(session):
    stats = store_stats(session, limit=3)
    assert stats["counts"] == {"documents": 2, "entities": 14, "mentions": 16, "claims": 8, "events": 2,
                               "event_participants": 3}
    assert stats["top_entities"] == [
        {"name": "Brotherhood of the Grey Lantern", "type": "organization", "mentions": 4, "documents": 2},
        {"name": "Anton Brask", "type": "person", "mentions": 2, "documents": 2},
        {"name": "Kessel", "type": "place", "mentions": 2, "documents": 2},
    ]
    assert stats["claims_by_relation"] == [{"relation": "supports", "claims": 4},
                                           {"relation": "leader_of", "claims": 2},
                                           {"relation": "part_of", "claims": 2}]
    assert stats["top_claims"] == [  # ties broken by subject, relation, object
        {"subject": "Anton Brask", "relation": "leader_of", "object": "Brotherhood of the Grey Lantern",
         "claims": 2, "documents": 2},
        {"subject": "Ministry of Internal Harmony", "relation": "part_of", "object": "Ostrava", "claims": 2,
         "documents": 2},
        {"subject": "Ministry of Internal Harmony", "relation": "supports",
         "object": "Brotherhood of the Grey Lantern", "claims": 2, "documents": 2},
    ]
