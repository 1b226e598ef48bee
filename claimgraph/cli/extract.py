"""`claimgraph extract FILE_OR_DIR...`: extractions printed or written per input, without touching the store.

All inputs share one process and one loaded model (`nlp.pipe` over the lot), so a folder of articles pays model
loading once. `--out DIR` writes `<name>.json` per input (FORMAT.md shape), the layout `score.py` reads.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from claimgraph.cli.app import app, err, out
from claimgraph.errors import ClaimgraphError
from claimgraph.extract.pipeline import extract_documents
from claimgraph.ingest.document import Document
from claimgraph.ingest.sources import iter_inputs, read_source

# Inside a directory only article files are read; a gold file or notes beside the articles are not articles.
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ""}


class Format(StrEnum):
    json = "json"
    text = "text"


def _inputs(paths: list[str]) -> list[str]:
    """Paths as given; inside a directory, only files with an article suffix."""
    chosen = []
    for path in paths:
        if path != "-" and Path(path).is_dir():
            chosen += [p for p in iter_inputs([path]) if Path(p).suffix.lower() in ARTICLE_SUFFIXES]
        else:
            chosen.append(path)
    return chosen


def _output_names(sources: list[tuple[str, Document]]) -> list[str]:
    """`<stem>` per document; a feed's entries and clashing stems get `-2`, `-3`, ..."""
    names, used = [], set()
    for source, _ in sources:
        stem = "stdin" if source == "-" else Path(source).stem
        name, n = stem, 1
        while name in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        names.append(name)
    return names


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="Files or directories to read, or - for stdin."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="json (FORMAT.md) or text."),
    out_dir: Path | None = typer.Option(None, "--out", "-o", help="Write <name>.json per input into this folder."),
) -> None:
    """Extract entities, claims and events and print them (or write one JSON file per input with --out)."""
    failed = False
    documents: list[tuple[str, Document]] = []
    for source in _inputs(inputs):
        try:
            documents += [(source, d) for d in read_source(source)]
        except ClaimgraphError as error:
            typer.echo(f"claimgraph: error: {error}", err=True)
            failed = True
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        names = _output_names(documents)
        extractions = extract_documents(d for _, d in documents)
        for name, extraction in zip(names, extractions, strict=True):
            target = out_dir / f"{name}.json"
            target.write_text(json.dumps(extraction.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        err.print(f"{len(names)} extractions written to {out_dir}", highlight=False)
        raise typer.Exit(1 if failed else 0)
    results = [x.to_json() for x in extract_documents(d for _, d in documents)]
    if format is Format.json:
        payload = results[0] if len(results) == 1 else results
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        for result in results:
            _print_text(result)
    raise typer.Exit(1 if failed else 0)


def _print_text(result: dict) -> None:
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
