"""`claimgraph token create|list|revoke`: people's tokens for the web app and the API (analyst or admin).

The plain token is printed once, on creation, to stdout; the store keeps only its SHA-256. Every change is in
the audit log under the CLI user's name.
"""

from __future__ import annotations

import typer

from claimgraph.cli.app import app, out
from claimgraph.cli.output import db_option, fail, json_option, print_json, store_session
from claimgraph.errors import ClaimgraphError
from claimgraph.store.audit import cli_actor
from claimgraph.store.tokens import create_token, list_tokens, revoke_token, token_json

token_app = typer.Typer(help="People's tokens: create (printed once), list, revoke.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def create(
    name: str = typer.Argument(..., help="Whose token: the name the audit log shows."),
    role: str = typer.Option("analyst", "--role", help="analyst (may review and curate) or admin (also tokens)."),
    db: str | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Make a token for NAME and print it once (only its hash is stored)."""
    try:
        with store_session(db, create=True) as session, session.begin():
            row, plain = create_token(session, name, role, cli_actor())
            data = {**token_json(row), "token": plain}
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json(data)
        return
    out.print(plain, markup=False, highlight=False)
    typer.echo(f"token #{data['id']} for {data['name']} ({data['role']}); shown once, keep it safe", err=True)


@token_app.command("list")
def list_(
    all_: bool = typer.Option(False, "--all", help="Also revoked tokens."),
    db: str | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """People with tokens: id, name, role, when made and by whom (never the token)."""
    try:
        with store_session(db) as session:
            rows = [token_json(r) for r in list_tokens(session, include_revoked=all_)]
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json(rows)
        return
    for r in rows:
        state = f"revoked {r['revoked'][:16]}" if r["revoked"] else "active"
        out.print(f"{r['id']:>4}  {r['name']}  {r['role']}  {state}  made {r['created'][:16]} by {r['created_by']}",
                  markup=False, highlight=False)


@token_app.command("revoke")
def revoke(
    who: str = typer.Argument(..., help="The person's name (or the token id)."),
    db: str | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Revoke a person's active token; their logged-in sessions end with it."""
    try:
        with store_session(db) as session, session.begin():
            data = token_json(revoke_token(session, who, cli_actor()))
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json(data)
        return
    out.print(f"revoked token #{data['id']} of {data['name']} ({data['role']})", markup=False, highlight=False)
