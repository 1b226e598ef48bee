"""`claimgraph resolve`, `merge A B`, `split ENTITY --doc DOC`, `undo DECISION`: cross-document identity and analyst
decisions (each written to the audit log under the CLI user's name)."""

from __future__ import annotations

import typer

from claimgraph.analysis.curation import merge_entities, split_entity, undo_decision
from claimgraph.analysis.resolution import default_ref_lookup, resolve_network, resolve_pending
from claimgraph.cli.app import app, err, out
from claimgraph.cli.output import db_option, fail, json_option, print_json, quiet_option, store_session
from claimgraph.errors import ClaimgraphError
from claimgraph.progress import ProgressReport
from claimgraph.store.audit import cli_actor


@app.command()
def resolve(
    full: bool = typer.Option(False, "--full", help="Rebuild the whole network instead of only what is new."),
    db: str | None = db_option(),
    as_json: bool = json_option(),
    quiet: bool = quiet_option(),
) -> None:
    """Merge per-document entities into one network (also run, incrementally, at the end of every ingest)."""
    try:
        with (ProgressReport("resolve", quiet=quiet, console=err) as progress,
              store_session(db, create=False) as session, session.begin()):
            lookup = default_ref_lookup()
            summary = (resolve_network(session, lookup, progress=progress) if full
                       else resolve_pending(session, lookup, progress=progress))
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json(summary.to_json())
        return
    rules = ", ".join(f"{rule} {n}" for rule, n in summary.links_by_rule.items()) or "none"
    out.print(f"{summary.entities} document entities -> {summary.canonical} canonical "
              f"({summary.merged} named in several documents); {summary.edges} edges; "
              f"{summary.decisions} analyst decisions; links: {rules} ({summary.mode})", markup=False,
              highlight=False)


@app.command()
def merge(
    a: str = typer.Argument(..., help="An entity: id, any name it goes by, or a list reference."),
    b: str = typer.Argument(..., help="The entity to merge into it."),
    note: str | None = typer.Option(None, "--note", help="Why (kept with the decision)."),
    db: str | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Record that A and B are the same actor; the decision survives re-ingestion."""
    _record(db, as_json, lambda session: merge_entities(session, a, b, note, actor=cli_actor()),
            lambda r: f"merged into {r.entity} ({r.entity_id})")


@app.command()
def split(
    entity: str = typer.Argument(..., help="The canonical entity (id or any name)."),
    doc: str = typer.Option(..., "--doc", help="Document id (or unique prefix) whose entity is someone else."),
    note: str | None = typer.Option(None, "--note", help="Why (kept with the decision)."),
    db: str | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Record that what document DOC calls ENTITY is a different actor; survives re-ingestion."""
    _record(db, as_json, lambda session: split_entity(session, entity, doc, note, actor=cli_actor()),
            lambda r: f"{r.entity} ({r.entity_id}) kept; document {doc} now names {r.other_id}")


@app.command()
def undo(
    decision: int = typer.Argument(..., help="The decision number merge or split printed (see the audit log)."),
    db: str | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Take back an analyst's merge or split; the entities are resolved again without it."""
    _record(db, as_json, lambda session: undo_decision(session, decision, actor=cli_actor()),
            lambda r: f"undone; now {r.entity} ({r.entity_id})" + (f" and {r.other_id}" if r.other_id else ""))


def _record(db: str | None, as_json: bool, decide, describe) -> None:
    """Apply one analyst decision in its own transaction and print it (JSON or one line)."""
    try:
        with store_session(db, create=False) as session, session.begin():
            result = decide(session)
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json(result.to_json())
        return
    out.print(f"decision #{result.decision_id}: {describe(result)}", markup=False, highlight=False)
