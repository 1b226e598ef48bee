"""Fetching a subscribed feed without letting it reach internal addresses (SSRF), and within size and time caps.

A feed URL is checked three times: when it is subscribed, before every request of a fetch (the first one and
each redirect, followed by hand) and when the socket is opened. At connect time the host is resolved once and the
socket goes to an address that passed the check, so a name that resolves to a public address for the check and to
127.0.0.1 a moment later (DNS rebinding) cannot slip through. Loopback, private, link-local, multicast, reserved
and unspecified addresses are refused unless the app runs with `--allow-private-feeds`.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import httpcore
import httpx

from claimgraph.errors import IngestError

MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
TOTAL_TIMEOUT = 60.0  # a whole fetch, redirects and a slowly dripping body included
USER_AGENT = "claimgraph-feed-poller"

Resolver = Callable[[str, int], list[str]]


class FeedURLError(IngestError):
    """A feed URL that may not be fetched: wrong scheme, unresolvable host, or an internal address."""

    code = "E153"


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (decimal or octal IPv4 forms included)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FeedURLError(f"cannot resolve host {host!r} ({err})", where=host) from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_refusal(address: str) -> str | None:
    """Why an address is internal (loopback, private, ...), or None for a public unicast address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(ip, f"is_{kind}"):
            return f"{ip} is a {kind.replace('_', '-')} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses a feed fetch may connect to. `allowed` names single addresses let through anyway (a test
    server on one loopback address); `resolve` is the resolver (a seam for tests)."""

    allow_private: bool = False
    allowed: frozenset[str] = field(default_factory=frozenset)
    resolve: Resolver = resolve_host

    def addresses(self, host: str, port: int) -> list[str]:
        """The resolved addresses of host, or FeedURLError when any of them is refused."""
        addresses = self.resolve(host.strip("[]"), port)
        if not addresses:
            raise FeedURLError(f"host {host!r} has no address", where=host)
        if not self.allow_private:
            for address in addresses:
                reason = None if address in self.allowed else address_refusal(address)
                if reason:
                    raise FeedURLError(f"refusing internal address: {host} resolves to {reason} "
                                       "(serve --allow-private-feeds permits it)", where=host)
        return addresses


def check_feed_url(url: str, policy: AddressPolicy) -> str:
    """The stripped URL if it is http(s) with a host whose addresses the policy allows, else FeedURLError."""
    url = url.strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise FeedURLError("a feed URL must be http:// or https:// with a host", where=url[:200])
    try:
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
    except ValueError:
        raise FeedURLError("bad port in feed URL", where=url[:200]) from None
    policy.addresses(parsed.hostname, port)
    return url


class _GuardedBackend(httpcore.SyncBackend):
    """Opens sockets only to addresses the policy allows, resolving the name exactly once per connection."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:  # noqa: ANN001
        try:
            addresses = self.policy.addresses(host, port)
        except FeedURLError as err:
            raise httpcore.ConnectError(str(err)) from err
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, policy: AddressPolicy) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             max_connections=4, network_backend=_GuardedBackend(policy))


def fetch_feed(url: str, max_bytes: int, policy: AddressPolicy) -> bytes:
    """The body at url after at most MAX_REDIRECTS redirects, each hop checked; FeedURLError or IngestError
    (too large, too slow, HTTP error) otherwise."""
    deadline = time.monotonic() + TOTAL_TIMEOUT
    timeout = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    with httpx.Client(transport=_GuardedTransport(policy), timeout=timeout, follow_redirects=False,
                      trust_env=False, headers={"User-Agent": USER_AGENT}) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            check_feed_url(url, policy)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = str(response.url.join(response.headers.get("location", "")))
                        continue
                    response.raise_for_status()
                    return _read_capped(response, url, max_bytes, deadline)
            except httpx.HTTPError as err:
                raise IngestError(f"fetch failed: {err}", where=url[:200], code="E155") from err
    raise IngestError(f"more than {MAX_REDIRECTS} redirects", where=url[:200], code="E155")


def _read_capped(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise IngestError(f"feed larger than {max_bytes} bytes", where=url[:200], code="E151")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"feed larger than {max_bytes} bytes", where=url[:200], code="E151")
        if time.monotonic() > deadline:
            raise IngestError(f"feed took longer than {TOTAL_TIMEOUT:.0f} s", where=url[:200], code="E155")
        chunks.append(chunk)
    return b"".join(chunks)
