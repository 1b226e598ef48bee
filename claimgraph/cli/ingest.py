"""`claimgraph ingest PATH...`: read inputs, extract, store; a summary on stdout, progress and errors on stderr."""

from __future__ import annotations

import typer

from claimgraph.cli.app import app, err, out
from claimgraph.cli.output import db_option, fail, json_option, print_json, quiet_option, report_error
from claimgraph.errors import ClaimgraphError, printable
from claimgraph.process import Summary, not_articles_line, process_sources
from claimgraph.progress import ProgressReport

PROGRESS_ABOVE = 5  # inputs; fewer than this finish before a bar would help
EXIT_INTERRUPTED = 130


def summary_line(summary: Summary) -> str:
    line = (f"{summary.inputs} inputs: {summary.stored} stored, {summary.replaced} replaced, "
            f"{summary.skipped} skipped, {summary.failed} failed")
    left_out = not_articles_line(summary.not_articles)
    return f"{line}; {left_out}" if left_out else line


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, directories (recursive) or - for stdin."),
    db: str | None = db_option(),
    force: bool = typer.Option(False, "--force", help="Re-extract and replace documents already stored."),
    max_bytes: int | None = typer.Option(None, "--max-bytes", min=1, help="Refuse inputs larger than this."),
    processes: int = typer.Option(1, "--processes", "-j", min=1, help="spaCy worker processes."),
    ray: str | None = typer.Option(None, "--ray", metavar="auto|ADDRESS",
                                   help="Extract on a Ray cluster (auto: the one this machine belongs to); "
                                        "this process writes the store. Needs claimgraph[ray]."),
    write_batch: int = typer.Option(64, "--write-batch", min=1,
                                    help="Documents per write transaction (each still whole or absent)."),
    as_json: bool = json_option(),
    quiet: bool = quiet_option(),
) -> None:
    """Ingest reporting into the store: whole documents committed in batches, same content stored once."""
    bar = ProgressReport("ingest", quiet=quiet, console=err, min_items=PROGRESS_ABOVE)
    try:
        summary = process_sources(paths, db, force=force, max_bytes=max_bytes, n_process=processes,
                                  on_error=report_error, progress=bar, ray_address=ray,
                                  write_batch=write_batch)
    except ClaimgraphError as error:
        raise fail(error) from error
    except KeyboardInterrupt:
        summary = Summary(interrupted=True)
    finally:
        bar.stop()
    for skipped in summary.not_articles:
        err.print(f"claimgraph: left out: {printable(skipped.source)}: {skipped.reason}", markup=False,
                  highlight=False, soft_wrap=True)
    if as_json:
        print_json(summary.to_json())
    else:
        out.print(summary_line(summary), markup=False, highlight=False, soft_wrap=True)
    if summary.interrupted:
        err.print("claimgraph: interrupted; documents not yet committed were rolled back", markup=False)
        raise typer.Exit(EXIT_INTERRUPTED)
    if summary.failed:
        raise typer.Exit(1)
