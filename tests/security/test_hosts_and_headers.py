"""Items 4 and 5: only trusted Host names are served; every response carries the security headers, and no page
holds inline script (the CSP allows scripts from our origin only)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.web.headers import host_name, trusted_hosts

TEMPLATES = Path(__file__).resolve().parents[2] / "claimgraph" / "web" / "templates"
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "[::2]:80"])
def test_untrusted_host_is_refused(client: TestClient, host: str) -> None:
    response = client.get("/archive", headers={"Host": host})
    assert response.status_code == 400
    assert "not served here" in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:80", "[::1]:8000", "testserver"])
def test_trusted_hosts_are_served(client: TestClient, host: str) -> None:
    assert client.get("/archive", headers={"Host": host}).status_code == 200


def test_trusted_hosts_default_to_bound_address_and_loopback() -> None:
    assert trusted_hosts("192.0.2.10") == ("127.0.0.1", "localhost", "::1", "192.0.2.10")
    assert trusted_hosts("0.0.0.0", ["archive.example"]) == ("127.0.0.1", "localhost", "::1", "archive.example")
    assert host_name("[::1]:8000") == "::1" and host_name("Example.org:81") == "example.org"


@pytest.mark.parametrize("path", ["/", "/archive", "/api/v1/archive", "/static/app.js", "/no-such-page",
                                  "/search?q=" + "a+" * 400])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def test_no_inline_script_in_templates() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not INLINE_HANDLER.search(text), template.name
        assert not INLINE_SCRIPT.search(text), template.name


def test_no_inline_script_in_rendered_pages(client: TestClient) -> None:
    doc = client.get("/api/v1/archive").json()["documents"][0]["id"]
    entity = client.get("/api/v1/search", params={"q": "Eastern"}).json()["entities"][0]["id"]
    for path in ("/", "/archive", f"/documents/{doc}", f"/entities/{entity}", "/graph", "/timeline", "/search",
                 "/watchlists", "/ingest", "/login"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not INLINE_HANDLER.search(response.text), path
        assert not INLINE_SCRIPT.search(response.text), path
        for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', response.text):
            assert src.startswith("/static/"), (path, src)
