"""What every store command shares: the --db option, opening the store, JSON on stdout, one-line errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy.orm import Session

from claimgraph.analysis.resolution import finish_pending
from claimgraph.cli.app import err
from claimgraph.errors import ClaimgraphError
from claimgraph.store.db import open_store

DB_HELP = "Database URL or SQLite path (default: $CLAIMGRAPH_DB or sqlite:///claimgraph.db)."


def db_option() -> str | None:
    return typer.Option(None, "--db", help=DB_HELP, show_default=False)


def json_option() -> bool:
    return typer.Option(False, "--json", help="Print JSON on stdout instead of a table.")


def quiet_option() -> bool:
    return typer.Option(False, "--quiet", "-q", help="No progress on stderr (errors are still printed).")


def print_json(data: object) -> None:
    """Results as JSON on stdout, UTF-8 kept readable."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1))


def error_line(error: ClaimgraphError) -> str:
    return f"claimgraph: error: {error}"


def report_error(error: ClaimgraphError) -> None:
    """One line on stderr, never wrapped (so a Rich progress bar above it stays intact)."""
    err.print(error_line(error), markup=False, highlight=False, soft_wrap=True)


@contextmanager
def store_session(db: str | None, *, create: bool = False) -> Iterator[Session]:
    """A session on the store, its network complete; read commands refuse a missing SQLite file instead of
    creating one."""
    engine = open_store(db, create=create)
    try:
        finish_pending(engine)  # a resolution an earlier process left unfinished
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def fail(error: ClaimgraphError) -> typer.Exit:
    """Report an expected failure and give the Exit to raise."""
    report_error(error)
    return typer.Exit(error.exit_code)
