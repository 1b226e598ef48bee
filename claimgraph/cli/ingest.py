"""`claimgraph ingest PATH...`: read inputs, extract, store; a summary on stdout, progress and errors on stderr."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from claimgraph.cli.app import app, err, out
from claimgraph.cli.output import db_option, fail, json_option, print_json, report_error
from claimgraph.errors import ClaimgraphError
from claimgraph.process import Summary, process_sources

PROGRESS_ABOVE = 5  # inputs; fewer than this finish before a bar would help
EXIT_INTERRUPTED = 130


class _Bar:
    """A Rich progress bar on stderr, started only when the run has more than a handful of inputs."""

    def __init__(self) -> None:
        self.progress: Progress | None = None
        self.task = None

    def __call__(self, done: int, total: int, source: str) -> None:
        if self.progress is None:
            if total <= PROGRESS_ABOVE or not err.is_terminal:  # a bar in a log file is only noise
                return
            self.progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                     TextColumn("{task.description}"), console=err, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("", total=total)
        self.progress.update(self.task, completed=done, description=Path(source).name)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def summary_line(summary: Summary) -> str:
    return (f"{summary.inputs} inputs: {summary.stored} stored, {summary.replaced} replaced, "
            f"{summary.skipped} skipped, {summary.failed} failed")


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive) or - for stdin."),
    db: str | None = db_option(),
    force: bool = typer.Option(False, "--force", help="Re-extract and replace documents already stored."),
    max_bytes: int | None = typer.Option(None, "--max-bytes", min=1, help="Refuse inputs larger than this."),
    processes: int = typer.Option(1, "--processes", "-j", min=1, help="spaCy worker processes."),
    as_json: bool = json_option(),
) -> None:
    """Ingest reporting into the store: one transaction per document, same content stored once."""
    bar = _Bar()
    try:
        summary = process_sources(paths, db, force=force, max_bytes=max_bytes, n_process=processes,
                                  on_error=report_error, progress=bar)
    except ClaimgraphError as error:
        raise fail(error) from error
    except KeyboardInterrupt:
        summary = Summary(interrupted=True)
    finally:
        bar.stop()
    if as_json:
        print_json(summary.to_json())
    else:
        out.print(summary_line(summary), markup=False, highlight=False)
    if summary.interrupted:
        err.print("claimgraph: interrupted; the document being written was rolled back", markup=False)
        raise typer.Exit(EXIT_INTERRUPTED)
    if summary.failed:
        raise typer.Exit(1)
