"""Incremental resolution gives the network a full rebuild gives: same canonical entities and ids, same
members, aliases, explanations and edges, whatever order the documents arrive in, with analyst decisions
recorded before the documents they name, and after merges and splits an analyst makes on a resolved store
(applied incrementally too). Corpora: the fictional network fixtures (on SQLite and PostgreSQL) and the demo
corpus (extracted once), and the gold annotations of ../shared/eval dev + train when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.curation import merge_entities, split_entity
from claimgraph.analysis.resolution import resolve_documents, resolve_network
from claimgraph.extract.records import Claim, Entity, Evidence, Extraction
from claimgraph.resolve import Decision
from claimgraph.store.db import open_store
from claimgraph.store.resolution import add_decision, pending_documents
from claimgraph.store.write import store_extraction

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"

SNAPSHOT = {
    "canonical": "SELECT id, name, name_key, type, aliases, refs, n_documents, degree, slug, n_members, first_member "
                 "FROM canonical_entities ORDER BY id",
    "members": "SELECT doc_id, local_id, canonical_id FROM entities ORDER BY doc_id, local_id",
    "aliases": "SELECT alias_key, canonical_id FROM canonical_aliases ORDER BY alias_key, canonical_id",
    "links": "SELECT canonical_id, member_a, member_b, rule, score, detail FROM resolution_links "
             "ORDER BY canonical_id, member_a, member_b, rule",
    "edges": "SELECT subject_id, relation, object_id, n_claims, n_documents, n_sources, n_denials, max_certainty, "
             "grade, contradiction, first_date, last_date FROM edges ORDER BY subject_id, relation, object_id",
}


def snapshot(engine) -> dict[str, list[tuple]]:
    with Session(engine) as session:
        return {name: [tuple(r) for r in session.execute(text(sql))] for name, sql in SNAPSHOT.items()}


def ingest_incrementally(engine, extractions: list[Extraction], batches: list[int]) -> None:
    """Store the documents in this order, resolving incrementally after each batch (sizes cycle)."""
    i, b = 0, 0
    while i < len(extractions):
        size = max(1, batches[b % len(batches)]) if batches else 1
        for extraction in extractions[i:i + size]:
            store_extraction(engine, extraction)
        i, b = i + size, b + 1
        with Session(engine) as session, session.begin():
            summary = resolve_documents(session, pending_documents(session), lookup_refs=None)
            assert summary.mode == "incremental"


def assert_incremental_equals_full(tmp_path: Path, extractions: list[Extraction], order: list[int],
                                   batches: list[int], decisions: list[Decision], url: str | None = None) -> None:
    engine = open_store(url or f"sqlite:///{tmp_path / 'inc.db'}")
    try:
        with Session(engine) as session, session.begin():
            for decision in decisions:
                add_decision(session, decision)
        ingest_incrementally(engine, [extractions[i] for i in order], batches)
        incremental = snapshot(engine)
        with Session(engine) as session, session.begin():
            resolve_network(session, lookup_refs=None)
        full = snapshot(engine)
    finally:
        engine.dispose()
    assert incremental["canonical"], "nothing was resolved"
    for part in SNAPSHOT:
        if incremental[part] != full[part]:  # a short diff: pytest's own diff of thousands of rows takes minutes
            only_inc = sorted(set(incremental[part]) - set(full[part]))[:5]
            only_full = sorted(set(full[part]) - set(incremental[part]))[:5]
            pytest.fail(f"{part}: incremental only {only_inc}; full only {only_full}")


def _orders(n: int):
    return st.permutations(list(range(n)))


_batches = st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=4)
_settings = settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))


@given(order=_orders(6), batches=_batches)
@_settings
def test_incremental_fixture_network_equals_full(tmp_path_factory, network_extractions, backend, order, batches):
    decisions = [Decision("split", "Velmar Liberation Front", document_id=network_extractions[1].document.id,
                          keys_a=(), id=1)]
    assert_incremental_equals_full(tmp_path_factory.mktemp("inc"), network_extractions, order, batches, decisions,
                                   backend.empty())


@pytest.fixture(scope="module")
def demo_extractions() -> list[Extraction]:
    """The demo corpus through the real pipeline, once."""
    from claimgraph.extract.pipeline import extract_documents
    from claimgraph.ingest.sources import iter_inputs, read_source

    documents = [d for source in iter_inputs([str(EXAMPLES)]) for d in read_source(source)]
    unique = list({d.id: d for d in documents}.values())
    return list(extract_documents(unique))


def _demo_decisions(extractions: list[Extraction]) -> list[Decision]:
    """A merge and a split as an analyst would type them, naming documents not yet ingested."""
    by_name = {}
    for x in extractions:
        for e in x.entities:
            by_name.setdefault(e.name, f"{x.document.id}:{e.id}")
    people = sorted(n for x in extractions for e in x.entities if e.type == "person" for n in [e.name])
    orgs = sorted(n for x in extractions for e in x.entities if e.type == "organization" for n in [e.name])
    split_doc = next(x.document.id for x in extractions if any(e.name == orgs[0] for e in x.entities))
    return [Decision("merge", people[0], people[-1], keys_a=(by_name[people[0]],), keys_b=(by_name[people[-1]],),
                     id=1),
            Decision("split", orgs[0], document_id=split_doc, id=2)]


@given(data=st.data())
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
def test_incremental_demo_corpus_equals_full(tmp_path_factory, demo_extractions, data):
    order = data.draw(_orders(len(demo_extractions)))
    batches = data.draw(_batches)
    assert_incremental_equals_full(tmp_path_factory.mktemp("demo"), demo_extractions, order, batches,
                                   _demo_decisions(demo_extractions))


def _decide(engine, data) -> str:
    """One analyst decision drawn at random on the resolved store, applied as the CLI applies it (merge of two
    canonical entities, or split of one document's members out of an entity named in several)."""
    with Session(engine) as session:
        ids = list(session.scalars(text("SELECT id FROM canonical_entities ORDER BY id")))
        several = list(session.scalars(text("SELECT id FROM canonical_entities WHERE n_documents > 1 ORDER BY id")))
    kind = data.draw(st.sampled_from(["merge", "split"] if several else ["merge"]))
    with Session(engine) as session, session.begin():
        if kind == "merge":
            a, b = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            result = merge_entities(session, a, b, lookup_refs=None)
        else:
            entity = data.draw(st.sampled_from(several))
            docs = list(session.scalars(text("SELECT DISTINCT doc_id FROM entities WHERE canonical_id = :c "
                                             "ORDER BY doc_id"), {"c": entity}))
            result = split_entity(session, entity, data.draw(st.sampled_from(docs)), lookup_refs=None)
    return result.summary.mode


def assert_decisions_incremental_equal_full(engine, data, n_decisions: int) -> None:
    for _ in range(n_decisions):
        assert _decide(engine, data) == "incremental"
        incremental = snapshot(engine)
        with Session(engine) as session, session.begin():
            resolve_network(session, lookup_refs=None)
        full = snapshot(engine)
        for part in SNAPSHOT:
            assert incremental[part] == full[part], part


@pytest.mark.issue(11)
@given(data=st.data())
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_incremental_decisions_on_fixture_network_equal_full(network_extractions, backend, data):
    engine = open_store(backend.empty())
    try:
        ingest_incrementally(engine, network_extractions, [2])
        assert_decisions_incremental_equal_full(engine, data, 3)
    finally:
        engine.dispose()


@pytest.mark.issue(11)
@given(data=st.data())
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
def test_incremental_decisions_on_demo_corpus_equal_full(tmp_path_factory, demo_extractions, data):
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('demodec') / 'inc.db'}")
    try:
        ingest_incrementally(engine, [demo_extractions[i] for i in data.draw(_orders(len(demo_extractions)))],
                             [4])
        assert_decisions_incremental_equal_full(engine, data, 4)
    finally:
        engine.dispose()


def _gold_extraction(folder: Path, name: str) -> Extraction:
    """A gold annotation as an extraction (what resolution sees), evidence found in the text."""
    from claimgraph.ingest.sources import read_source

    document = read_source(str(folder / f"{name}.txt"))[0]
    gold = json.loads((folder / f"{name}.gold.json").read_text(encoding="utf-8"))
    def first(value):  # gold accepts alternatives ("state" or "place"); the first is the preferred one
        return value[0] if isinstance(value, list) else value

    entities = [Entity(e["id"], e["name"], first(e["type"]), list(e.get("aliases") or []))
                for e in gold["entities"]]
    known = {e.id for e in entities}
    claims = []
    for r in gold["relations"]:
        objects = r["object"] if isinstance(r["object"], list) else [r["object"]]
        subjects = r["subject"] if isinstance(r["subject"], list) else [r["subject"]]
        evidence = r["evidence"] if isinstance(r["evidence"], str) else r["evidence"].get("text", "")
        start = max(document.text.find(evidence), 0)
        source = r.get("source") or "author"
        source = first(source)
        if source != "author" and source not in known:
            source = "author"
        rel_type, certainty, polarity = first(r["type"]), first(r.get("certainty")), first(r.get("polarity"))
        for s in subjects:
            for o in objects:
                if s in known and o in known:
                    claims.append(Claim(s, rel_type, o, Evidence(evidence, start, start + len(evidence)), source,
                                        certainty or "certain", polarity or "positive", "gold"))
    return Extraction(document=document, entities=entities, relations=claims, events=[])


@pytest.fixture(scope="module")
def gold_extractions() -> list[Extraction]:
    out = []
    for split in ("dev", "train"):
        folder = SHARED / "eval" / split
        for path in sorted(folder.glob("*.gold.json")):
            out.append(_gold_extraction(folder, path.name[: -len(".gold.json")]))
    return list({x.document.id: x for x in out}.values())


@pytest.mark.skipif(not (SHARED / "eval" / "train").exists(), reason="needs ../shared/eval (gold dev + train)")
@given(data=st.data())
@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck),
          phases=(Phase.generate,))  # shrinking a 224-document permutation would not end; the diff says enough
def test_incremental_gold_corpus_equals_full(tmp_path_factory, gold_extractions, data):
    order = data.draw(_orders(len(gold_extractions)))
    batches = data.draw(st.lists(st.integers(min_value=5, max_value=60), min_size=1, max_size=4))
    assert_incremental_equals_full(tmp_path_factory.mktemp("gold"), gold_extractions, order, batches, [])
