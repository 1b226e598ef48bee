"""`claimgraph export --format stix|ftm|graphml|gexf|csv`: the network, or one entity's neighbourhood, as a file
another tool opens. Results go to stdout (`-o -`, the default) or to a file written whole or not at all."""

from __future__ import annotations

import sys
from enum import StrEnum

import typer

from claimgraph.cli.app import app, err
from claimgraph.cli.output import db_option, fail, quiet_option, store_session
from claimgraph.errors import ClaimgraphError, ExportError
from claimgraph.exports import FORMATS, FileSink, Sink, StreamSink, export_network
from claimgraph.progress import ProgressReport

ExportFormat = StrEnum("ExportFormat", {f: f for f in FORMATS})


def _sink(output: str) -> Sink:
    return StreamSink(sys.stdout.buffer) if output == "-" else FileSink(output)


@app.command("export")
def export_cli(
    format: ExportFormat = typer.Option(..., "--format", "-f", help="stix (2.1 bundle), ftm (FollowTheMoney JSON "
                                        "lines), graphml, gexf (dynamic, for Gephi's timeline) or csv."),
    entity: str | None = typer.Option(None, "--entity", "-e", help="Export only this entity's neighbourhood."),
    depth: int | None = typer.Option(None, "--depth", "-d", min=1, help="Hops around --entity (default 1)."),
    min_grade: int | None = typer.Option(None, "--min-grade", "-g", min=1, max=6,
                                         help="Keep edges graded this or better (1 confirmed .. 6 cannot be judged)."),
    output: str = typer.Option("-", "--output", "-o", help="File, or - for stdout. csv writes two files: give a "
                               "directory (nodes.csv, edges.csv) or a prefix (PREFIX_nodes.csv, PREFIX_edges.csv)."),
    db: str | None = db_option(),
    quiet: bool = quiet_option(),
) -> None:
    """Export the network in a format other tools open (threat-intel platforms, Aleph, Gephi, spreadsheets)."""
    if depth is not None and entity is None:
        raise typer.BadParameter("--depth needs --entity", param_hint="--depth")
    from claimgraph.exports.from_store import network_from_store

    sink = _sink(output)
    try:
        with ProgressReport("export", quiet=quiet, console=err) as progress:
            with store_session(db, create=False) as session:
                network = network_from_store(session, entity=entity, depth=depth, min_grade=min_grade)
            progress(1, 2, f"read {len(network.nodes)} entities, {len(network.edges)} edges")
            export_network(network, format.value, sink)
            progress(2, 2, f"wrote {format.value}")
    except ClaimgraphError as error:
        raise fail(error) from error
    except OSError as error:
        raise fail(ExportError(f"cannot write ({error.strerror or error})", where=output, code="E701")) from error
    where = ", ".join(str(p) for p in sink.written) if isinstance(sink, FileSink) else "stdout"
    claims = sum(e.claim_count for e in network.edges)
    if quiet:
        return
    err.print(f"exported {len(network.nodes)} entities, {len(network.edges)} edges ({claims} claims), "
              f"{len(network.events)} events, {len(network.documents)} documents as {format.value} to {where}",
              markup=False, highlight=False, soft_wrap=True)
