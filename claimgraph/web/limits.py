"""Guards that run before any route reads a request body: who is asking, and how much they may send.

An unsafe request (POST, PUT, PATCH, DELETE) must carry a valid bearer token or a valid login cookie before a
single byte of its body is read, so an anonymous client cannot make the app spool a large upload to disk just to
be told 401. Every request body is capped twice: a declared Content-Length over the cap is refused at once (413),
and a body streamed without one (or longer than it declared) is cut off as soon as it passes the cap.
The CSRF token, which browsers send inside the form, is still checked by the route (deps.require_writer).
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimgraph.web.errors import refusal_response
from claimgraph.web.security import COOKIE_NAME, SAFE_METHODS

SMALL_BODY = 256 * 1024  # forms and JSON: logins, watchlists, feed subscriptions, merges
UPLOAD_OVERHEAD = 64 * 1024  # multipart boundaries, headers and the CSRF field around the uploaded files
UPLOAD_PATHS = frozenset({"/api/v1/uploads", "/ingest/upload"})
ANONYMOUS_PATHS = frozenset({"/login", "/logout"})  # login carries its token in the (small) body


def body_cap(path: str, max_upload: int) -> int:
    """The largest body a request to path may send: an upload's limit plus form overhead, else SMALL_BODY."""
    return max_upload + UPLOAD_OVERHEAD if path in UPLOAD_PATHS else SMALL_BODY


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in scope.get("headers", [])}


def _cookie(header: bytes | None, name: str) -> str | None:
    for part in (header or b"").decode("latin-1").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "-"


def identify(scope: Scope, headers: dict[bytes, bytes]) -> tuple[int, str, str] | None:
    """(status, reason, code) when an unsafe request may not proceed to read its body: no or bad credentials
    (401), or too many wrong tokens from its address lately (429). None when it may."""
    auth = scope["app"].state.auth
    bearer = headers.get(b"authorization", b"").decode("latin-1")
    if bearer.lower().startswith("bearer "):
        client = client_address(scope)
        wait = auth.wait_after_failures(client)
        if wait:
            return 429, f"too many wrong tokens from {client}; try again in {wait} s", "E810"
        if auth.check_token(bearer[7:]):
            return None
        auth.note_failure(client)
        return 401, "invalid token", "E802"
    if auth.session_nonce(_cookie(headers.get(b"cookie"), COOKIE_NAME)) is not None:
        return None
    return 401, "writing needs the token: log in, or send Authorization: Bearer <token>", "E802"


class RequestGuardMiddleware:
    """401 before the body for anonymous writes; 413 for bodies over the cap, declared or streamed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        headers = _headers(scope)
        if scope["method"] not in SAFE_METHODS and path not in ANONYMOUS_PATHS:
            refused = identify(scope, headers)
            if refused:
                status, reason, code = refused
                response = refusal_response(scope, status, reason, code)
                if status == 429:
                    response.headers["Retry-After"] = reason.rsplit(" ", 2)[-2]
                await response(scope, receive, send)
                return
        cap = body_cap(path, scope["app"].state.settings.max_upload)
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > cap
            except ValueError:
                await refusal_response(scope, 400, "malformed Content-Length", "E805")(scope, receive, send)
                return
            if too_big:
                await refusal_response(scope, 413, f"request body larger than {cap} bytes", "E806")(
                    scope, receive, send)
                return
        seen = 0

        async def capped_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise HTTPException(413, f"request body larger than {cap} bytes")
            return message

        await self.app(scope, capped_receive, send)
