"""References from the sanctions list: a fictional index, and the real list loaded by path (names never typed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.resolve import EntityRecord, resolve_entities
from claimgraph.resolve.gazetteer import RefIndex, load_ref_index

SHARED_LIST = Path(__file__).resolve().parents[3] / "shared" / "data" / "un-sc-consolidated-list-2020-11-30.xml"
needs_list = pytest.mark.skipif(not SHARED_LIST.exists(), reason="../shared/data is not beside the repo")


def _rec(doc: str, name: str, type_: str, *aliases: str) -> EntityRecord:
    return EntityRecord(f"{doc}:e1", doc, name, type_, (name, *aliases))


def test_gazetteer_alias_and_name_get_one_reference_and_merge():
    index = RefIndex([("ZZi.007", "person", ["Tarvo Mennick Ostrander", "Abu Selka"]),
                      ("ZZe.001", "organization", ["Harrow Valley Brigade", "HVB"])])
    records = [_rec("d1", "Tarvo Ostrander", "person", "Abu Selka"), _rec("d2", "Tarvo Mennick Ostrander", "person"),
               _rec("d3", "HVB", "organization")]
    assert index(records[0]) == ["ZZi.007"]
    assert index(records[2]) == []  # a bare acronym is too short to trust
    clusters = resolve_entities(records, lookup_refs=index)
    merged = [c for c in clusters if len(c.members) == 2]
    assert [(c.name, c.refs, c.links[0].rule) for c in merged] == [("Tarvo Mennick Ostrander", ["ZZi.007"],
                                                                     "gazetteer")]


def test_gazetteer_type_must_fit():
    index = RefIndex([("ZZe.002", "organization", ["Harrow Valley Brigade"])])
    assert index(_rec("d1", "Harrow Valley Brigade", "place")) == []
    assert index(_rec("d1", "the Harrow Valley Brigade", "group")) == ["ZZe.002"]


@needs_list
def test_gazetteer_real_list_finds_a_listed_name_by_path():
    from claimgraph.extract.entities.gazetteer import parse_list

    listed = next(r for r in parse_list(Path(SHARED_LIST)) if r.type == "person" and len(r.name.split()) >= 2)
    index = load_ref_index(str(SHARED_LIST))
    assert listed.ref in index(_rec("d1", listed.name, "person"))
