"""Response hardening every page shares: which Host names are served, and the security headers sent with
every answer (a Content-Security-Policy that allows scripts and styles from our own origin only).

Reading is open to whoever can reach the app, so a request naming a host we do not serve (DNS rebinding, a
stray proxy) is refused with 400 before any route runs. The trusted names are the bound address plus the
loopback names by default; `serve --trusted-host NAME` or CLAIMGRAPH_TRUSTED_HOSTS adds more, `*` allows any.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimgraph.web.errors import refusal_response

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",  # HTMX, Cytoscape and app.js are files served from /static; no inline script at all
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
)


def trusted_hosts(bound: str | None, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The loopback names, the bound address (unless it binds every interface) and any extra names, lower-case."""
    names = list(LOOPBACK_NAMES)
    if bound and bound not in WILDCARD_BINDS:
        names.append(bound)
    names += [n.strip() for n in extra if n.strip()]
    return tuple(dict.fromkeys(n.lower().strip("[]") for n in names))


def host_name(header: str) -> str:
    """The host part of a Host header, without the port; IPv6 brackets removed ("[::1]:8000" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class HostAndHeadersMiddleware:
    """400 for a Host header outside the trusted names; the security headers on every response."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(hosts)
        self.any_host = "*" in self.hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        if not self.any_host:
            raw = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            if host_name(raw) not in self.hosts:
                response = refusal_response(scope, 400, f"host {raw[:100]!r} is not served here (see --trusted-host)",
                                            "E807")
                await response(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)
