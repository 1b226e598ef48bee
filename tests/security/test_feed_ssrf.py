"""Item 3: feed subscriptions and fetches never reach internal addresses unless --allow-private-feeds is on;
every redirect and every connection is checked, and the response is capped in size."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from claimgraph.errors import IngestError
from claimgraph.web.fetch import AddressPolicy, FeedURLError, address_refusal, check_feed_url, fetch_feed

BEARER = {"Authorization": "Bearer cgtok_security-test-token-0123456789"}  # the token of conftest.settings
RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Notes</title><item><title>Boathouse'
       b'</title><description>The Vashmere Rowing Club opened a boathouse on Monday.</description></item>'
       b'</channel></rss>')

INTERNAL = ["http://127.0.0.1:9/feed.xml", "http://169.254.169.254/latest/meta-data/", "http://[::1]/feed",
            "http://0.0.0.0/", "http://2130706433/feed", "http://0x7f.1/feed", "http://localhost/feed",
            "http://10.1.2.3/", "http://192.168.0.1/", "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/",
            "http://100.64.0.1/"]


@pytest.mark.parametrize("url", INTERNAL)
def test_subscribing_an_internal_address_is_refused(client: TestClient, url: str) -> None:
    response = client.post("/api/v1/feeds", json={"url": url}, headers=BEARER)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "E153"
    assert "internal address" in response.json()["error"] or "resolve" in response.json()["error"]


def test_private_feeds_allowed_by_the_setting(client: TestClient, settings) -> None:  # noqa: ANN001
    client.app.state.settings = replace(settings, allow_private_feeds=True)
    try:
        response = client.post("/api/v1/feeds", json={"url": "http://127.0.0.1:9/allowed.xml"}, headers=BEARER)
    finally:
        client.app.state.settings = settings
    assert response.status_code == 201


@pytest.mark.parametrize(("address", "refused"), [
    ("127.0.0.1", True), ("10.0.0.8", True), ("172.16.5.4", True), ("169.254.1.1", True), ("fe80::1", True),
    ("::1", True), ("fc00::1", True), ("240.0.0.1", True), ("::ffff:10.0.0.1", True), ("8.8.8.8", False),
    ("2001:4860:4860::8888", False),
])
def test_address_classes(address: str, refused: bool) -> None:
    assert (address_refusal(address) is not None) is refused


def test_redirect_to_an_internal_address_is_not_followed(local_server) -> None:  # noqa: ANN001
    base, routes = local_server
    port = base.rsplit(":", 1)[1]
    routes["/feed.xml"] = (302, {"Location": f"http://127.0.0.2:{port}/secret"}, b"")
    routes["/secret"] = (200, {}, RSS)
    only_this_server = AddressPolicy(allowed=frozenset({"127.0.0.1"}))  # 127.0.0.2 stays internal
    with pytest.raises(FeedURLError, match="internal address"):
        fetch_feed(f"{base}/feed.xml", 100_000, only_this_server)


def test_redirect_chain_is_bounded(local_server) -> None:  # noqa: ANN001
    base, routes = local_server
    routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(IngestError, match="redirects"):
        fetch_feed(f"{base}/loop", 100_000, AddressPolicy(allow_private=True))


def test_dns_rebinding_is_caught_at_connect_time(local_server) -> None:  # noqa: ANN001
    base, routes = local_server
    routes["/feed.xml"] = (200, {}, RSS)
    port = int(base.rsplit(":", 1)[1])
    # public for the URL check, loopback when the socket opens; no socket is ever opened to the public address
    answers = [["93.184.216.34"], ["127.0.0.1"]]

    def rebinding(host: str, port: int) -> list[str]:
        return answers.pop(0) if len(answers) > 1 else answers[0]

    policy = AddressPolicy(resolve=rebinding)
    with pytest.raises(IngestError, match="fetch failed: .*internal address"):
        fetch_feed(f"http://feeds.rebind.test:{port}/feed.xml", 100_000, policy)
    assert answers == [["127.0.0.1"]]  # resolved twice: once by the URL check, once at connect time


def test_response_size_is_capped(local_server) -> None:  # noqa: ANN001
    base, routes = local_server
    routes["/big.xml"] = (200, {}, RSS + b" " * 50_000)
    policy = AddressPolicy(allow_private=True)
    assert fetch_feed(f"{base}/big.xml", 100_000, policy).startswith(b"<?xml")
    with pytest.raises(IngestError, match="larger than"):
        fetch_feed(f"{base}/big.xml", 10_000, policy)


def test_check_feed_url_needs_http_and_a_host() -> None:
    for url in ("file:///etc/passwd", "gopher://x/", "http://", "ftp://example.org/f"):
        with pytest.raises(FeedURLError):
            check_feed_url(url, AddressPolicy(allow_private=True))
