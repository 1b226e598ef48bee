"""Resolution over hand-made records of fictional actors: which entities merge, by which rule, and what stays apart."""

from __future__ import annotations

import re

import pytest

from claimgraph.resolve import Decision, EntityRecord, resolve_entities


def _rec(doc: str, local: str, name: str, type_: str, *aliases: str, refs: tuple[str, ...] = ()) -> EntityRecord:
    return EntityRecord(key=f"{doc}:{local}", document_id=doc, name=name, type=type_,
                        aliases=(name, *aliases), refs=refs)


def _by_member(clusters):
    return {m.key: c for c in clusters for m in c.members}


def test_clusters_acronym_joins_full_name_across_documents():
    records = [
        _rec("d1", "vlf", "Velmar Liberation Front", "organization"),
        _rec("d2", "vlf", "VLF", "organization"),
    ]
    clusters = resolve_entities(records)
    assert len(clusters) == 1
    assert clusters[0].name == "Velmar Liberation Front"
    assert clusters[0].id == "velmar-liberation-front"
    assert clusters[0].aliases == ["Velmar Liberation Front", "VLF"]
    assert clusters[0].documents == ["d1", "d2"]
    assert [(lk.rule, lk.score) for lk in clusters[0].links] == [("acronym", 0.95)]


def test_clusters_surname_joins_full_name_across_documents():
    records = [
        _rec("d1", "idris_kovac", "Idris Kovac", "person"),
        _rec("d2", "kovac", "Gen. Kovac", "person"),
    ]
    clusters = resolve_entities(records)
    assert [c.name for c in clusters] == ["Idris Kovac"]
    assert [(lk.rule, lk.detail) for lk in clusters[0].links] == [("surname", "kovac = Idris Kovac")]


def test_clusters_ambiguous_surname_stays_alone():
    records = [
        _rec("d1", "idris_kovac", "Idris Kovac", "person"),
        _rec("d2", "mara_kovac", "Mara Kovac", "person"),
        _rec("d3", "kovac", "Kovac", "person"),
    ]
    clusters = resolve_entities(records)
    assert sorted(c.name for c in clusters) == ["Idris Kovac", "Kovac", "Mara Kovac"]


def test_clusters_type_constraint_keeps_person_and_place_apart():
    records = [_rec("d1", "orlan", "Orlan", "person"), _rec("d2", "orlan", "Orlan", "place")]
    assert len(resolve_entities(records)) == 2


def test_clusters_exact_name_and_title_are_one_person():
    records = [_rec("d1", "a", "Sheikh Tarek Bellami", "person"), _rec("d2", "b", "Tarek Bellami", "person")]
    [cluster] = resolve_entities(records)
    assert [(lk.rule, lk.score) for lk in cluster.links] == [("name", 1.0)]


def test_clusters_fuzzy_spelling_variant():
    records = [_rec("d1", "a", "Abu Karim al-Tahiri", "person"), _rec("d2", "b", "Abu Kareem al-Tahiri", "person")]
    [cluster] = resolve_entities(records)
    assert cluster.links[0].rule == "fuzzy"
    assert cluster.links[0].score == 0.923


def test_clusters_shared_reference_merges_and_is_kept():
    records = [_rec("d1", "a", "Harun Selk", "person", refs=("XXi.001",)),
               _rec("d2", "b", "Abu Selim", "person", refs=("XXi.001",))]
    [cluster] = resolve_entities(records)
    assert cluster.refs == ["XXi.001"]
    assert cluster.links[0].rule == "gazetteer"


def test_clusters_lookup_attaches_reference():
    records = [_rec("d1", "a", "Harun Selk", "person")]
    [cluster] = resolve_entities(records, lookup_refs=lambda r: ["XXi.002"] if r.name == "Harun Selk" else [])
    assert cluster.refs == ["XXi.002"]


def test_clusters_analyst_merge_and_split_replay():
    records = [
        _rec("d1", "a", "Nadir Osk", "person"),
        _rec("d2", "b", "The Lantern", "person"),
        _rec("d1", "c", "Orsk Brigade", "organization"),
        _rec("d3", "c", "Orsk Brigade", "organization"),
    ]
    decisions = [
        Decision("merge", "Nadir Osk", "The Lantern", keys_a=("d1:a",), keys_b=("d2:b",), id=1),
        Decision("split", "Orsk Brigade", document_id="d3", id=2),
    ]
    clusters = resolve_entities(records, decisions)
    owner = _by_member(clusters)
    assert owner["d1:a"] is owner["d2:b"]
    assert owner["d1:a"].links[0].rule == "analyst"
    assert owner["d1:c"] is not owner["d3:c"]
    ids = sorted(c.id for c in clusters)
    assert ids[:2] == ["nadir-osk", "orsk-brigade"]  # the first member key decides a tie: d1:c
    assert owner["d1:c"].id == "orsk-brigade"
    assert re.fullmatch(r"orsk-brigade-[0-9a-f]{8}", owner["d3:c"].id)


def test_clusters_qualified_organisation_name():
    records = [_rec("d1", "a", "Karvani Ministry of Roads and Rails", "organization"),
               _rec("d2", "b", "Ministry of Roads and Rails", "organization")]
    [cluster] = resolve_entities(records)
    assert [(lk.rule, lk.detail) for lk in cluster.links] == [
        ("qualifier", "ministry of roads and rails < Karvani Ministry of Roads and Rails")]


def test_clusters_bare_name_with_two_qualified_owners_stays_alone():
    records = [_rec("d1", "a", "Karvani Ministry of Roads and Rails", "organization"),
               _rec("d2", "a", "Ostrian Ministry of Roads and Rails", "organization"),
               _rec("d3", "b", "Ministry of Roads and Rails", "organization")]
    assert len(resolve_entities(records)) == 3


@pytest.mark.parametrize(("name", "merged"), [("the cell", False), ("14 suspects", False),
                                              ("VLF fighters", True), ("so-called Orsk cell", True)])
def test_clusters_unnamed_groups_stay_per_document(name, merged):
    records = [_rec("d1", "g", name, "group"), _rec("d2", "g", name, "group")]
    assert len(resolve_entities(records)) == (1 if merged else 2)


def test_clusters_bare_alias_of_one_qualified_name_does_not_join_another():
    records = [_rec("d1", "a", "Ostrian Ministry of Roads", "organization", "Ministry of Roads"),
               _rec("d2", "b", "Ministry of Roads", "organization"),
               _rec("d3", "c", "Karvani Ministry of Roads", "organization")]
    clusters = resolve_entities(records)
    assert sorted(c.name for c in clusters) == ["Karvani Ministry of Roads", "Ostrian Ministry of Roads"]


def test_clusters_head_word_joins_only_within_its_document():
    records = [_rec("d1", "a", "Sable Covenant", "organization"), _rec("d1", "b", "Covenant", "organization"),
               _rec("d2", "a", "Harrow Covenant", "organization")]
    clusters = resolve_entities(records)
    assert [(c.name, len(c.members)) for c in clusters] == [("Harrow Covenant", 1), ("Sable Covenant", 2)]
    assert [lk.rule for lk in clusters[1].links] == ["short_form"]
    assert len(resolve_entities([records[0], _rec("d2", "b", "Covenant", "organization")])) == 2


def test_clusters_a_city_is_not_the_short_name_of_a_place_in_it():
    records = [_rec("d1", "a", "Christmas market in Valdreth", "place"), _rec("d1", "b", "Valdreth", "place")]
    assert len(resolve_entities(records)) == 2


def test_clusters_nickname_and_type_noise_on_a_full_name():
    records = [_rec("d1", "a", 'Tavik "the Shepherd" Morrandel', "person"),
               _rec("d2", "a", "Tavik Morrandel", "organization"),
               _rec("d3", "a", "Tavik Morrandel", "person"),
               _rec("d4", "a", "Morrandel", "person")]
    [cluster] = resolve_entities(records)
    assert (cluster.name, cluster.type) == ("Tavik Morrandel", "person")
    assert sorted(lk.rule for lk in cluster.links) == ["name", "name", "surname"]


def test_clusters_single_word_name_keeps_type_constraint():
    records = [_rec("d1", "a", "Orlan", "person"), _rec("d2", "a", "Orlan", "organization")]
    assert len(resolve_entities(records)) == 2


def test_clusters_trailing_of_qualifier():
    records = [_rec("d1", "a", "Roads Guard Corps of Karvan", "organization"),
               _rec("d2", "a", "Roads Guard Corps", "organization")]
    [cluster] = resolve_entities(records)
    assert [lk.rule for lk in cluster.links] == ["qualifier"]


def test_clusters_writer_hedge_is_not_part_of_the_name():
    records = [_rec("d1", "a", "so-called Orsk cell", "group"), _rec("d2", "a", "Orsk cell", "group")]
    [cluster] = resolve_entities(records)
    assert cluster.name == "Orsk cell"
    assert [lk.rule for lk in cluster.links] == ["name"]


def test_clusters_one_word_place_and_organisation_are_one_referent_typed_by_majority():
    records = [_rec("d1", "a", "Vessmir", "place"), _rec("d2", "a", "Vessmir", "place"),
               _rec("d3", "a", "Vessmir", "organization")]
    [cluster] = resolve_entities(records)
    assert (cluster.name, cluster.type, [lk.rule for lk in cluster.links]) == ("Vessmir", "place", ["name", "name"])


def test_clusters_one_word_all_caps_forms_keep_the_type_constraint():
    records = [_rec("d1", "a", "VESSMIR", "place"), _rec("d2", "a", "VESSMIR", "organization")]
    assert len(resolve_entities(records)) == 2
