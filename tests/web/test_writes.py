"""Writes: token and CSRF refusals, the origin check, login, watchlists and alerts, uploads, feeds, curation."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
TOKEN = "cgtok_test-token"  # as in tests/web/conftest.py

BEARER = {"Authorization": f"Bearer {TOKEN}"}
UPLOAD = FIXTURES / "articles" / "web_upload_brevdar.txt"


def test_write_without_token_is_refused(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post("/api/v1/watchlists", json={"kind": "phrase", "a": "ferry"})
    assert response.status_code == 401
    assert response.json()["code"] == "E802"
    assert client.post("/watchlists", data={"kind": "phrase", "a": "ferry"}).status_code == 401


def test_write_with_wrong_token_is_refused(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post("/api/v1/feeds", json={"url": "http://127.0.0.1:9/feed"},
                           headers={"Authorization": "Bearer cgtok_wrong"})
    assert (response.status_code, response.json()["code"]) == (401, "E802")


def test_login_with_wrong_token_is_refused(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post("/login", data={"token": "nope"})
    assert response.status_code == 401
    assert "cg_session" not in client.cookies
    browser = client.post("/login", data={"token": "nope", "next": "/review"}, headers={"Accept": "text/html"})
    assert browser.status_code == 401 and "cg_session" not in client.cookies
    assert 'role="alert"' in browser.text and "not valid" in browser.text
    assert '<input type="hidden" name="next" value="/review">' in browser.text  # the form again


def result_byline(client: TestClient, doc_id: str) -> str:
    """What an Atom entry should name as its author: the first author, else the publication."""
    doc = client.get(f"/api/v1/documents/{doc_id}").json()["document"]
    return (doc["authors"] or [doc["publication"]])[0]


def test_cookie_without_csrf_token_is_refused(logged_in: tuple[TestClient, str]) -> None:
    client, _csrf = logged_in
    response = client.post("/watchlists", data={"kind": "phrase", "a": "ferry"})
    assert response.status_code == 403
    assert "CSRF" in response.text
    response = client.post("/watchlists", data={"kind": "phrase", "a": "ferry", "csrf_token": "0" * 64})
    assert response.status_code == 403


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}])
def test_cross_site_post_is_refused_before_auth(logged_in: tuple[TestClient, str], headers: dict) -> None:
    client, csrf = logged_in
    response = client.post("/watchlists", data={"kind": "phrase", "a": "ferry", "csrf_token": csrf}, headers=headers)
    assert response.status_code == 403
    assert "refused" in response.text


def test_same_origin_form_with_csrf_creates_watchlist(logged_in: tuple[TestClient, str]) -> None:
    client, csrf = logged_in
    response = client.post("/watchlists", data={"kind": "phrase", "a": "car bomb", "csrf_token": csrf},
                           headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
                           follow_redirects=False)
    assert response.status_code == 303
    watch_id = int(response.headers["location"].rsplit("/", 1)[1])
    assert client.get(f"/api/v1/watchlists/{watch_id}").json()["watchlist"]["a"] == "car bomb"
    delete = client.post(f"/watchlists/{watch_id}/delete", data={"csrf_token": csrf}, follow_redirects=False)
    assert delete.status_code == 303
    assert client.get(f"/api/v1/watchlists/{watch_id}").status_code == 404


def test_logged_in_pages_carry_csrf_field(logged_in: tuple[TestClient, str]) -> None:
    client, csrf = logged_in
    html = client.get("/watchlists").text
    assert f'name="csrf_token" value="{csrf}"' in html


def test_login_next_stays_local(client: TestClient) -> None:
    response = client.post("/login", data={"token": TOKEN, "next": "//evil.example/x"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_watchlist_needs_known_entity(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post("/api/v1/watchlists", json={"kind": "entity", "a": "Nobody Known"}, headers=BEARER)
    assert (response.status_code, response.json()["code"]) == (404, "E501")
    response = client.post("/api/v1/watchlists", json={"kind": "pair", "a": "EGA"}, headers=BEARER)
    assert (response.status_code, response.json()["code"]) == (404, "E506")


def test_upload_raises_alerts_for_watchlists(client: TestClient) -> None:
    client.cookies.clear()
    entity = client.post("/api/v1/watchlists", json={"kind": "entity", "a": "Oskan Brevdar"}, headers=BEARER)
    assert entity.status_code == 201
    entity_id = entity.json()["watchlist"]["id"]
    pair = client.post("/api/v1/watchlists", json={"kind": "pair", "a": "Brevdar", "b": "EGA"}, headers=BEARER)
    phrase = client.post("/api/v1/watchlists", json={"kind": "phrase", "a": "Sefrin Valley"}, headers=BEARER)
    quiet = client.post("/api/v1/watchlists", json={"kind": "phrase", "a": "zeppelin"}, headers=BEARER)
    assert client.get("/api/v1/watchlists").json()["unread"] == 0

    with UPLOAD.open("rb") as handle:
        response = client.post("/api/v1/uploads", files={"files": ("../../escape.txt", handle, "text/plain")},
                               headers=BEARER)
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["stored"], result["failed"]) == (1, 0)
    assert result["alerts"] > 0

    lists = {w["id"]: w for w in client.get("/api/v1/watchlists").json()["watchlists"]}
    assert lists[entity_id]["unread"] > 0
    assert lists[pair.json()["watchlist"]["id"]]["unread"] > 0
    assert lists[phrase.json()["watchlist"]["id"]]["unread"] > 0
    assert lists[quiet.json()["watchlist"]["id"]]["unread"] == 0
    alerts = client.get(f"/api/v1/watchlists/{entity_id}").json()["alerts"]
    assert all(a["document_id"] == result["documents"][0]["id"] for a in alerts)
    assert any("Oskan Brevdar" in a["summary"] for a in alerts)

    page = client.get("/archive").text
    assert 'id="unread"' in page

    feed = client.get(f"/watchlists/{entity_id}/feed.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(alerts)
    assert root.findtext("{http://www.w3.org/2005/Atom}author/{http://www.w3.org/2005/Atom}name") == "claimgraph"
    byline = result_byline(client, result["documents"][0]["id"])
    assert all(e.findtext("{http://www.w3.org/2005/Atom}author/{http://www.w3.org/2005/Atom}name") == byline
               for e in entries)

    marked = client.post(f"/api/v1/watchlists/{entity_id}/read", headers=BEARER).json()
    assert marked == {"ok": True, "marked": len(alerts)}
    assert client.get(f"/api/v1/watchlists/{entity_id}").json()["watchlist"]["unread"] == 0

    again = client.post("/api/v1/uploads", files={"files": ("again.txt", UPLOAD.read_bytes(), "text/plain")},
                        headers=BEARER).json()
    assert (again["skipped"], again["alerts"]) == (1, 0)
    assert again["documents"][0]["name"] == "again.txt"
    assert again["documents"][0]["title"] == client.get(
        f"/api/v1/documents/{again['documents'][0]['id']}").json()["document"]["title"]


def test_uploads_stay_in_the_data_folder(client: TestClient, settings) -> None:  # noqa: ANN001
    uploads = list((settings.data_dir / "uploads").iterdir())
    assert uploads and all(p.parent == settings.data_dir / "uploads" for p in uploads)
    assert not (settings.data_dir.parent / "escape.txt").exists()
    assert all(len(p.name) == 32 and p.is_dir() for p in uploads)  # a generated folder per upload
    names = {f.name for p in uploads for f in p.iterdir()}
    assert "escape.txt" in names  # the client's name, without its folders


def test_upload_too_large_is_refused(client: TestClient) -> None:
    response = client.post("/api/v1/uploads", files={"files": ("big.txt", b"x" * 5000, "text/plain")},
                           headers=BEARER)
    assert (response.status_code, response.json()["code"]) == (400, "E151")


def test_upload_form_with_csrf(logged_in: tuple[TestClient, str]) -> None:
    client, csrf = logged_in
    text = b"Lanterns over Vashmere\n\nThe Vashmere Rowing Club said on Monday that it had opened a new boathouse.\n"
    response = client.post("/ingest/upload", data={"csrf_token": csrf}, files={"files": ("note.txt", text)})
    assert response.status_code == 200
    assert "1 stored" in response.text


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed_server():
    handler = partial(_Quiet, directory=str(EXAMPLES / "feeds"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_feed_subscription_and_poll(client: TestClient, settings, feed_server: str) -> None:  # noqa: ANN001
    from dataclasses import replace

    client.app.state.settings = replace(settings, allow_private_feeds=True)  # the feed server is on loopback
    try:
        _subscribe_and_poll(client, settings, feed_server)
    finally:
        client.app.state.settings = settings


def _subscribe_and_poll(client: TestClient, settings, feed_server: str) -> None:  # noqa: ANN001
    from claimgraph.web.feeds import poll_due
    from claimgraph.web.fetch import AddressPolicy

    client.cookies.clear()
    bad = client.post("/api/v1/feeds", json={"url": "file:///etc/passwd"}, headers=BEARER)
    assert (bad.status_code, bad.json()["code"]) == (400, "E153")
    url = f"{feed_server}/frontline-ledger.rss"
    response = client.post("/api/v1/feeds", json={"url": url, "interval": 3600}, headers=BEARER)
    assert response.status_code == 201
    assert response.json()["feed"]["interval"] == 3600
    local = AddressPolicy(allow_private=True)
    assert poll_due(client.app.state.engine, Path(settings.data_dir), settings.max_upload * 100, local) == 1
    feed = client.get("/api/v1/feeds").json()["feeds"][0]
    assert feed["last_status"].startswith("ok:")
    assert poll_due(client.app.state.engine, Path(settings.data_dir), settings.max_upload * 100, local) == 0


def test_merge_and_split_need_token(client: TestClient) -> None:
    client.cookies.clear()
    assert client.post("/api/v1/entities/merge", json={"a": "EGA", "b": "TLF"}).status_code == 401
    assert client.post("/api/v1/entities/eastern-gate-army/split", json={"doc": "0"}).status_code == 401


def test_merge_with_token(client: TestClient) -> None:
    response = client.post("/api/v1/entities/merge", json={"a": "Rella Ostrany", "b": "Alvis Durnovan"},
                           headers=BEARER)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["kind"] == "merge"
    merged = client.get(f"/api/v1/entities/{data['entity_id']}").json()["entity"]
    assert {"Rella Ostrany", "Alvis Durnovan"} <= set(merged["aliases"]) | {merged["name"]}
