"""`claimgraph extract FILE`: one file's extraction, printed, without touching the store."""

from __future__ import annotations

import json
from enum import StrEnum

import typer

from claimgraph.cli.app import app, out
from claimgraph.errors import ClaimgraphError
from claimgraph.extract.pipeline import extract_documents
from claimgraph.ingest.sources import read_source


class Format(StrEnum):
    json = "json"
    text = "text"


@app.command()
def extract(
    file: str = typer.Argument(..., help="File to read, or - for stdin."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="json (FORMAT.md) or text."),
) -> None:
    """Extract entities, claims and events from one file and print them."""
    try:
        documents = read_source(file)
    except ClaimgraphError as err:
        typer.echo(f"claimgraph: error: {err}", err=True)
        raise typer.Exit(1) from err
    results = [x.to_json() for x in extract_documents(documents)]
    if format is Format.json:
        payload = results[0] if len(results) == 1 else results
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
        return
    for result in results:
        meta = result["metadata"]
        out.print(f"[bold]{meta.get('title') or result['document']['source']}[/bold]")
        out.print(f"  {len(result['entities'])} entities, {len(result['relations'])} claims, "
                  f"{len(result['events'])} events")
        for ent in result["entities"]:
            out.print(f"  {ent['type']:<12} {ent['name']}  ({', '.join(ent['aliases'])})", markup=False)
        for c in result["relations"]:
            out.print(f"  {c['subject']} {c['type']} {c['object']}  [{c['source']}, {c['certainty']}, "
                      f"{c['polarity']}]  {c['rule']}", markup=False)
        for e in result["events"]:
            out.print(f"  event {e['type']} {e['date']} at {e['location']}", markup=False)
