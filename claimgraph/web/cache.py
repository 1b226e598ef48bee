"""A short-lived cache of whole rendered answers for anonymous readers, so 30 readers at once cost one render.

Pages are built from many queries (a dossier is dozens), and one uvicorn worker answers one at a time: under
load every reader waits for every other reader's render. Reads are the same for every anonymous reader, so the
answer to a GET without a login cookie is kept for `page_cache_seconds` (5 s by default; 0 turns it off), keyed by
path, query and whether HTMX asked for a fragment. Concurrent misses on one key wait for a single render.

Freshness: any write through the app (an unsafe request), a browser or feed ingest and new alerts bump a
generation counter that empties the cache at once; a CLI ingest into the same store from another process shows
within `page_cache_seconds`. Logged-in readers (forms carry their CSRF token) are never served from the cache.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimgraph.web.security import COOKIE_NAME, SAFE_METHODS

MAX_ENTRIES = 512
MAX_BODY = 2 * 1024 * 1024  # larger answers (big exports) are not kept
_generation = itertools.count(1)
_current = [next(_generation)]


def bump() -> None:
    """Forget every cached answer: the store changed."""
    _current[0] = next(_generation)


@dataclass
class _Entry:
    generation: int
    expires: float
    start: Message
    body: bytes


class PageCacheMiddleware:
    """Serves repeated anonymous GETs from memory for a few seconds; empties itself on every write."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self.entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self.locks: dict[tuple, asyncio.Lock] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            await self.app(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:
            try:
                await self.app(scope, receive, send)
            finally:
                bump()
            return
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        if await self._replay(key, send):
            return
        lock = self.locks.setdefault(key, asyncio.Lock())
        async with lock:
            if await self._replay(key, send):
                return
            await self._render(key, scope, receive, send)
        if not lock.locked():
            self.locks.pop(key, None)

    def _key(self, scope: Scope) -> tuple | None:
        if scope["method"] not in ("GET", "HEAD") or scope.get("path", "").startswith("/static/"):
            return None
        headers = dict(scope.get("headers", []))
        if COOKIE_NAME.encode() in headers.get(b"cookie", b"") or b"authorization" in headers:
            return None
        return (scope["method"], scope.get("path", ""), scope.get("query_string", b""),
                headers.get(b"hx-request", b""))

    async def _replay(self, key: tuple, send: Send) -> bool:
        entry = self.entries.get(key)
        if entry is None or entry.generation != _current[0] or entry.expires < time.monotonic():
            return False
        self.entries.move_to_end(key)
        await send(entry.start)
        await send({"type": "http.response.body", "body": entry.body, "more_body": False})
        return True

    async def _render(self, key: tuple, scope: Scope, receive: Receive, send: Send) -> None:
        generation = _current[0]
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def recording_send(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                keep = size <= MAX_BODY
                if keep:
                    chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, recording_send)
        if keep and start is not None and generation == _current[0]:
            self.entries[key] = _Entry(generation, time.monotonic() + self.seconds, start, b"".join(chunks))
            self.entries.move_to_end(key)
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)
