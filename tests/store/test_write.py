"""claimgraph.store.write: round trip, idempotence by content hash, --force, all-or-nothing documents, FTS sync."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from claimgraph.errors import StoreError
from claimgraph.store.db import open_store
from claimgraph.store.models import ClaimRow, DocumentRow, EntityRow, EventParticipantRow, EventRow, MentionRow
from claimgraph.store.queries import load_extraction, search_documents, store_counts
from claimgraph.store.write import Outcome, is_stored, store_extraction


@pytest.fixture
def engine(store_url):
    engine = open_store(store_url)
    yield engine
    engine.dispose()


def indexed(session: Session) -> int:
    """Documents in the full-text index: FTS5 rows on SQLite, filled search vectors on PostgreSQL."""
    if session.get_bind().dialect.name == "sqlite":
        return session.execute(text("SELECT count(*) FROM documents_fts")).scalar()
    return session.execute(text("SELECT count(*) FROM documents WHERE search_vector IS NOT NULL")).scalar()


def counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return store_counts(session)


def test_write_round_trip_gives_back_the_extraction(engine, sample_extraction):
    assert store_extraction(engine, sample_extraction) is Outcome.stored
    with Session(engine) as session:
        loaded = load_extraction(session, sample_extraction.document.id)
    assert loaded.to_json() == sample_extraction.to_json()


def test_write_row_counts_and_links(engine, sample_extraction):
    store_extraction(engine, sample_extraction)
    assert counts(engine) == {"documents": 1, "entities": 7, "mentions": 8, "claims": 4, "events": 2,
                              "event_participants": 3}
    with Session(engine) as session:
        denial = session.scalars(select(ClaimRow).where(ClaimRow.polarity == "negative")).one()
        assert (denial.subject.name, denial.relation, denial.object.name) == (
            "Ostrava", "supports", "Brotherhood of the Grey Lantern")
        assert (denial.source.name, denial.source_is_author, denial.cue) == ("Anton Brask", False, "denied")
        authored = session.scalars(select(ClaimRow).where(ClaimRow.relation == "leader_of")).one()
        assert (authored.source_id, authored.source_is_author) == (None, True)
        attack = session.scalars(select(EventRow).where(EventRow.type == "attack")).one()
        assert (attack.location.name, attack.killed, attack.wounded, attack.weapons) == ("Kessel", 12, 30,
                                                                                         ["car bomb"])
        doc = session.get(DocumentRow, sample_extraction.document.id)
        assert (doc.publication, doc.authors, doc.volume, doc.issue) == ("The Kessel Ledger", ["Mira Tolvanen"],
                                                                       "4", "11")


def test_write_same_content_twice_is_skipped(engine, sample_extraction):
    assert store_extraction(engine, sample_extraction) is Outcome.stored
    before = counts(engine)
    again = copy.deepcopy(sample_extraction)
    again.document.source = "elsewhere/copy.txt"  # same text, same id, another path
    assert store_extraction(engine, again) is Outcome.skipped
    assert counts(engine) == before
    with Session(engine) as session:
        assert session.get(DocumentRow, sample_extraction.document.id).source == "fixtures/grey_lantern_store.txt"


def test_write_force_replaces_the_rows(engine, sample_extraction):
    store_extraction(engine, sample_extraction)
    changed = copy.deepcopy(sample_extraction)
    changed.relations = changed.relations[:1]
    changed.events = []
    assert store_extraction(engine, changed, force=True) is Outcome.replaced
    assert counts(engine) == {"documents": 1, "entities": 7, "mentions": 8, "claims": 1, "events": 0,
                              "event_participants": 0}
    with Session(engine) as session:
        assert load_extraction(session, changed.document.id).to_json() == changed.to_json()
        fts_rows = indexed(session)
    assert fts_rows == 1


def test_write_force_on_a_new_document_stores_it(engine, sample_extraction):
    assert store_extraction(engine, sample_extraction, force=True) is Outcome.stored


def test_write_bad_reference_leaves_nothing_behind(engine, sample_extraction):
    broken = copy.deepcopy(sample_extraction)
    broken.relations[-1].object = "e99"
    with pytest.raises(StoreError) as caught:
        store_extraction(engine, broken)
    assert caught.value.code == "E402"
    assert "e99" in caught.value.message
    assert set(counts(engine).values()) == {0}
    with Session(engine) as session:
        assert indexed(session) == 0


def test_write_inside_an_open_session_uses_a_savepoint(engine, sample_extraction):
    with Session(engine) as session, session.begin():
        session.execute(select(func.count()).select_from(DocumentRow))
        assert store_extraction(session, sample_extraction) is Outcome.stored
        assert is_stored(session, sample_extraction.document.id)
    assert is_stored(engine, sample_extraction.document.id)


def test_write_deleting_a_document_cascades(engine, sample_extraction):
    store_extraction(engine, sample_extraction)
    with Session(engine) as session, session.begin():
        session.execute(text("DELETE FROM documents"))
    assert set(counts(engine).values()) == {0}
    with Session(engine) as session:
        for model in (EntityRow, MentionRow, ClaimRow, EventRow, EventParticipantRow):
            assert session.scalar(select(func.count()).select_from(model)) == 0
        assert indexed(session) == 0


@pytest.mark.parametrize(("query", "found"), [
    ("couriers", True),           # body text
    ("Valdorian highlands", True),  # title and body, every word must match
    ("BGL", True),                # entity alias
    ("Harmony Ministry", True),   # order does not matter
    ("zeppelin", False),
    ('"unbalanced quote AND (', False),  # user input is never parsed as FTS syntax
])
def test_write_fts_index_follows_the_document(engine, sample_extraction, query, found):
    store_extraction(engine, sample_extraction)
    with Session(engine) as session:
        hits = search_documents(session, query)
    assert [h["id"] for h in hits] == ([sample_extraction.document.id] if found else [])
