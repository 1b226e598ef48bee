"""Every read endpoint, page and JSON twin, over the demo corpus; escaping of article text; the error shape."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup

from claimgraph.web.highlight import ClaimMark, MentionMark, highlight

DEFACED = "Hackers deface Interior Ministry website"


def _doc_id(client: TestClient, title: str) -> str:
    docs = client.get("/api/v1/archive", params={"publication": None}).json()["documents"]
    matches = [d["id"] for d in docs if d["title"] == title]
    assert len(matches) == 1
    return matches[0]


def test_home_redirects_to_archive(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (302, "/archive")


def test_archive_api_lists_demo_documents_newest_first(client: TestClient) -> None:
    data = client.get("/api/v1/archive").json()
    assert data["ok"] is True
    assert data["total"] == 18
    assert data["pages"] == 1
    dates = [d["published"] for d in data["documents"] if d["published"]]
    assert dates == sorted(dates, reverse=True)
    assert {y["year"] for y in data["years"]} >= {"2023", "2024"}


def test_archive_filters_by_year_publication_and_author(client: TestClient) -> None:
    by_year = client.get("/api/v1/archive", params={"year": "2023"}).json()
    assert by_year["total"] > 0
    assert all(d["published"].startswith("2023") for d in by_year["documents"])
    meridian = client.get("/api/v1/archive", params={"publication": "The Meridian Review"}).json()
    assert meridian["total"] >= 1
    assert {d["publication"] for d in meridian["documents"]} == {"The Meridian Review"}
    by_author = client.get("/api/v1/archive", params={"author": "Corin Ashdale"}).json()
    assert "Smoke Over Tolvesk" in [d["title"] for d in by_author["documents"]]
    assert all("Corin Ashdale" in d["authors"] for d in by_author["documents"])
    assert by_author["total"] < 18
    part = client.get("/api/v1/archive", params={"author": "ashdale"}).json()  # part of the name, any case
    assert [d["id"] for d in part["documents"]] == [d["id"] for d in by_author["documents"]]


def test_archive_paginates(client: TestClient) -> None:
    from claimgraph.web.contexts import archive_context

    with client.app.state.sessions() as session:
        first = archive_context(session, page=1, per_page=5)
        fourth = archive_context(session, page=4, per_page=5)
    assert (first.pages, len(first.documents), len(fourth.documents)) == (4, 5, 3)


def test_archive_page_links_json_twin(client: TestClient) -> None:
    response = client.get("/archive", params={"year": "2024"})
    assert response.status_code == 200
    assert response.headers["link"] == '</api/v1/archive?year=2024>; rel="alternate"; type="application/json"'
    assert "Browse by year" in response.text


def test_reader_escapes_script_in_article_text(client: TestClient) -> None:
    doc_id = _doc_id(client, DEFACED)
    html = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert '<script>alert("x")</script>' not in html
    data = client.get(f"/api/v1/documents/{doc_id}").json()
    assert '<script>alert("x")</script>' in data["document"]["text"]


def test_reader_highlights_entities_and_claims(client: TestClient) -> None:
    doc_id = _doc_id(client, "Smoke Over Tolvesk")
    html = client.get(f"/documents/{doc_id}").text
    assert 'class="ent ent-organization" href="/entities/eastern-gate-army"' in html
    assert 'class="ev" data-claims="' in html
    assert "Volume" not in html or "vol. 8" in html
    assert "vol. 8 · issue 4" in html
    data = client.get(f"/api/v1/documents/{doc_id}").json()
    leads = [c for c in data["claims"] if c["relation"] == "leader_of" and c["object"] == "Eastern Gate Army"]
    assert leads and leads[0]["source"] == "author"
    assert f'id="claim-{leads[0]["id"]}"' in html


def test_reader_print_view(client: TestClient) -> None:
    doc_id = _doc_id(client, "Smoke Over Tolvesk")
    html = client.get(f"/documents/{doc_id}", params={"view": "print"}).text
    assert "print-view" in html
    assert 'id="claim-panel"' not in html


def test_highlight_escapes_every_slice() -> None:
    text = "<b>Acme</b> funds <i>Zed</i>."
    out = highlight(text, [MentionMark(3, 7, "acme", "Acme", "organization")],
                    [ClaimMark(1, 0, len(text), 'Acme supports "Zed"')])
    assert isinstance(out, Markup)
    assert "<b>" not in out and "<i>" not in out
    assert '&lt;b&gt;<' in out
    assert '<a class="ent ent-organization" href="/entities/acme"' in out
    assert 'title="Acme supports &#34;Zed&#34;"' in out


def test_dossier_page_and_twin(client: TestClient) -> None:
    data = client.get("/api/v1/entities/eastern-gate-army").json()
    entity = data["entity"]
    assert (entity["name"], entity["type"]) == ("Eastern Gate Army", "organization")
    assert "EGA" in entity["aliases"]
    leaders = [e["subject"] for e in entity["relations"]["leader_of"]]
    assert "Oskan Brevdar" in leaders
    assert data["exports"] == ["stix", "ftm", "graphml", "gexf", "csv"]
    html = client.get("/entities/eastern-gate-army").text
    assert "Oskan Brevdar" in html and 'id="mini-graph"' in html
    assert "/documents/" in html and "#claim-" in html


def test_dossier_by_name_and_unknown(client: TestClient) -> None:
    assert client.get("/api/v1/entities/EGA").json()["entity"]["id"] == "eastern-gate-army"
    response = client.get("/api/v1/entities/no-such-actor")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no-such-actor: unknown entity 'no-such-actor'",
                               "code": "E501", "status": 404}
    page = client.get("/entities/no-such-actor")
    assert page.status_code == 404 and "E501" in page.text


@pytest.mark.parametrize("fmt", ["stix", "ftm", "graphml", "gexf", "csv"])
def test_dossier_export_downloads(client: TestClient, fmt: str) -> None:
    response = client.get(f"/entities/eastern-gate-army/export/{fmt}")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert len(response.content) > 100


def test_graph_api_filters(client: TestClient) -> None:
    everything = client.get("/api/v1/graph").json()
    assert len(everything["nodes"]) > 10 and len(everything["edges"]) > 10
    ids = {n["id"] for n in everything["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in everything["edges"])
    leaders = client.get("/api/v1/graph", params={"relation": "leader_of"}).json()
    assert leaders["edges"] and {e["relation"] for e in leaders["edges"]} == {"leader_of"}
    certain = client.get("/api/v1/graph", params={"min_certainty": "certain"}).json()
    assert len(certain["edges"]) < len(everything["edges"])
    meridian = client.get("/api/v1/graph", params={"publication": "The Meridian Review"}).json()
    assert 0 < len(meridian["edges"]) < len(everything["edges"])
    early = client.get("/api/v1/graph", params={"date_to": "2023-01"}).json()
    assert len(early["edges"]) < len(everything["edges"])
    bad = client.get("/api/v1/graph", params={"relation": "likes"})
    assert (bad.status_code, bad.json()["code"]) == (404, "E502")


def test_graph_expand(client: TestClient) -> None:
    data = client.get("/api/v1/graph/expand", params={"id": "eastern-gate-army"}).json()
    assert data["nodes"][0]["id"] == "eastern-gate-army"
    assert "oskan-brevdar" in {n["id"] for n in data["nodes"]}


def test_graph_page_has_filters_and_canvas(client: TestClient) -> None:
    html = client.get("/graph").text
    assert 'id="cy"' in html and 'name="min_certainty"' in html and 'name="claimant"' in html


def test_paths_with_evidence_per_hop(client: TestClient) -> None:
    data = client.get("/api/v1/paths", params={"a": "Oskan Brevdar", "b": "Taldrun Liberation Front"}).json()
    paths = data["result"]["paths"]
    assert paths and paths[0]["nodes"][0] == "oskan-brevdar" and paths[0]["nodes"][-1] == "taldrun-liberation-front"
    assert all(h["edges"] and h["edges"][0]["claims"] for h in paths[0]["hops"])
    fragment = client.get("/paths", params={"a": "Oskan Brevdar", "b": "Taldrun Liberation Front"},
                          headers={"HX-Request": "true"}).text
    assert fragment.lstrip().startswith("<div class=\"path-result\"") or "path-result" in fragment
    assert "<html" not in fragment


def test_timeline_whole_and_by_entity(client: TestClient) -> None:
    everything = client.get("/api/v1/timeline").json()["items"]
    assert [i["date"] for i in everything] == sorted(i["date"] for i in everything)
    ega = client.get("/api/v1/timeline", params={"entity": "EGA"}).json()
    assert ega["entity_name"] == "Eastern Gate Army"
    assert 0 < len(ega["items"]) < len(everything)
    assert "Timeline: Eastern Gate Army" in client.get("/timeline", params={"entity": "EGA"}).text


def test_search_documents_and_names(client: TestClient) -> None:
    data = client.get("/api/v1/search", params={"q": "ferry"}).json()
    assert data["documents"] and all("snippet_html" not in d for d in data["documents"])
    names = client.get("/api/v1/search", params={"q": "Brevdar"}).json()["entities"]
    assert "oskan-brevdar" in {e["id"] for e in names}
    html = client.get("/search", params={"q": "script"}).text
    assert "<mark>script</mark>" in html
    assert "<script>alert" not in html
    fragment = client.get("/search", params={"q": "ferry"}, headers={"HX-Request": "true"}).text
    assert fragment.startswith('<div id="results">')


def test_read_pages_render(client: TestClient) -> None:
    for path in ("/watchlists", "/ingest", "/login", "/timeline", "/search"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")


def test_read_api_lists(client: TestClient) -> None:
    assert client.get("/api/v1/watchlists").json() == {"ok": True, "unread": 0, "watchlists": [], "alerts": []}
    assert client.get("/api/v1/feeds").json() == {"ok": True, "feeds": []}
    assert client.get("/api/v1/ingest").json()["max_upload"] == 4096


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/archive", "/api/v1/documents/{doc_id}", "/api/v1/entities/{entity_id}", "/api/v1/graph",
                 "/api/v1/paths", "/api/v1/timeline", "/api/v1/search", "/api/v1/watchlists", "/api/v1/uploads",
                 "/api/v1/feeds"):
        assert path in paths, path
