"""Curation through the web app on the demo store (both backends): roles (reader, analyst, admin), people's
tokens and sessions, claim review with its audit entry and /api/v1 twins, suggestions, merge and undo."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from twins import Twins

TOKEN = "cgtok_test-token"  # the admin token (CLAIMGRAPH_TOKEN) of tests/web/conftest.py
ADMIN = {"Authorization": f"Bearer {TOKEN}"}


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([0-9a-f]+)"', html).group(1)


@pytest.fixture(scope="module")
def analyst(client: TestClient) -> str:
    """An analyst's token, made by the admin through the API."""
    made = client.post("/api/v1/tokens", json={"name": "Ana Lyst", "role": "analyst"}, headers=ADMIN)
    assert made.status_code == 200, made.text
    assert made.json()["role"] == "analyst"
    return made.json()["token"]


def _first_claim(client: TestClient) -> dict:
    queue = client.get("/api/v1/review").json()
    assert queue["ok"] and queue["total"] > 0
    return queue["claims"][0]


def test_curation_pages_are_open_to_readers_but_writes_are_not(client: TestClient) -> None:
    client.cookies.clear()
    claim = _first_claim(client)
    for path in ("/review", "/audit", "/suggestions", f"/claims/{claim['id']}", "/entities/tolvesk/curation"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "Confirm</button>" not in page.text
    refused = client.post(f"/api/v1/claims/{claim['id']}/review", json={"action": "reject"})
    assert (refused.status_code, refused.json()["code"]) == (401, "E802")
    assert client.get("/tokens").status_code == 401
    assert client.get("/api/v1/tokens").status_code == 401


def test_curation_analyst_reviews_under_their_name_but_cannot_manage_tokens(client: TestClient, analyst: str):
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {analyst}"}
    claim = _first_claim(client)
    done = client.post(f"/api/v1/claims/{claim['id']}/review", json={"action": "reject", "note": "not in the text"},
                       headers=bearer)
    assert done.status_code == 200, done.text
    assert done.json()["claim"]["review"] == "rejected"
    twin = client.get(f"/api/v1/claims/{claim['id']}").json()
    assert twin["claim"]["review"] == "rejected"
    assert [(h["actor"], h["action"], h["note"]) for h in twin["history"]] == [
        ("Ana Lyst", "claim.reject", "not in the text")]
    log = client.get("/api/v1/audit", params={"actor": "Ana Lyst"}).json()
    assert log["total"] == 1 and log["entries"][0]["target"] == f"claim:{claim['id']}"
    audit = client.get("/audit").text
    assert "Ana Lyst" in audit
    from claimgraph.web.times import when
    assert when(log["entries"][0]["created"]) in audit  # the time in words, not ISO with microseconds
    assert client.get("/api/v1/tokens", headers=bearer).status_code == 403
    denied = client.post("/api/v1/tokens", json={"name": "Eve"}, headers=bearer)
    assert (denied.status_code, denied.json()["code"]) == (403, "E813")


def test_curation_analyst_session_reviews_with_htmx_and_ends_when_revoked(client: TestClient) -> None:
    client.cookies.clear()
    made = client.post("/api/v1/tokens", json={"name": "Cy Session", "role": "analyst"}, headers=ADMIN).json()
    login = client.post("/login", data={"token": made["token"], "next": "/review"})
    assert login.status_code == 200 and "signed in as Cy Session (analyst)" in login.text
    csrf = _csrf(login.text)
    claim = _first_claim(client)
    fragment = client.post(f"/claims/{claim['id']}/review", data={"csrf_token": csrf, "action": "confirm"},
                           headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert '<span class="review-state confirmed">confirmed</span>' in fragment.text
    assert "<html" not in fragment.text
    assert client.post("/api/v1/tokens/Cy Session/revoke", headers=ADMIN).json()["revoked"]
    assert "signed in as" not in client.get("/review").text
    again = client.post(f"/claims/{claim['id']}/review", data={"csrf_token": csrf, "action": "reject"})
    assert again.status_code == 401
    assert client.post("/api/v1/claims/1/review", json={"action": "confirm"},
                       headers={"Authorization": f"Bearer {made['token']}"}).status_code == 401


def test_curation_correct_form_and_claim_page(client: TestClient) -> None:
    client.cookies.clear()
    login = client.post("/login", data={"token": TOKEN, "next": "/review"})
    csrf = _csrf(login.text)
    claim = _first_claim(client)
    page = client.get(f"/claims/{claim['id']}")
    assert 'id="correct-form"' in page.text and "Save correction" in page.text
    saved = client.post(f"/claims/{claim['id']}/review", data={"csrf_token": csrf, "action": "correct",
                                                               "certainty": "possible", "note": "hedged"},
                        follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == f"/claims/{claim['id']}"
    twin = client.get(f"/api/v1/claims/{claim['id']}").json()
    assert (twin["claim"]["certainty"], twin["claim"]["review"]) == ("possible", "corrected")
    assert twin["history"][0]["before"]["certainty"] != "possible"
    bad = client.post(f"/api/v1/claims/{claim['id']}/review", json={"action": "correct", "relation": "knows"},
                      headers=ADMIN)
    assert (bad.status_code, bad.json()["code"]) == (422, "E509")


def test_curation_merge_from_dossier_then_undo(client: TestClient, name_twins: Twins) -> None:
    keep, twin, name = name_twins.keep, name_twins.twin, name_twins.name
    client.cookies.clear()
    login = client.post("/login", data={"token": TOKEN, "next": "/suggestions"})
    csrf = _csrf(login.text)
    suggestions = client.get("/api/v1/suggestions").json()["suggestions"]
    pair = next(s for s in suggestions if {s["a"]["id"], s["b"]["id"]} == {keep, twin})
    assert f"same name “{name}”" in pair["reasons"]
    panel = client.get(f"/entities/{keep}/curation", headers={"HX-Request": "true"})
    assert f"Merge {name} and {name}</button>" in panel.text and "<html" not in panel.text
    merged = client.post("/entities/merge", data={"csrf_token": csrf, "a": keep, "b": twin},
                         follow_redirects=False)
    assert merged.status_code == 303
    curation = client.get(f"/api/v1/entities/{keep}/curation").json()
    decision = curation["decisions"][0]
    assert decision["kind"] == "merge"
    assert client.get(f"/api/v1/entities/{twin}").status_code == 404
    undone = client.post(f"/api/v1/decisions/{decision['id']}/undo", headers=ADMIN)
    assert undone.status_code == 200, undone.text
    assert client.get(f"/api/v1/entities/{twin}").status_code == 200
    actions = [e["action"] for e in client.get("/api/v1/audit", params={"action": "entity"}).json()["entries"]]
    assert actions[:2] == ["entity.undo", "entity.merge"]


def test_curation_admin_token_page_shows_a_new_token_once(client: TestClient) -> None:
    client.cookies.clear()
    login = client.post("/login", data={"token": TOKEN, "next": "/tokens"})
    assert login.status_code == 200 and 'id="token-form"' in login.text
    made = client.post("/tokens", data={"csrf_token": _csrf(login.text), "name": "Dee New", "role": "admin"})
    token = re.search(r'id="new-token">([^<]+)<', made.text).group(1)
    assert token.startswith("cgtok_")
    assert token not in client.get("/tokens").text
    assert token not in client.get("/api/v1/tokens", headers=ADMIN).text
