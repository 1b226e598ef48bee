"""The Typer application object and the console streams every command shares."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="claimgraph",
    help="Evidence-backed networks of attributed claims from reporting.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()  # results only
err = Console(stderr=True)  # progress, warnings, errors


@app.callback()
def _root() -> None:
    """claimgraph: read reporting, keep every link as an attributed claim with its evidence."""
