"""The graph shows the evidence, events and time, dossier and reader (issue 13, sections 2-4), over the demo store."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

FICTIONAL_LIST = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "fictional-un-list.xml"
EGA, OSKAN, TLF = "eastern-gate-army", "oskan-brevdar", "taldrun-liberation-front"


def _doc_id(client: TestClient, title: str) -> str:
    docs = client.get("/api/v1/archive").json()["documents"]
    return next(d["id"] for d in docs if d["title"] == title)


# --- graph -------------------------------------------------------------------------------------------------------

def test_graph_edges_carry_grade_certainty_and_sources_with_a_legend(client: TestClient) -> None:
    edges = client.get("/api/v1/graph").json()["edges"]
    assert {e["certainty"] for e in edges} <= {"certain", "probable", "possible", "unknown"}
    assert {e["grade"] for e in edges} >= {1, 3}
    assert all(e["sources"] >= 1 for e in edges)
    html = client.get("/graph").text
    assert 'class="legend"' in html and "cannot be judged" in html and 'class="line probable"' in html


@pytest.mark.issue(13)
def test_graph_edge_shows_its_claims_linked_to_the_reader(client: TestClient) -> None:
    data = client.get("/api/v1/graph/edge", params={"s": OSKAN, "r": "leader_of", "o": EGA}).json()["edge"]
    assert (data["subject"], data["relation"], data["object"]) == ("Oskan Brevdar", "leader_of", "Eastern Gate Army")
    assert data["grade"] == 1 and len(data["claims"]) >= 2
    assert all(c["evidence"] and c["certainty"] and c["source"] for c in data["claims"])
    fragment = client.get("/graph/edge", params={"s": OSKAN, "r": "leader_of", "o": EGA},
                          headers={"HX-Request": "true"}).text
    assert "<html" not in fragment and "grade 1: confirmed" in fragment
    first = data["claims"][0]
    assert f'/documents/{first["document_id"]}#claim-{first["id"]}' in fragment
    missing = client.get("/api/v1/graph/edge", params={"s": OSKAN, "r": "trains", "o": EGA})
    assert (missing.status_code, missing.json()["code"]) == (404, "E520")


@pytest.mark.issue(13)
def test_graph_expand_keeps_the_filters(client: TestClient) -> None:
    everything = client.get("/api/v1/graph/expand", params={"id": EGA}).json()
    leaders = client.get("/api/v1/graph/expand", params={"id": EGA, "relation": "leader_of"}).json()
    assert {e["relation"] for e in leaders["edges"]} == {"leader_of"}
    assert OSKAN in {n["id"] for n in leaders["nodes"]} and len(leaders["nodes"]) < len(everything["nodes"])
    confirmed = client.get("/api/v1/graph/expand", params={"id": EGA, "max_grade": 1}).json()
    assert confirmed["edges"] and all(e["grade"] == 1 for e in confirmed["edges"])
    meridian = client.get("/api/v1/graph/expand", params={"id": EGA, "publication": "The Meridian Review"}).json()
    assert 0 < len(meridian["edges"]) < len(everything["edges"])
    assert "relation=leader_of" in leaders["query"]


@pytest.mark.issue(13)
def test_path_finder_keeps_the_filters(client: TestClient) -> None:
    plain = client.get("/api/v1/paths", params={"a": "Oskan Brevdar", "b": "Taldrun Liberation Front"}).json()
    assert plain["result"]["paths"][0]["length"] == 1
    no_leaders = client.get("/api/v1/paths", params={"a": "Oskan Brevdar", "b": "Taldrun Liberation Front",
                                                     "relation": ["affiliated_with", "supports"]}).json()
    relations = {e["relation"] for p in no_leaders["result"]["paths"] for h in p["hops"] for e in h["edges"]}
    assert no_leaders["result"]["paths"] and relations <= {"affiliated_with", "supports"}
    html = client.get("/graph", params={"relation": "leader_of"}).text
    assert '<input type="hidden" name="relation" value="leader_of">' in html


def test_graph_export_is_what_the_screen_shows(client: TestClient) -> None:
    shown = client.get("/api/v1/graph", params={"relation": "leader_of"}).json()["edges"]
    body = client.get("/graph/export/csv", params={"relation": "leader_of"})
    assert body.headers["content-disposition"] == 'attachment; filename="graph-filtered-csv.zip"'
    with zipfile.ZipFile(io.BytesIO(body.content)) as archive:
        edges_file = next(n for n in archive.namelist() if "edges" in n)
        rows = archive.read(edges_file).decode().strip().splitlines()[1:]
    assert len(rows) == len(shown) and all("leader_of" in row for row in rows)
    certain = {"min_certainty": "certain", "expand": EGA}
    expanded = client.get("/api/v1/graph", params=certain).json()["edges"]
    graphml = client.get("/graph/export/graphml", params=certain).text
    assert 0 < graphml.count("<edge ") == len(expanded)


@pytest.mark.issue(13)
def test_downloads_name_each_format_by_its_extension(client: TestClient) -> None:
    names = {}
    for fmt in ("stix", "ftm", "graphml", "gexf", "csv"):
        disposition = client.get(f"/entities/{EGA}/export/{fmt}").headers["content-disposition"]
        names[fmt] = re.search(r'filename="([^"]+)"', disposition).group(1)
    assert names == {"stix": f"{EGA}.stix.json", "ftm": f"{EGA}.ftm.json", "graphml": f"{EGA}.graphml",
                     "gexf": f"{EGA}.gexf", "csv": f"{EGA}-csv.zip"}
    assert client.get("/graph/export/stix").headers["content-disposition"].endswith('"graph.stix.json"')


# --- timeline ----------------------------------------------------------------------------------------------------

@pytest.mark.issue(13)
def test_timeline_groups_reports_and_filters_by_type(client: TestClient) -> None:
    attacks = client.get("/api/v1/timeline", params={"type": "attack"}).json()
    assert attacks["items"] and {i["what"] for i in attacks["items"]} == {"attack"}
    anzhira = [i for i in attacks["items"] if i["location"] == "Anzhira" and i["date"] == "2024-02"]
    assert len(anzhira) == 1 and anzhira[0]["killed"] == 11 and len(anzhira[0]["sources"]) == 2
    claims = client.get("/api/v1/timeline", params={"type": "claim"}).json()
    assert claims["types"] == ["claim"] and all(i["kind"] == "claim" for i in claims["items"])  # no event
    html = client.get("/timeline", params={"type": "attack"}).text
    assert 'id="timeline-vis"' in html and 'data-src="/api/v1/timeline?type=attack"' in html
    assert "11 killed" in html and html.count('<ul class="sources">') == len(attacks["items"])
    bad = client.get("/api/v1/timeline", params={"type": "picnic"})
    assert (bad.status_code, bad.json()["code"]) == (404, "E502")


def test_timeline_of_one_entity_keeps_its_incidents_with_all_reports(client: TestClient) -> None:
    ega = client.get("/api/v1/timeline", params={"entity": "EGA", "type": "attack"}).json()
    assert ega["entity_name"] == "Eastern Gate Army"
    assert any(len(i["sources"]) == 2 and i["location"] == "Anzhira" for i in ega["items"])


# --- dossier -----------------------------------------------------------------------------------------------------

@pytest.mark.issue(13)
def test_dossier_summary_separates_list_references_from_designating_bodies(client: TestClient) -> None:
    entity = client.get(f"/api/v1/entities/{EGA}").json()["entity"]
    assert {b["name"] for b in entity["designated_by"]} >= {"Norvaine"}
    assert entity["refs"] == [] and entity["first_seen"] <= entity["last_seen"]
    assert entity["top_relations"][0]["grade"] == 1 and len(entity["top_relations"]) == 5
    html = client.get(f"/entities/{EGA}").text
    assert '<dd class="list-refs">none</dd>' in html
    assert re.search(r'class="designated-by"><a href="/entities/norvaine">Norvaine</a>', html)
    assert f"{len(entity['documents'])} documents from {entity['publications']} publications" in html
    assert 'class="top-relations"' in html


def test_dossier_sorts_and_folds_relation_groups(client: TestClient) -> None:
    by_name = client.get(f"/api/v1/entities/{TLF}", params={"sort": "name"}).json()["entity"]["relations"]
    others = [(e["object"] if e["subject_id"] == TLF else e["subject"]).casefold() for e in by_name["member_of"]]
    assert others == sorted(others)
    by_grade = client.get(f"/api/v1/entities/{TLF}").json()["entity"]["relations"]["member_of"]
    assert [e["grade"] for e in by_grade] == sorted(e["grade"] for e in by_grade)
    folded = client.get(f"/entities/{TLF}", params={"show": 2}).text
    groups = client.get(f"/api/v1/entities/{TLF}").json()["entity"]["relations"]
    long_groups = {rel: len(edges) for rel, edges in groups.items() if len(edges) > 2}
    assert "member_of" in long_groups  # the demo's TLF has many members and splinters
    for rel, n in long_groups.items():
        assert f"Show {n - 2} more {rel} links" in folded
    default = client.get(f"/entities/{TLF}").text  # five links per relation before the fold
    for rel, edges in groups.items():
        assert (f"Show {len(edges) - 5} more {rel} links" in default) == (len(edges) > 5)
    bad = client.get(f"/api/v1/entities/{TLF}", params={"sort": "colour"})
    assert (bad.status_code, bad.json()["code"]) == (404, "E502")


def test_dossier_lists_incidents_with_casualties_and_reports(client: TestClient) -> None:
    data = client.get(f"/api/v1/entities/{EGA}").json()
    anzhira = [i for i in data["incidents"] if i["location"] == "Anzhira" and i["type"] == "attack"]
    assert anzhira and anzhira[0]["killed"] == 11 and anzhira[0]["documents"] == 2
    html = client.get(f"/entities/{EGA}").text
    assert "11 killed" in html and "weapons: bomb" in html


def test_dossier_watch_button(logged_in: tuple[TestClient, str]) -> None:
    client, csrf = logged_in
    html = client.get("/entities/sable-covenant").text
    assert 'id="watch-entity"' in html
    created = client.post("/watchlists", data={"kind": "entity", "a": "sable-covenant", "name": "Sable Covenant",
                                               "csrf_token": csrf}, follow_redirects=False)
    assert created.status_code == 303
    watch_id = int(created.headers["location"].rsplit("/", 1)[1])
    assert f'href="/watchlists/{watch_id}" id="watching"' in client.get("/entities/sable-covenant").text
    client.post(f"/watchlists/{watch_id}/delete", data={"csrf_token": csrf})
    client.post("/logout", data={"csrf_token": csrf})
    assert "Log in to watch this entity" in client.get("/entities/sable-covenant").text


def test_sanctions_entry_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.settings import get_settings

    monkeypatch.setenv("CLAIMGRAPH_GAZETTEER", str(FICTIONAL_LIST))
    get_settings.cache_clear()
    try:
        entry = client.get("/api/v1/sanctions/TDi.007").json()["entry"]
        assert (entry["name"], entry["listed_on"], entry["aliases"]) == ("OSKAN BREVDAR", "2023-03-09",
                                                                          ["The Ferryman"])
        assert "Commander of the Eastern Gate Army" in client.get("/sanctions/TDi.007").text
        missing = client.get("/api/v1/sanctions/TDi.999")
        assert (missing.status_code, missing.json()["code"]) == (404, "E521")
    finally:
        get_settings.cache_clear()


# --- reader ------------------------------------------------------------------------------------------------------

@pytest.mark.issue(13)
def test_claim_panel_has_grade_dossiers_and_the_links_other_claims(client: TestClient) -> None:
    doc_id = _doc_id(client, "Smoke Over Tolvesk")
    claims = client.get(f"/api/v1/documents/{doc_id}").json()["claims"]
    lead = next(c for c in claims if c["relation"] == "leader_of" and c["object"] == "Eastern Gate Army")
    data = client.get("/api/v1/claims", params={"id": lead["id"]}).json()["claims"][0]
    assert data["grade"] == 1 and data["subject_id"] == OSKAN and data["object_id"] == EGA
    assert data["others"] and all(o["id"] != lead["id"] for o in data["others"])
    panel = client.get("/claims", params={"id": lead["id"]}, headers={"HX-Request": "true"}).text
    assert "grade 1: confirmed" in panel and f'href="/entities/{OSKAN}"' in panel and "other claims" in panel
    assert client.get("/api/v1/claims", params={"id": 10**9}).json()["code"] == "E522"


@pytest.mark.issue(13)
def test_reader_views_are_distinct_and_claims_reachable_by_keyboard(client: TestClient) -> None:
    doc_id = _doc_id(client, "Smoke Over Tolvesk")
    full = client.get(f"/documents/{doc_id}").text
    single = client.get(f"/documents/{doc_id}", params={"view": "single"}).text
    printed = client.get(f"/documents/{doc_id}", params={"view": "print"}).text
    assert 'class="reader full-view"' in full and 'class="reader single-view"' in single
    assert 'class="ev"' in single and 'id="claim-panel"' in single
    assert 'class="ev"' not in printed and 'class="print-notes"' in printed and 'id="print-page"' in printed
    assert 'id="print-page"' not in full
    assert re.search(r'<span class="ev" data-claims="[\d ]+" tabindex="0"', full)
    assert 'class="jump" href="#claim-' in full and 'class="linkish open-claim"' in full


def test_reader_events_show_casualties_and_weapons(client: TestClient) -> None:
    doc_id = _doc_id(client, "Smoke Over Tolvesk")
    events = client.get(f"/api/v1/documents/{doc_id}").json()["events"]
    deadly = [e for e in events if e["killed"]]
    assert deadly and all(isinstance(e["weapons"], list) for e in events)
    html = client.get(f"/documents/{doc_id}").text
    assert f'{deadly[0]["killed"]} killed' in html
