"""Claim review on the fictional network, on SQLite and PostgreSQL: what confirm, reject and correct do to edges
and grades, that reviews are replayed when a document is extracted again (also when its entities are numbered
differently), the audit log, and the review queue's order."""

from __future__ import annotations

import dataclasses

import pytest
from curation_helpers import claim_id
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimgraph.analysis import resolve_network
from claimgraph.analysis.claims import all_claims
from claimgraph.analysis.review import review_claim, review_queue
from claimgraph.errors import QueryError
from claimgraph.store.audit import Actor, audit_entries
from claimgraph.store.models import ClaimRow
from claimgraph.store.resolution_models import EdgeRow
from claimgraph.store.write import store_extraction

ANA = Actor("Ana Lyst", "analyst", 1)
FUNDS = "Orsk Holdings funds the Velmar"


def _edge(session: Session, s: str, rel: str, o: str) -> EdgeRow | None:
    return session.scalar(select(EdgeRow).where(EdgeRow.subject_id == s, EdgeRow.relation == rel,
                                                EdgeRow.object_id == o))


def test_review_reject_takes_claim_out_of_the_network_and_logs_it(store):
    with Session(store) as session, session.begin():
        before = _edge(session, "orsk-holdings", "supports", "velmar-liberation-front")
        assert (before.n_sources, before.grade) == (2, 1)
        cid = claim_id(session, FUNDS)
        result = review_claim(session, cid, "reject", ANA, "a misreading")
    with Session(store) as session:
        after = _edge(session, "orsk-holdings", "supports", "velmar-liberation-front")
        assert (after.n_sources, after.grade) == (1, 3)  # only the wire story is left
        assert cid not in {c.id for c in all_claims(session)}
        log = audit_entries(session, target=f"claim:{cid}")
        assert log.total == 1
        entry = log.entries[0]
        assert (entry["actor"], entry["role"], entry["action"], entry["note"]) == (
            "Ana Lyst", "analyst", "claim.reject", "a misreading")
        assert entry["before"]["review"] is None and entry["after"]["review"] == "rejected"
    assert result.edges_refreshed == 1


def test_review_confirm_marks_claim_and_keeps_it(store):
    with Session(store) as session, session.begin():
        cid = claim_id(session, FUNDS)
        review_claim(session, cid, "confirm", ANA)
    with Session(store) as session:
        view = next(c for c in all_claims(session) if c.id == cid)
        assert view.review == "confirmed"
        assert _edge(session, "orsk-holdings", "supports", "velmar-liberation-front").n_sources == 2


def test_review_correct_changes_relation_end_source_and_certainty(store):
    with Session(store) as session, session.begin():
        cid = claim_id(session, "Kovac may lead the front")
        review_claim(session, cid, "correct", ANA, relation="member_of", source="author", certainty="probable")
    with Session(store) as session:
        row = session.get(ClaimRow, cid)
        assert (row.relation, row.source_id, row.certainty, row.review) == ("member_of", None, "probable",
                                                                           "corrected")
        assert _edge(session, "idris-kovac", "member_of", "velmar-liberation-front") is not None
        leads = _edge(session, "idris-kovac", "leader_of", "velmar-liberation-front")
        assert leads.n_claims == 1 and leads.contradiction is None  # the hedged rival claim moved away
    with Session(store) as session, session.begin():
        review_claim(session, cid, "correct", ANA, object="Police")  # by name: the document's entity
    with Session(store) as session:
        assert _edge(session, "idris-kovac", "member_of", "police") is not None


@pytest.mark.parametrize("action, fields, message", [
    ("approve", {}, "unknown review"),
    ("correct", {}, "must change"),
    ("correct", {"relation": "knows"}, "unknown relation"),
    ("correct", {"certainty": "sure"}, "unknown certainty"),
    ("correct", {"subject": "Nobody Known"}, "names no entity"),
])
def test_review_refuses_bad_decisions(store, action, fields, message):
    with Session(store) as session:
        cid = claim_id(session, FUNDS)
        with pytest.raises(QueryError, match=message):
            review_claim(session, cid, action, ANA, **fields)


def test_review_unknown_claim_is_a_query_error(store):
    with Session(store) as session, pytest.raises(QueryError) as found:
        review_claim(session, 999_999, "confirm", ANA)
    assert found.value.code == "E508"


def test_reviews_are_replayed_when_the_document_is_extracted_again(store, network):
    with Session(store) as session, session.begin():
        review_claim(session, claim_id(session, FUNDS), "reject", ANA)
        review_claim(session, claim_id(session, "Kovac may lead"), "correct", ANA, certainty="probable")
    for extraction in (network[0], network[5]):
        store_extraction(store, extraction, force=True)
    with Session(store) as session, session.begin():
        resolve_network(session, lookup_refs=None)
    with Session(store) as session:
        rejected = session.scalars(select(ClaimRow).where(ClaimRow.evidence_text.startswith(FUNDS))).one()
        corrected = session.scalars(select(ClaimRow).where(ClaimRow.evidence_text.startswith("Kovac may"))).one()
        assert (rejected.review, corrected.review, corrected.certainty) == ("rejected", "corrected", "probable")
        assert _edge(session, "orsk-holdings", "supports", "velmar-liberation-front").n_sources == 1


def test_reviews_find_their_claim_by_names_when_entities_are_renumbered(store, network):
    with Session(store) as session, session.begin():
        review_claim(session, claim_id(session, FUNDS), "reject", ANA)
    first = network[0]
    renumber = {"e1": "e7", "e2": "e8"}
    entities = [dataclasses.replace(e, id=renumber[e.id]) for e in first.entities]
    claims = [dataclasses.replace(c, subject=renumber[c.subject], object=renumber[c.object])
              for c in first.relations]
    store_extraction(store, dataclasses.replace(first, entities=entities, relations=claims), force=True)
    with Session(store) as session:
        row = session.scalars(select(ClaimRow).where(ClaimRow.evidence_text.startswith(FUNDS))).one()
        assert row.review == "rejected"


def test_review_queue_puts_contradictions_then_weak_grades_first(store):
    with Session(store) as session:
        queue = review_queue(session, per_page=50)
        assert queue.total == len(queue.claims) and queue.reviewed == 0
        order = [(c["contradiction"] is None, -c["grade"]) for c in queue.claims]
        assert order == sorted(order)
        assert queue.claims[0]["contradiction"] is not None
    with Session(store) as session, session.begin():
        first = queue.claims[0]["id"]
        review_claim(session, first, "confirm", ANA)
    with Session(store) as session:
        again = review_queue(session, per_page=50)
        assert (again.total, again.reviewed) == (queue.total - 1, 1)
        assert first not in {c["id"] for c in again.claims}
