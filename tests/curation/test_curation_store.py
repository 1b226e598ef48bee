"""Merge suggestions, merge + undo, dismissals, tokens and near-duplicate stories in a real store (SQLite and
PostgreSQL), on hand-built fictional documents."""

from __future__ import annotations

import pytest
from curation_helpers import stored
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from claimgraph.analysis import dossier, resolve_network
from claimgraph.analysis.curation import decisions_for, dismiss_suggestion, merge_entities, undo_decision
from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.suggestions import merge_suggestions
from claimgraph.errors import QueryError
from claimgraph.extract.records import Claim, Entity, Evidence, Extraction, Mention
from claimgraph.ingest.document import Document, Metadata
from claimgraph.store.audit import Actor, audit_entries
from claimgraph.store.curation_models import TokenRow
from claimgraph.store.db import open_store
from claimgraph.store.resolution_models import CanonicalEntityRow, EdgeRow
from claimgraph.store.stories import BANDS, ROWS, also_published, lsh_banding
from claimgraph.store.tokens import create_token, find_by_token, list_tokens, revoke_token, token_digest

ANA = Actor("Ana Lyst", "analyst", 1)
BOSS = Actor("Bo Admin", "admin", 2)


def _pair_ids(suggestions) -> set[frozenset[str]]:
    return {frozenset((s.a["id"], s.b["id"])) for s in suggestions}


def _extraction(doc: str, publication: str, text_: str, names: list[tuple[str, str, str]],
                claims: list[tuple[str, str, str, str]]) -> Extraction:
    entities = [Entity(local, name, type_, [name], [Mention(text_.index(name), text_.index(name) + len(name), name)],
                       rule="test") for local, name, type_ in names]
    out = []
    for s, rel, o, sentence in claims:
        start = text_.index(sentence)
        out.append(Claim(s, rel, o, Evidence(sentence, start, start + len(sentence)), rule="test"))
    meta = Metadata(title=doc, publication=publication, published="2024-02-02")
    return Extraction(Document(text=text_, metadata=meta, source=f"{doc}.txt"), entities, out)


STORY = ("The Harrow Syndicate moved its money through the Port of Calvane last winter, according to customs "
         "records seen by reporters. The Harrow Syndicate supports the Calvane Dockers Union, the records show, "
         "with cash carried by couriers who crossed the harbour at night. Officials in Calvane declined to comment "
         "on the findings, and the union did not answer questions sent by email. The syndicate has been named in "
         "three earlier inquiries, none of which led to charges, and its leaders are said to live abroad.")
CLAIM = "The Harrow Syndicate supports the Calvane Dockers Union, the records show, with cash carried by couriers " \
        "who crossed the harbour at night."
NAMES = [("e1", "Harrow Syndicate", "organization"), ("e2", "Calvane Dockers Union", "organization")]


@pytest.fixture
def story_store(store_url):
    """One article, its re-post by another outlet (a header and footer added, lines re-wrapped) and an
    independent report of the same link."""
    repost = "Republished with permission.\n\n" + STORY.replace(". ", ".\n") + "\n\nShare this story with friends."
    other = "Harbour police say the Harrow Syndicate pays the Calvane Dockers Union. " + \
            "The Harrow Syndicate supports the Calvane Dockers Union, police told the Evening Lamp."
    engine = stored(store_url, [
        _extraction("original", "Calvane Courier", STORY, NAMES, [("e1", "supports", "e2", CLAIM)]),
        _extraction("repost", "Harbour Digest", repost, NAMES, [("e1", "supports", "e2", CLAIM.replace(". ", ".\n"))]),
        _extraction("other", "Evening Lamp", other, NAMES, [("e1", "supports", "e2", other.split(". ")[1])]),
    ])
    yield engine
    engine.dispose()


def test_stories_banding_is_what_datasketch_chooses():
    assert lsh_banding() == (BANDS, ROWS)


def test_stories_near_duplicates_count_as_one_source(story_store):
    with Session(story_store) as session:
        edge = session.scalars(select(EdgeRow).where(EdgeRow.relation == "supports")).one()
        assert (edge.n_claims, edge.n_documents, edge.n_sources) == (3, 3, 2)
        docs = dict(session.execute(text("SELECT title, id FROM documents")).all())
        also = also_published(session, list(docs.values()))
        assert [d["publication"] for d in also[docs["original"]]] == ["Harbour Digest"]
        assert [d["publication"] for d in also[docs["repost"]]] == ["Calvane Courier"]
        assert docs["other"] not in also
        claims = dossier(session, "Harrow Syndicate").relations["supports"][0].claims
        assert sorted((c.publication, tuple(c.also_published)) for c in claims) == [
            ("Calvane Courier", ("Harbour Digest",)), ("Evening Lamp", ()), ("Harbour Digest", ("Calvane Courier",))]


def test_merge_then_undo_restores_both_entities_and_logs_each_step(store):
    with Session(store) as session, session.begin():
        result = merge_entities(session, "orsk-holdings", "coastal-police", note="same front company",
                                lookup_refs=None, actor=ANA)
        merged = find_entity(session, "Coastal Police")
        assert merged.id == find_entity(session, "Orsk Holdings").id == result.entity_id
        assert [d["id"] for d in decisions_for(session, merged.id)] == [result.decision_id]
    with Session(store) as session, session.begin():
        undone = undo_decision(session, result.decision_id, actor=ANA, lookup_refs=None)
        assert find_entity(session, "Coastal Police").id != find_entity(session, "Orsk Holdings").id
        assert undone.kind == "undo merge"
        with pytest.raises(QueryError):
            undo_decision(session, result.decision_id, actor=ANA, lookup_refs=None)
    with Session(store) as session:
        actions = [e["action"] for e in audit_entries(session).entries]
        assert actions == ["entity.undo", "entity.merge"]
        assert audit_entries(session, action="entity").total == 2
        assert audit_entries(session, actor="Nobody").total == 0


@pytest.fixture
def twins_store(store_url):
    """"Marrow Point" read as a place in one article and as a group in another (so resolution keeps them
    apart), both tied to the Harrow Syndicate; and the Calvane Dockers Union, unrelated by name."""
    a = "Marrow Point sheltered the Harrow Syndicate for years. The Calvane Dockers Union stayed away."
    b = "Marrow Point, the armed crew, works for the Harrow Syndicate, officials said."
    engine = stored(store_url, [
        _extraction("a", "Calvane Courier", a, [
            ("e1", "Marrow Point", "place"), ("e2", "Harrow Syndicate", "organization"),
            ("e3", "Calvane Dockers Union", "organization")],
            [("e1", "supports", "e2", "Marrow Point sheltered the Harrow Syndicate for years.")]),
        _extraction("b", "Evening Lamp", b, [
            ("e1", "Marrow Point", "group"), ("e2", "Harrow Syndicate", "organization")],
            [("e1", "member_of", "e2", b)]),
    ])
    yield engine
    engine.dispose()


def test_suggestions_give_same_name_of_another_type_with_reasons(twins_store):
    with Session(twins_store) as session:
        twins = [e.id for e in session.scalars(select(CanonicalEntityRow).where(
            CanonicalEntityRow.name == "Marrow Point"))]
        assert len(twins) == 2
        found = merge_suggestions(session)
        assert _pair_ids(found) == {frozenset(twins)}
        reasons = found[0].reasons
        assert "same name “Marrow Point”" in reasons
        assert "1 shared neighbour: Harrow Syndicate" in reasons
        assert "types differ: group / place" in reasons or "types differ: place / group" in reasons
        assert _pair_ids(merge_suggestions(session, entity="harrow-syndicate")) == set()
        assert _pair_ids(merge_suggestions(session, entity=twins[0])) == {frozenset(twins)}


def test_dismissed_pair_is_not_suggested_again(twins_store):
    with Session(twins_store) as session:
        first = merge_suggestions(session)[0]
    with Session(twins_store) as session, session.begin():
        dismiss_suggestion(session, first.a["id"], first.b["id"], ANA)
    with Session(twins_store) as session, session.begin():
        resolve_network(session, lookup_refs=None)  # dismissals name members: they outlive re-resolution
    with Session(twins_store) as session:
        assert merge_suggestions(session) == []
        assert audit_entries(session, action="suggestion.dismiss").total == 1


def test_tokens_are_stored_hashed_and_revoked_by_name(store):
    with Session(store) as session, session.begin():
        row, plain = create_token(session, "  Ana   Lyst ", "analyst", BOSS)
        assert row.name == "Ana Lyst" and plain.startswith("cgtok_") and len(plain) > 40
        assert row.token_hash == token_digest(plain) and plain not in row.token_hash
        with pytest.raises(QueryError, match="already has an active token"):
            create_token(session, "Ana Lyst", "admin", BOSS)
        with pytest.raises(QueryError, match="unknown role"):
            create_token(session, "Cy", "reader", BOSS)
    with Session(store) as session, session.begin():
        assert find_by_token(session, plain).name == "Ana Lyst"
        assert find_by_token(session, plain + "x") is None
        revoke_token(session, "Ana Lyst", BOSS)
    with Session(store) as session:
        assert find_by_token(session, plain) is None
        assert [t.revoked is not None for t in list_tokens(session)] == [True]
        assert session.scalar(select(TokenRow.created_by)) == "Bo Admin"
        assert [e["action"] for e in audit_entries(session, action="token").entries] == ["token.revoke",
                                                                                         "token.create"]


def test_suggestions_for_one_entity_are_its_pairs_in_the_whole_list(demo_url):
    engine = open_store(demo_url)
    try:
        with Session(engine) as session:
            everything = merge_suggestions(session, limit=1000)
            assert len(everything) >= 5
            for entity in sorted({s.a["id"] for s in everything} | {s.b["id"] for s in everything}):
                mine = [(s.a["id"], s.b["id"], s.score, s.reasons) for s in merge_suggestions(session, entity=entity)]
                assert mine == [(s.a["id"], s.b["id"], s.score, s.reasons) for s in everything
                                if entity in (s.a["id"], s.b["id"])][:len(mine)], entity
    finally:
        engine.dispose()
