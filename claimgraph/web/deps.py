"""Settings of one running app and the dependencies routes share: a session per request, the writer check,
and `respond`, which renders a context as the page or as its JSON twin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from starlette.responses import JSONResponse, Response

from claimgraph.store.audit import Actor
from claimgraph.store.db import resolve_url
from claimgraph.web.errors import WriteRefused
from claimgraph.web.headers import LOOPBACK_NAMES
from claimgraph.web.security import COOKIE_NAME, CSRF_FIELD, CSRF_HEADER

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024
DEFAULT_FEED_INTERVAL = 900  # seconds between polls of a subscribed feed
DEFAULT_TICK = 5.0  # seconds between checks for due feeds and newly ingested documents
PAGE_SIZE = 20
DEFAULT_PAGE_CACHE_SECONDS = 5.0


def default_data_dir(db_url: str) -> Path:
    """`<db stem>-data/` beside a SQLite file, else ./claimgraph-data."""
    url = make_url(resolve_url(db_url))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        db = Path(url.database).expanduser().resolve()
        return db.with_name(f"{db.stem}-data")
    return Path("claimgraph-data").resolve()


@dataclass(frozen=True)
class WebSettings:
    db_url: str
    data_dir: Path
    token: str
    secret: str
    max_upload: int = DEFAULT_MAX_UPLOAD
    feed_interval: int = DEFAULT_FEED_INTERVAL
    tick: float = DEFAULT_TICK
    poll: bool = True  # run the feed poller / alert matcher in the background
    trusted_hosts: tuple[str, ...] = LOOPBACK_NAMES  # Host names served (headers.trusted_hosts adds the bound one)
    page_cache_seconds: float = DEFAULT_PAGE_CACHE_SECONDS  # anonymous GET answers kept this long (0: off)
    allow_private_feeds: bool = False  # let feed subscriptions reach loopback/private/link-local addresses


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        request.state.session = session  # respond() reuses it: one pooled connection per request
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def auth_state(request: Request) -> dict:
    """Whether the browser is logged in, as whom (name, role), and the CSRF token its forms must carry."""
    auth = request.app.state.auth
    found = auth.session(request.cookies.get(COOKIE_NAME))
    if found is None:
        return {"logged_in": False, "csrf": "", "name": None, "role": "reader"}
    nonce, actor = found
    return {"logged_in": True, "csrf": auth.csrf_for(nonce), "name": actor.name, "role": actor.role}


async def require_writer(request: Request) -> Actor:
    """Bearer token, or a login cookie plus a matching CSRF token (form field or X-CSRF-Token header); the
    person (analyst or admin) the token belongs to."""
    auth = request.app.state.auth
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        actor = auth.identify_token(header[7:])
        if actor is not None:
            return actor
        raise WriteRefused("invalid token", 401, "E802")
    found = auth.session(request.cookies.get(COOKIE_NAME))
    if found is None:
        raise WriteRefused("writing needs the token: log in, or send Authorization: Bearer <token>", 401, "E802")
    nonce, actor = found
    candidate = request.headers.get(CSRF_HEADER)
    if candidate is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        candidate = value if isinstance(value, str) else None
    if not auth.check_csrf(nonce, candidate):
        raise WriteRefused("missing or wrong CSRF token", 403, "E804")
    return actor


def viewer(request: Request) -> Actor | None:
    """Who is asking (bearer token or login cookie), for reads that depend on the role; no CSRF for reads."""
    auth = request.app.state.auth
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return auth.identify_token(header[7:])
    found = auth.session(request.cookies.get(COOKIE_NAME))
    return found[1] if found else None


def require_admin_view(request: Request) -> Actor:
    """A read only an admin may make (the token list)."""
    actor = viewer(request)
    if actor is None:
        raise WriteRefused("this page needs an admin token: log in", 401, "E802")
    if not actor.is_admin:
        raise WriteRefused(f"{actor.name} is an {actor.role}; managing tokens needs an admin token", 403, "E813")
    return actor


async def require_admin(request: Request) -> Actor:
    """A writer whose role is admin (token management)."""
    actor = await require_writer(request)
    if not actor.is_admin:
        raise WriteRefused(f"{actor.name} is an {actor.role}; managing tokens needs an admin token", 403, "E813")
    return actor


Writer = Annotated[Actor, Depends(require_writer)]
Admin = Annotated[Actor, Depends(require_admin)]
AdminViewer = Annotated[Actor, Depends(require_admin_view)]


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def respond(request: Request, template: str, context: Any, *, api: bool = False, extra: dict | None = None,
            status: int = 200) -> Response:
    """The context as JSON (api) or rendered into the template, with a rel=alternate link to its twin."""
    if api:
        return JSONResponse({"ok": True, **context.to_json()}, status_code=status)
    from claimgraph.analysis.watch import unread_count

    session = getattr(request.state, "session", None)
    if session is not None:
        unread = unread_count(session)
    else:
        with request.app.state.sessions() as own:
            unread = unread_count(own)
    values = {"ctx": context, "auth": auth_state(request), "unread": unread, **(extra or {})}
    response = request.app.state.templates.TemplateResponse(request, template, values, status_code=status)
    path = request.url.path
    twin = "/api/v1" + path + (f"?{request.url.query}" if request.url.query else "")
    response.headers["Link"] = f'<{twin}>; rel="alternate"; type="application/json"'
    return response
