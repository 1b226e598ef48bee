"""`create_app(settings)`: the store, the templates, the middleware, the routers and the handler table."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from claimgraph.analysis.resolution import finish_pending
from claimgraph.store import watch_models  # noqa: F401  (registers the watch tables)
from claimgraph.store.db import open_store, session_factory
from claimgraph.web.cache import PageCacheMiddleware
from claimgraph.web.deps import WebSettings
from claimgraph.web.errors import HANDLERS
from claimgraph.web.feeds import run_poller
from claimgraph.web.headers import HostAndHeadersMiddleware
from claimgraph.web.limits import RequestGuardMiddleware
from claimgraph.web.people import StorePeople
from claimgraph.web.routes import (
    archive,
    auth,
    curation,
    entities,
    graph,
    ingest,
    reader,
    review,
    sanctions,
    search,
    timeline,
    watchlists,
)
from claimgraph.web.security import REVOKED_FILE, Auth, OriginCheckMiddleware, private_dir
from claimgraph.web.times import when

HERE = Path(__file__).resolve().parent


def create_app(settings: WebSettings) -> FastAPI:
    """The web app over the store at settings.db_url (migrated on start); the poller runs if settings.poll."""
    engine = open_store(settings.db_url)
    finish_pending(engine)  # a resolution an earlier process left unfinished

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = None
        if settings.poll:
            task = asyncio.create_task(run_poller(engine, settings.data_dir, settings.max_upload, settings.tick,
                                                 settings.allow_private_feeds))
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app = FastAPI(title="claimgraph", version="1", lifespan=lifespan, openapi_url="/api/v1/openapi.json",
                  docs_url="/api/v1/docs", redoc_url=None)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    private_dir(settings.data_dir)
    app.state.auth = Auth(settings.token, settings.secret, settings.data_dir / REVOKED_FILE,
                          people=StorePeople(app.state.sessions))
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True)
    env.filters["when"] = when
    templates = Jinja2Templates(env=env)
    app.state.templates = templates
    app.add_middleware(PageCacheMiddleware, seconds=settings.page_cache_seconds)  # innermost
    app.add_middleware(RequestGuardMiddleware)  # credentials before the body, body caps
    app.add_middleware(OriginCheckMiddleware)
    app.add_middleware(HostAndHeadersMiddleware, hosts=settings.trusted_hosts)  # outermost
    for exc, handler in HANDLERS.items():
        app.add_exception_handler(exc, handler)  # type: ignore[arg-type]
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for module in (archive, reader, entities, sanctions, graph, timeline, search, watchlists, ingest, auth, review,
                   curation):
        app.include_router(module.router)
    return app
