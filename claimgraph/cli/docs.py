"""`claimgraph docs` and `claimgraph show DOC_ID`: what the store holds, document by document."""

from __future__ import annotations

import typer
from rich import box
from rich.table import Table

from claimgraph.cli.app import app, out
from claimgraph.cli.output import db_option, fail, json_option, print_json, store_session
from claimgraph.errors import ClaimgraphError
from claimgraph.store.queries import document_json, list_documents


@app.command()
def docs(db: str | None = db_option(), as_json: bool = json_option()) -> None:
    """List stored documents with their date, publication, title and row counts."""
    try:
        with store_session(db) as session:
            rows = list_documents(session)
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    # One line per document: the title takes what the fixed columns leave, cut with an ellipsis.
    table = Table(title=f"{len(rows)} documents", caption="ent entities, clm claims, evt events", box=box.SIMPLE_HEAD,
                  pad_edge=False, expand=True)
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("publication", no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column("title", no_wrap=True, overflow="ellipsis", ratio=1)
    for name in ("ent", "clm", "evt"):
        table.add_column(name, justify="right", no_wrap=True, min_width=4)
    for r in rows:
        table.add_row(r.id, r.published or "", r.publication or "", r.title or r.source, str(r.entities),
                      str(r.claims), str(r.events))
    out.print(table)


def _name(names: dict[str, str], entity_id: str | None) -> str:
    if entity_id is None:
        return "-"
    return names.get(entity_id, entity_id)


def _print_document(data: dict) -> None:
    meta, doc = data["metadata"], data["document"]
    out.print(f"[bold]{meta.get('title') or doc['source']}[/bold]", highlight=False)
    for key in ("subtitle", "authors", "published", "publication", "volume", "issue", "url", "dateline_place"):
        value = meta.get(key)
        if value:
            out.print(f"  {key}: {', '.join(value) if isinstance(value, list) else value}", markup=False)
    out.print(f"  id: {doc['id']}  kind: {doc['kind']}  source: {doc['source']}  length: {doc['length']}",
              markup=False)
    names = {e["id"]: e["name"] for e in data["entities"]}
    names["author"] = "author"
    entities = Table("id", "type", "name", "aliases", "mentions", title=f"{len(data['entities'])} entities")
    for e in data["entities"]:
        entities.add_row(e["id"], e["type"], e["name"], ", ".join(e["aliases"]), str(len(e["mentions"])))
    out.print(entities)
    claims = Table("subject", "relation", "object", "source", "certainty", "polarity", "rule",
                   title=f"{len(data['relations'])} claims")
    for c in data["relations"]:
        claims.add_row(_name(names, c["subject"]), c["type"], _name(names, c["object"]), _name(names, c["source"]),
                       c["certainty"], c["polarity"], c["rule"])
    out.print(claims)
    events = Table("type", "date", "location", "killed", "wounded", "arrested", "participants",
                   title=f"{len(data['events'])} events")
    for e in data["events"]:
        people = ", ".join(f"{p['role']}: {_name(names, p['entity'])}" for p in e["participants"])
        events.add_row(e["type"], e["date"] or "", _name(names, e["location"]), *(
            "" if e[k] is None else str(e[k]) for k in ("killed", "wounded", "arrested")), people)
    out.print(events)


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="Document id or a unique prefix of it."),
    db: str | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Show one stored document: metadata, entities, claims and events."""
    try:
        with store_session(db) as session:
            data = document_json(session, doc_id)
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json(data)
    else:
        _print_document(data)
