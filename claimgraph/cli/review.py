"""`claimgraph review CLAIM ACTION`, `claimgraph queue` and `claimgraph audit`: claim review from the shell, under
the CLI user's name in the audit log (the web app's review buttons do the same)."""

from __future__ import annotations

import typer

from claimgraph.analysis.review import review_claim, review_queue
from claimgraph.cli.app import app, out
from claimgraph.cli.output import db_option, fail, json_option, print_json, store_session
from claimgraph.errors import ClaimgraphError
from claimgraph.store.audit import audit_entries, cli_actor


@app.command()
def review(
    claim: int = typer.Argument(..., help="The claim's id (see `claimgraph queue`, or the reader)."),
    action: str = typer.Argument(..., help="confirm, reject or correct."),
    relation: str | None = typer.Option(None, "--relation", help="correct: the relation type."),
    subject: str | None = typer.Option(None, "--subject", help="correct: the document's entity (e3, or its name)."),
    object_: str | None = typer.Option(None, "--object", help="correct: the document's entity (e3, or its name)."),
    source: str | None = typer.Option(None, "--source", help="correct: author, or the document's entity."),
    certainty: str | None = typer.Option(None, "--certainty", help="correct: certain, probable, possible, unknown."),
    note: str | None = typer.Option(None, "--note", help="Why (kept in the audit log)."),
    db: str | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Confirm, reject or correct one claim; replayed when its document is extracted again."""
    try:
        with store_session(db) as session, session.begin():
            result = review_claim(session, claim, action, cli_actor(), note, relation=relation, subject=subject,
                                  object=object_, source=source, certainty=certainty)
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json(result.to_json())
        return
    c = result.claim
    out.print(f"claim {c['id']} {c['review']}: {c['subject']} {c['relation']} {c['object']} "
              f"(source: {c['source']}, {c['certainty']})", markup=False, highlight=False, soft_wrap=True)


@app.command()
def queue(page: int = typer.Option(1, "--page", min=1), db: str | None = db_option(),
          as_json: bool = json_option()) -> None:
    """Claims no analyst has reviewed: contradicted links first, then the weakest grades."""
    try:
        with store_session(db) as session:
            found = review_queue(session, page)
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json(found.to_json())
        return
    out.print(f"{found.total} to review, {found.reviewed} reviewed (page {found.page} of {found.pages})",
              markup=False, highlight=False)
    for c in found.claims:
        conflict = f", contradiction ({c['contradiction']})" if c["contradiction"] else ""
        out.print(f"{c['id']:>6}  grade {c['grade']}{conflict}  {c['subject']} {c['relation']} {c['object']}  "
                  f"— {c['source']}, {c['certainty']}", markup=False, highlight=False, soft_wrap=True)


@app.command()
def audit(
    actor: str | None = typer.Option(None, "--actor", help="Only what this person did."),
    action: str | None = typer.Option(None, "--action", help="Only these actions (a prefix: claim, entity.merge)."),
    target: str | None = typer.Option(None, "--target", help="Only this target (claim:12, decision:3)."),
    page: int = typer.Option(1, "--page", min=1),
    db: str | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """The audit log, newest first: when, who, what, and (with --json) before and after."""
    try:
        with store_session(db) as session:
            found = audit_entries(session, actor=actor, action=action, target=target, page=page)
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json({"entries": found.entries, "total": found.total, "page": found.page, "pages": found.pages})
        return
    for e in found.entries:
        note = f" — {e['note']}" if e["note"] else ""
        out.print(f"{e['created'][:19]}  {e['actor']} ({e['role']})  {e['action']}  {e['target']}: {e['summary']}"
                  f"{note}", markup=False, highlight=False, soft_wrap=True)
