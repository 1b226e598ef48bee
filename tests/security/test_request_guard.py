"""Item 2: credentials are checked before a request body is read, and bodies are capped (declared or streamed)."""

from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient

from claimgraph.web.limits import SMALL_BODY, UPLOAD_OVERHEAD

BEARER = {"Authorization": "Bearer cgtok_security-test-token-0123456789"}  # the token of conftest.settings


def _call(app, path: str, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple[int, int]:  # noqa: ANN001
    """Run one POST through the ASGI app with a body sent in chunks; (status, bytes the app pulled)."""
    pulled = 0
    queue = list(chunks)
    status = 0

    async def receive() -> dict:
        nonlocal pulled
        if not queue:
            return {"type": "http.disconnect"}
        chunk = queue.pop(0)
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(queue)}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver"), *headers], "client": ("127.0.0.1", 1), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    return status, pulled


MULTIPART = [(b"content-type", b"multipart/form-data; boundary=xyz")]


def test_anonymous_upload_is_refused_before_its_body_is_read(client: TestClient) -> None:
    body = [b"--xyz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n", b"x" * 4000,
            b"\r\n--xyz--\r\n"]
    for path in ("/api/v1/uploads", "/ingest/upload", "/api/v1/feeds", "/watchlists"):
        status, pulled = _call(client.app, path, MULTIPART, list(body))
        assert (status, pulled) == (401, 0), path


def test_wrong_bearer_token_is_refused_before_the_body(client: TestClient) -> None:
    status, pulled = _call(client.app, "/api/v1/uploads", [*MULTIPART, (b"authorization", b"Bearer nope")],
                           [b"x" * 1000])
    assert (status, pulled) == (401, 0)


def test_declared_oversized_body_is_refused_at_once(client: TestClient, settings) -> None:  # noqa: ANN001
    cap = settings.max_upload + UPLOAD_OVERHEAD
    headers = [*MULTIPART, (b"authorization", BEARER["Authorization"].encode()),
               (b"content-length", str(cap + 1).encode())]
    status, pulled = _call(client.app, "/api/v1/uploads", headers, [b"x" * 100])
    assert (status, pulled) == (413, 0)
    small = [(b"content-type", b"application/json"), (b"authorization", BEARER["Authorization"].encode()),
             (b"content-length", str(SMALL_BODY + 1).encode())]
    assert _call(client.app, "/api/v1/feeds", small, [b"{}"]) == (413, 0)


def test_streamed_oversized_body_is_cut_off(client: TestClient, settings) -> None:  # noqa: ANN001
    cap = settings.max_upload + UPLOAD_OVERHEAD
    chunks = [b"--xyz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\n"]
    chunks += [b"y" * 8192] * (cap // 8192 + 50)
    headers = [*MULTIPART, (b"authorization", BEARER["Authorization"].encode())]  # no Content-Length: streamed
    status, pulled = _call(client.app, "/api/v1/uploads", headers, chunks)
    assert status == 413
    assert pulled <= cap + 8192 * 2  # stopped near the cap, not after the whole body


def test_login_body_is_capped(client: TestClient) -> None:
    response = client.post("/login", data={"token": "x" * (SMALL_BODY + 10)})
    assert response.status_code == 413
