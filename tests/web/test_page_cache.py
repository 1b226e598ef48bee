"""The anonymous page cache: repeated reads are served from memory, any write empties it at once, and a
logged-in reader (whose forms carry a CSRF token) is never served a cached page."""

from __future__ import annotations

from fastapi.testclient import TestClient

from claimgraph.web import cache

BEARER = {"Authorization": "Bearer cgtok_test-token"}  # as in tests/web/conftest.py


def test_cached_read_is_emptied_by_a_write(client: TestClient) -> None:
    client.cookies.clear()
    before = client.get("/api/v1/watchlists").json()
    generation = cache._current[0]
    assert client.get("/api/v1/watchlists").json() == before
    assert cache._current[0] == generation  # a read does not empty the cache
    made = client.post("/api/v1/watchlists", json={"kind": "phrase", "a": "boathouse cache"}, headers=BEARER)
    assert made.status_code == 201
    after = client.get("/api/v1/watchlists").json()
    assert after != before  # the write is visible at once, not after the cache's lifetime


def test_logged_in_pages_are_not_cached(logged_in: tuple[TestClient, str]) -> None:
    client, csrf = logged_in
    page = client.get("/ingest").text
    assert csrf in page
    client.cookies.clear()
    assert csrf not in client.get("/ingest").text
