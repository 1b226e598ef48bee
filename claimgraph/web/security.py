"""Who may write: a bearer token for scripts, a signed login cookie plus a CSRF token for browser forms, and an
origin check in front of every unsafe request.

The admin token is generated once into the data folder (or given by CLAIMGRAPH_TOKEN); people's own tokens live in
the store (store/tokens.py, looked up through `people`). The signing secret is generated once beside the admin
token (or given by CLAIMGRAPH_SECRET). Reading needs neither. A session cookie names the token it was opened with,
so revoking a person's token ends their sessions too.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.types import ASGIApp, Receive, Scope, Send

from claimgraph.store.audit import Actor

TOKEN_FILE = "token"
SECRET_FILE = "secret"
TOKEN_PREFIX = "cgtok_"
COOKIE_NAME = "cg_session"
COOKIE_MAX_AGE = 7 * 24 * 3600
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
REVOKED_FILE = "revoked-sessions"
MIN_TOKEN_LENGTH = 32
MAX_FAILURES = 10  # wrong tokens from one client address within FAILURE_WINDOW before it must wait
FAILURE_WINDOW = 60.0  # seconds


def private_dir(path: Path) -> Path:
    """A folder readable by its owner only (created so; an existing one is left as its owner set it)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _read_or_create(path: Path, make: Callable[[], str]) -> tuple[str, bool]:
    """The stripped contents of path, or a new value written there readable only by its owner."""
    if path.exists():
        return path.read_text(encoding="utf-8").strip(), False
    private_dir(path.parent)
    value = make()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value, True


def load_token(data_dir: Path) -> tuple[str, bool]:
    """The write token: CLAIMGRAPH_TOKEN, else the one stored in the data folder (made on first run).
    The flag says whether it was just created (and so should be printed once)."""
    env = os.environ.get("CLAIMGRAPH_TOKEN")
    if env:
        if len(env.strip()) < MIN_TOKEN_LENGTH:
            from claimgraph.errors import ClaimgraphError

            raise ClaimgraphError(f"CLAIMGRAPH_TOKEN is {len(env.strip())} characters; a write token needs at "
                                  f"least {MIN_TOKEN_LENGTH}", where="CLAIMGRAPH_TOKEN", code="E809")
        return env.strip(), False
    return _read_or_create(data_dir / TOKEN_FILE, lambda: TOKEN_PREFIX + secrets.token_urlsafe(24))


def load_secret(data_dir: Path) -> str:
    env = os.environ.get("CLAIMGRAPH_SECRET")
    if env:
        return env.strip()
    return _read_or_create(data_dir / SECRET_FILE, lambda: secrets.token_hex(32))[0]


ADMIN = Actor("admin", "admin")  # whoever holds CLAIMGRAPH_TOKEN or the data folder's token


class People(Protocol):
    """People's tokens as the store keeps them (web/people.py)."""

    def by_token(self, token: str) -> tuple[Actor, str] | None: ...  # the actor and its token tag

    def by_id(self, token_id: int, tag: str) -> Actor | None: ...


class Auth:
    """Checks tokens and issues/reads the signed session cookie and the CSRF token bound to it."""

    def __init__(self, token: str, secret: str, revoked_file: Path | None = None, people: People | None = None) -> None:
        self.token = token
        self.people = people
        self.secret = secret
        self._serializer = URLSafeTimedSerializer(secret, salt="claimgraph-session")
        self._token_tag = hashlib.sha256(token.encode()).hexdigest()[:16]
        self._revoked_file = revoked_file
        self._revoked: set[str] = set()
        if revoked_file is not None and revoked_file.is_file():
            self._revoked = set(revoked_file.read_text(encoding="utf-8").split())
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check_token(self, candidate: str | None) -> bool:
        return self.identify_token(candidate) is not None

    def _token_of(self, candidate: str | None) -> tuple[Actor, str, int] | None:
        """(actor, tag, token id; 0 for the admin token) of a token, or None when it opens nothing."""
        if not candidate:
            return None
        if hmac.compare_digest(candidate.strip().encode(), self.token.encode()):
            return ADMIN, self._token_tag, 0
        found = self.people.by_token(candidate) if self.people is not None else None
        if found is None:
            return None
        actor, tag = found
        return actor, tag, actor.token_id or 0

    def identify_token(self, candidate: str | None) -> Actor | None:
        """Who a bearer token (or a token typed at login) belongs to, or None."""
        found = self._token_of(candidate)
        return found[0] if found else None

    def wait_after_failures(self, client: str) -> int:
        """Seconds this client address must wait before its next token attempt (0: it may try now)."""
        with self._lock:
            recent = self._recent(client)
            if len(recent) < MAX_FAILURES:
                return 0
            return max(1, int(recent[0] + FAILURE_WINDOW - time.monotonic()) + 1)

    def note_failure(self, client: str) -> None:
        with self._lock:
            self._recent(client).append(time.monotonic())
            if len(self._failures) > 10_000:  # many addresses: forget those with no recent failure
                for key in [k for k, v in self._failures.items() if not v]:
                    del self._failures[key]

    def _recent(self, client: str) -> deque[float]:
        recent = self._failures.setdefault(client, deque())
        while recent and recent[0] < time.monotonic() - FAILURE_WINDOW:
            recent.popleft()
        return recent

    def revoke(self, nonce: str) -> None:
        """Log a session out for good: its cookie (and CSRF token) no longer write, even if replayed."""
        with self._lock:
            if nonce in self._revoked:
                return
            self._revoked.add(nonce)
            if self._revoked_file is not None:
                private_dir(self._revoked_file.parent)
                fd = os.open(self._revoked_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                with os.fdopen(fd, "a", encoding="utf-8") as handle:
                    handle.write(nonce + "\n")

    def new_session(self, token: str | None = None) -> str:
        """A signed cookie for a session opened with `token` (the admin token when None)."""
        found = self._token_of(token) if token is not None else (ADMIN, self._token_tag, 0)
        if found is None:
            raise ValueError("a session needs a valid token")
        _actor, tag, token_id = found
        data: dict = {"n": secrets.token_hex(16), "t": tag}
        if token_id:
            data["k"] = token_id
        return self._serializer.dumps(data)

    def session(self, cookie: str | None) -> tuple[str, Actor] | None:
        """(nonce, actor) of a valid session cookie whose token still works, else None."""
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=COOKIE_MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        nonce, tag, token_id = str(data.get("n")), str(data.get("t")), data.get("k")
        if nonce in self._revoked:
            return None
        if token_id is None:
            return (nonce, ADMIN) if tag == self._token_tag else None
        actor = self.people.by_id(int(token_id), tag) if self.people is not None and isinstance(token_id, int) \
            else None
        return (nonce, actor) if actor is not None else None

    def session_nonce(self, cookie: str | None) -> str | None:
        """The nonce of a valid session cookie, else None."""
        found = self.session(cookie)
        return found[0] if found else None

    def csrf_for(self, nonce: str) -> str:
        return hmac.new(self.secret.encode(), f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()

    def check_csrf(self, nonce: str, candidate: str | None) -> bool:
        return bool(candidate) and hmac.compare_digest(candidate.encode(), self.csrf_for(nonce).encode())


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def origin_refusal(scope: Scope) -> str | None:
    """Why an unsafe request looks cross-site, or None when it may proceed to the token/CSRF checks."""
    if scope["method"] in SAFE_METHODS:
        return None
    auth = _header(scope, b"authorization") or ""
    if auth.lower().startswith("bearer ") and COOKIE_NAME not in (_header(scope, b"cookie") or ""):
        return None  # a script with a token and no browser cookie cannot be a forged browser request
    site = _header(scope, b"sec-fetch-site")
    if site is not None:
        return None if site in ("same-origin", "none") else f"cross-site request refused (Sec-Fetch-Site: {site})"
    origin = _header(scope, b"origin")
    if origin is None:
        return None
    host = _header(scope, b"host") or ""
    expected = f"{scope.get('scheme', 'http')}://{host}"
    if origin != expected:
        return f"cross-origin request refused (Origin {origin} is not {expected})"
    return None


class OriginCheckMiddleware:
    """Refuses unsafe requests from another site before any handler runs (403 with the reason)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            reason = origin_refusal(scope)
            if reason:
                from claimgraph.web.errors import refusal_response

                response = refusal_response(scope, 403, reason, "E803")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
