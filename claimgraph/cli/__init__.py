"""The `claimgraph` command: one Typer app, one module per command group."""

from __future__ import annotations

import sys

import typer

from claimgraph.cli import docs as _docs  # noqa: F401
from claimgraph.cli import export as _export  # noqa: F401
from claimgraph.cli import extract as _extract  # noqa: F401  (registers commands)
from claimgraph.cli import ingest as _ingest  # noqa: F401
from claimgraph.cli import query as _query  # noqa: F401
from claimgraph.cli import resolve as _resolve  # noqa: F401
from claimgraph.cli import review as _review  # noqa: F401
from claimgraph.cli import serve as _serve  # noqa: F401
from claimgraph.cli import stats as _stats  # noqa: F401
from claimgraph.cli import tokens as _tokens  # noqa: F401
from claimgraph.cli.app import app
from claimgraph.errors import ClaimgraphError

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except ClaimgraphError as err:
        typer.echo(f"claimgraph: error: {err}", err=True)
        sys.exit(err.exit_code)
