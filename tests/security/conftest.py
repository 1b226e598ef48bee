"""Fixtures for the hostile-input tests: the web app over a copy of the demo store, and a local HTTP server.

Every server these tests talk to listens on a loopback address of this machine; nothing leaves it.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimgraph.web import WebSettings, create_app

TOKEN = "cgtok_security-test-token-0123456789"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def settings(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> WebSettings:
    target = tmp_path_factory.mktemp("security") / "demo.db"
    shutil.copy(demo_store, target)
    return WebSettings(db_url=f"sqlite:///{target}", data_dir=target.parent / "data", token=TOKEN,
                       secret="k" * 64, max_upload=4096, poll=False,
                       trusted_hosts=("testserver", "127.0.0.1", "localhost", "::1"))


@pytest.fixture(scope="module")
def client(settings: WebSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


class Routes(BaseHTTPRequestHandler):
    """path -> (status, headers, body), set by each test; quiet."""

    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802
        status, headers, body = self.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[tuple[str, dict]]:
    """A server on 127.0.0.1 (base URL, and the routes dict it answers from)."""
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    handler = type("TestRoutes", (Routes,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", routes
    server.shutdown()
    server.server_close()
