"""Each query on the demo corpus (examples/, through the real pipeline), checked against what the articles say."""

from __future__ import annotations

import pytest

from claimgraph.analysis import communities, dossier, find_entity, find_paths, neighbours, rank, timeline
from claimgraph.errors import QueryError

EGA, TLF, AGC = "Eastern Gate Army", "Taldrun Liberation Front", "Ardent Guard Corps"


@pytest.mark.parametrize(("typed", "canonical"), [
    ("EGA", "eastern-gate-army"), ("the Eastern Gate Army", "eastern-gate-army"), ("TLF", "taldrun-liberation-front"),
    ("Brevdar", "oskan-brevdar"), ("AGC", "ardent-guard-corps"),
])
def test_demo_entity_found_by_any_name(demo, typed, canonical):
    assert find_entity(demo, typed).id == canonical


def test_demo_dossier_eastern_gate_army(demo):
    d = dossier(demo, "EGA")
    assert (d.name, d.type) == (EGA, "organization")
    assert {"EGA", EGA} <= set(d.aliases)
    leaders = {(e.subject, e.grade) for e in d.relations["leader_of"]}
    assert ("Oskan Brevdar", 1) in leaders  # five outlets say Brevdar leads the EGA
    [split] = [e for e in d.relations["split_from"] if e.object == TLF]
    assert (split.subject, split.grade, split.contradiction) == (EGA, 1, None)
    assert {c.publication for c in split.claims} >= {"The Meridian Review", "Anzhira Daily Courier"}
    assert all(c.evidence and c.document_id for c in split.claims)


def test_demo_path_brevdar_to_agc_through_the_tlf(demo):
    # The relation model also draws shortcuts (Brevdar "leads" the TLF: "the TLF splinter led by Brevdar"; known
    # model errors, README Known limits), so the story is asked for as an analyst would: by its kinds of link.
    result = find_paths(demo, "Oskan Brevdar", "Ardent Guard Corps", max_hops=3, min_certainty="probable", k=3,
                        relations=["leader_of", "split_from", "supports"])
    assert all(p.length <= 3 for p in result.paths)
    story = [p for p in result.paths if p.names == ["Oskan Brevdar", EGA, TLF, AGC]]
    assert len(story) == 1
    hops = story[0].hops
    assert [e.relation for e in hops[0].edges] == ["leader_of"]
    assert "split_from" in [e.relation for e in hops[1].edges]
    assert ("supports", 1) in [(e.relation, e.grade) for e in hops[2].edges]


def test_demo_path_needs_the_hops(demo):
    # at most a "possible" tie links them directly ("Talon Directorate officers kept their ties to Brevdar"); the
    # relation model also reads "he trained alongside them" as an alliance (README Known limits), so the story's
    # kinds of link are asked for
    story = ["leader_of", "split_from", "supports", "affiliated_with"]
    assert find_paths(demo, "Oskan Brevdar", AGC, max_hops=1, min_certainty="probable", relations=story).paths == []
    lengths = [p.length for p in find_paths(demo, "Oskan Brevdar", AGC, max_hops=3, k=5, min_certainty="probable",
                                             relations=story).paths]
    assert lengths == sorted(lengths) and lengths and max(lengths) <= 3 and min(lengths) >= 2


def test_demo_neighbours_of_the_talon_directorate(demo):
    result = neighbours(demo, "Talon Directorate", depth=1, relations=["part_of"])
    assert [n.name for n in result.neighbours] == [AGC, "Karvesh"]  # "the Talon Directorate of Karvesh"
    assert [(e["subject"], e["relation"], e["object"]) for e in result.edges] == [
        ("Talon Directorate", "part_of", AGC), ("Talon Directorate", "part_of", "Karvesh")]


def test_demo_timeline_of_the_ferryman(demo):
    events = [(i.what, i.date[:7]) for i in timeline(demo, "Sabir Tennoch") if i.kind == "event"]
    assert events[0] == ("designation", "2024-01")  # listed by the Concord in January 2024
    assert ("killing", "2024-06") in events  # killed by the gendarmerie in June 2024
    dates = [i.date for i in timeline(demo)]
    assert dates == sorted(dates)


def test_demo_rank_puts_the_tlf_first(demo):
    top = rank(demo, "degree", limit=3)
    assert top[0].name == TLF
    assert rank(demo, "pagerank", limit=1)[0].name == TLF


def test_demo_communities_keep_patrons_their_arms_and_allies_together(demo):
    # Which community a hub like the TLF joins moves with every edge; the blocs the articles describe do not.
    groups = communities(demo)
    [agc] = [g for g in groups if any(m["name"] == AGC for m in g.members)]
    # (the Tolvesk cell, trained by the Directorate but arrested in Amarand, sits between blocs and moves too; so
    # does Karvesh, the patron state, since the entity type model reads it as an organisation in two articles, no
    # place data knowing the fictional name, and its edges are split between two entities: README, Known limits)
    assert {"Talon Directorate", "Ferran Ashvali"} <= {m["name"] for m in agc.members}
    [ega] = [g for g in groups if any(m["name"] == EGA for m in g.members)]
    assert "Sable Covenant" in {m["name"] for m in ega.members}
    assert groups[0].size >= groups[-1].size


def test_demo_unknown_entity(demo):
    with pytest.raises(QueryError, match="unknown entity 'Nobody Anywhere'"):
        dossier(demo, "Nobody Anywhere")
