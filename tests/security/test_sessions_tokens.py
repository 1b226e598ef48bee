"""Item 9: logout revokes the session, wrong tokens are throttled per address, short tokens are refused, and the
store and the data folders are created owner-only."""

from __future__ import annotations

import re
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.errors import ClaimgraphError
from claimgraph.store.db import open_store
from claimgraph.web import WebSettings, create_app
from claimgraph.web.ingestion import upload_path
from claimgraph.web.security import MAX_FAILURES, load_token

TOKEN = "cgtok_security-test-token-0123456789"  # the token of conftest.settings


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert found
    return found.group(1)


def test_logout_revokes_the_session(settings: WebSettings, tmp_path: Path) -> None:
    with TestClient(create_app(replace(settings, data_dir=tmp_path / "data"))) as client:
        page = client.post("/login", data={"token": TOKEN, "next": "/watchlists"})
        csrf, cookie = _csrf(page.text), client.cookies.get("cg_session")
        ok = client.post("/watchlists", data={"kind": "phrase", "a": "boathouse", "csrf_token": csrf},
                         follow_redirects=False)
        assert ok.status_code == 303
        assert client.post("/logout", follow_redirects=False).status_code == 303
        client.cookies.set("cg_session", cookie)  # the old cookie, kept and replayed
        replay = client.post("/watchlists", data={"kind": "phrase", "a": "again", "csrf_token": csrf})
        assert replay.status_code == 401
    with TestClient(create_app(replace(settings, data_dir=tmp_path / "data"))) as restarted:
        restarted.cookies.set("cg_session", cookie)  # revocation survives a restart
        assert restarted.post("/watchlists", data={"kind": "phrase", "a": "x", "csrf_token": csrf}).status_code == 401


def test_wrong_tokens_are_throttled(settings: WebSettings, tmp_path: Path) -> None:
    with TestClient(create_app(replace(settings, data_dir=tmp_path / "data"))) as client:
        for i in range(MAX_FAILURES):
            wrong = client.post("/api/v1/feeds", json={"url": "http://x.test/"},
                                headers={"Authorization": f"Bearer wrong-{i}"})
            assert wrong.status_code == 401
        blocked = client.post("/api/v1/watchlists", json={"kind": "phrase", "a": "x"},
                              headers={"Authorization": f"Bearer {TOKEN}"})
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
        assert blocked.json()["code"] == "E810"
        assert client.post("/login", data={"token": TOKEN}).status_code == 429


def test_short_env_token_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMGRAPH_TOKEN", "short-token")
    with pytest.raises(ClaimgraphError, match="at least 32"):
        load_token(tmp_path)
    monkeypatch.setenv("CLAIMGRAPH_TOKEN", "x" * 32)
    assert load_token(tmp_path) == ("x" * 32, False)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_store_and_folders_are_owner_only(settings: WebSettings, tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    open_store(f"sqlite:///{db}").dispose()
    assert _mode(db) == 0o600
    data = tmp_path / "fresh-data"
    create_app(replace(settings, db_url=f"sqlite:///{db}", data_dir=data))
    assert _mode(data) == 0o700
    assert _mode(upload_path(data, "a.txt").parent) == 0o700
    token, created = load_token(tmp_path / "other-data")
    assert created and len(token) >= 32 and _mode(tmp_path / "other-data" / "token") == 0o600
    assert _mode(tmp_path / "other-data") == 0o700
