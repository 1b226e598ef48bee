"""Web fixtures: the app over a private copy of the demo store (on each backend), a TestClient, and a
logged-in browser client."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from claimgraph.web import WebSettings, create_app

TOKEN = "cgtok_test-token"


@pytest.fixture(scope="module")
def web_db(backend, demo_template: str) -> str:
    """One copy of the demo store per test module and backend, so writes in one module do not leak into another."""
    return backend.copy(demo_template)


@pytest.fixture(scope="module")
def settings(web_db: str, tmp_path_factory: pytest.TempPathFactory) -> WebSettings:
    return WebSettings(db_url=web_db, data_dir=tmp_path_factory.mktemp("web") / "data", token=TOKEN,
                       secret="s" * 64, max_upload=4096, poll=False,
                       trusted_hosts=("testserver", "127.0.0.1", "localhost"))


@pytest.fixture(scope="module")
def client(settings: WebSettings) -> TestClient:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


@pytest.fixture
def logged_in(client: TestClient) -> tuple[TestClient, str]:
    """The client logged in with the token, and the CSRF token its forms carry."""
    response = client.post("/login", data={"token": TOKEN, "next": "/ingest"})
    assert response.status_code == 200
    return client, csrf_of(response.text)
