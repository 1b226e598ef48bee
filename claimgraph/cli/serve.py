"""`claimgraph serve`: the web app over a store, bound to 127.0.0.1 by default.

On the first run the write token is generated into the data folder and printed once; later runs say where it
is kept. CLAIMGRAPH_TOKEN overrides it.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from claimgraph.cli.app import app, err, out
from claimgraph.store.db import resolve_url


@app.command()
def serve(
    db: str = typer.Option(None, "--db", help="Database URL or SQLite path (default: CLAIMGRAPH_DB)."),
    host: str = typer.Option("127.0.0.1", help="Address to bind; reading is open to whoever can reach it."),
    port: int = typer.Option(8000, help="Port to listen on."),
    data_dir: Path = typer.Option(None, "--data-dir", help="Folder for the token, uploads and fetched feeds "
                                  "(default: <db name>-data beside a SQLite file; CLAIMGRAPH_DATA_DIR)."),
    feed_interval: int = typer.Option(900, help="Default seconds between polls of a subscribed feed."),
    max_upload: int = typer.Option(5 * 1024 * 1024, help="Largest accepted upload, in bytes."),
    page_cache: float = typer.Option(5.0, "--page-cache", envvar="CLAIMGRAPH_PAGE_CACHE_SECONDS",
                                     help="Seconds an anonymous reader's page is served from memory (0: off); "
                                     "writes through the app empty the cache at once."),
    trusted_host: list[str] = typer.Option([], "--trusted-host", help="Another Host name to serve (repeatable; "
                                           "CLAIMGRAPH_TRUSTED_HOSTS, comma-separated; * for any). The bound "
                                           "address and the loopback names are always served."),
    allow_private_feeds: bool = typer.Option(False, "--allow-private-feeds", envvar="CLAIMGRAPH_ALLOW_PRIVATE_FEEDS",
                                             help="Let feed subscriptions reach loopback, private and link-local "
                                             "addresses (refused by default)."),
    get: str = typer.Option(None, "--get", help="Answer one GET request for PATH in-process, print the body and "
                            "exit (0 on a 2xx status, else 1); no server is started."),
) -> None:
    """Serve the archive, reader, dossiers, graph, timeline, search, watchlists and the /api/v1 JSON API."""
    import uvicorn

    from claimgraph.web import WebSettings, create_app
    from claimgraph.web.deps import default_data_dir
    from claimgraph.web.headers import trusted_hosts
    from claimgraph.web.security import TOKEN_FILE, load_secret, load_token

    url = resolve_url(db)
    folder = (data_dir or Path(os.environ.get("CLAIMGRAPH_DATA_DIR", "")) if (data_dir or
              os.environ.get("CLAIMGRAPH_DATA_DIR")) else default_data_dir(url)).resolve()
    if get is not None:
        raise typer.Exit(_get_once(url, folder, get))
    token, created = load_token(folder)
    if created:
        err.print(f"Write token (shown once, kept in {folder / TOKEN_FILE}):")
        out.print(token, highlight=False, soft_wrap=True)
    elif not os.environ.get("CLAIMGRAPH_TOKEN"):
        err.print(f"Write token: see {folder / TOKEN_FILE}", highlight=False)
    settings = WebSettings(db_url=url, data_dir=folder, token=token, secret=load_secret(folder),
                           max_upload=max_upload, feed_interval=feed_interval,
                           trusted_hosts=trusted_hosts(host, [*trusted_host, *_env_hosts()]),
                           allow_private_feeds=allow_private_feeds, page_cache_seconds=page_cache)
    application = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    out.print(f"claimgraph serving {url} at http://{shown}:{port}/", highlight=False, soft_wrap=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")


def _env_hosts() -> list[str]:
    return [h for h in os.environ.get("CLAIMGRAPH_TRUSTED_HOSTS", "").split(",") if h.strip()]


def _get_once(url: str, folder: Path, path: str) -> int:
    """One request through the app without a socket: a smoke test for scripts and CI."""
    from fastapi.testclient import TestClient

    from claimgraph.web import WebSettings, create_app

    settings = WebSettings(db_url=url, data_dir=folder, token="", secret="get-once", poll=False,
                           trusted_hosts=("testserver",))
    with TestClient(create_app(settings)) as client:
        response = client.get(path if path.startswith("/") else f"/{path}")
    typer.echo(response.text)
    return 0 if 200 <= response.status_code < 300 else 1
