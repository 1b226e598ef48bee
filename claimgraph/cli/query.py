"""Questions to the network: entity, path, neighbours, timeline, rank, communities, contradictions."""

from __future__ import annotations

from enum import StrEnum

import typer
from rich.table import Table

from claimgraph import analysis
from claimgraph.analysis.centrality import RANK_KEYS
from claimgraph.cli.app import app, out
from claimgraph.cli.output import db_option, fail, json_option, print_json, store_session
from claimgraph.errors import ClaimgraphError
from claimgraph.types import CERTAINTIES

CertaintyOption = StrEnum("CertaintyOption", {c: c for c in CERTAINTIES})
RankBy = StrEnum("RankBy", {k: k for k in RANK_KEYS})


def _run(db: str | None, query):  # noqa: ANN001, ANN202
    try:
        with store_session(db, create=False) as session:
            return query(session)
    except ClaimgraphError as error:
        raise fail(error) from error


def _say(text: str) -> None:
    out.print(text, markup=False, highlight=False, soft_wrap=True)


def _claim_line(c) -> str:  # noqa: ANN001
    neg = " DENIED" if c.polarity == "negative" else ""
    where = c.publication or c.document_id
    return f"      [{c.source}, {c.certainty}{neg}] {where} {c.published or ''}: \"{c.evidence}\""


@app.command()
def entity(name: str = typer.Argument(..., help="Id, any name, or list reference."), db: str | None = db_option(),
           as_json: bool = json_option()) -> None:
    """The dossier: type, aliases, designations, claims by relation with grade and evidence, events."""
    d = _run(db, lambda s: analysis.dossier(s, name))
    if as_json:
        print_json(d.to_json())
        return
    _say(f"{d.name}  ({d.type}, id {d.id})")
    _say(f"  aliases: {', '.join(d.aliases)}")
    if d.designations:
        _say(f"  designations: {', '.join(d.designations)}")
    _say(f"  documents: {len(d.documents)}")
    for relation, edges in d.relations.items():
        _say(f"  {relation}")
        for e in edges:
            _say(f"    {e.subject} -> {e.object}  grade {e.grade} ({e.grade_label}), {e.n_sources} source(s)"
                 + (f", contradiction: {e.contradiction}" if e.contradiction else ""))
            for c in e.claims:
                _say(_claim_line(c))
    for ev in d.events:
        _say(f"  event {ev.date or '?'} {ev.type} {ev.location or ''} role={ev.role}: \"{ev.evidence}\"")


@app.command()
def path(
    a: str = typer.Argument(...), b: str = typer.Argument(...),
    max_hops: int = typer.Option(3, "--max-hops", min=1, help="Longest path, in hops."),
    min_certainty: CertaintyOption | None = typer.Option(None, "--min-certainty",
                                                         help="Only edges with a claim at least this sure."),
    source: str | None = typer.Option(None, "--source", help="Only edges claimed by this publication or claimant."),
    k: int = typer.Option(3, "-k", "--k", min=1, help="How many shortest paths."),
    relation: list[str] | None = typer.Option(None, "--relation", help="Only these relations (repeatable)."),
    db: str | None = db_option(), as_json: bool = json_option(),
) -> None:
    """The k shortest paths between two entities, with the evidence for every hop."""
    result = _run(db, lambda s: analysis.find_paths(s, a, b, max_hops, min_certainty and str(min_certainty),
                                                    source, k, relation or None))
    if as_json:
        print_json(result.to_json())
        return
    if not result.paths:
        _say(f"no path from {result.source} to {result.target} within {max_hops} hops")
        return
    for i, p in enumerate(result.paths, 1):
        _say(f"{i}. {' - '.join(p.names)}  ({p.length} hops)")
        for hop in p.hops:
            for e in hop.edges:
                _say(f"    {e.subject} {e.relation} {e.object}  grade {e.grade}")
                for c in e.claims:
                    _say(_claim_line(c))


@app.command()
def neighbours(
    name: str = typer.Argument(...), depth: int = typer.Option(1, "--depth", min=1),
    relation: list[str] | None = typer.Option(None, "--relation", help="Only these relations (repeatable)."),
    db: str | None = db_option(), as_json: bool = json_option(),
) -> None:
    """Entities within DEPTH hops of NAME and the edges that reach them."""
    result = _run(db, lambda s: analysis.neighbours(s, name, depth, relation or None))
    if as_json:
        print_json(result.to_json())
        return
    table = Table("depth", "name", "type", "id", title=f"neighbours of {result.name}")
    for n in result.neighbours:
        table.add_row(str(n.depth), n.name, n.type, n.id)
    out.print(table)
    for e in result.edges:
        _say(f"  {e['subject']} {e['relation']} {e['object']}  grade {e['grade']}")


@app.command()
def timeline(name: str | None = typer.Argument(None), db: str | None = db_option(),
             as_json: bool = json_option()) -> None:
    """Events and dated claims in order (all, or those of one entity)."""
    items = _run(db, lambda s: analysis.timeline(s, name))
    if as_json:
        print_json([i.to_json() for i in items])
        return
    for i in items:
        _say(f"{i.date:<10} {i.kind:<5} {i.what:<14} {i.summary}")


@app.command()
def rank(by: RankBy = typer.Option(RankBy.pagerank, "--by"), limit: int = typer.Option(20, "--limit", min=1),
         db: str | None = db_option(), as_json: bool = json_option()) -> None:
    """Centrality: degree, betweenness and PageRank of every linked entity."""
    rows = _run(db, lambda s: analysis.rank(s, str(by), limit))
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    table = Table("name", "type", "degree", "betweenness", "pagerank", title=f"by {by}")
    for r in rows:
        table.add_row(r.name, r.type, str(r.degree), f"{r.betweenness:.4f}", f"{r.pagerank:.4f}")
    out.print(table)


@app.command()
def communities(min_size: int = typer.Option(2, "--min-size", min=1), db: str | None = db_option(),
                as_json: bool = json_option()) -> None:
    """Groups of entities more tied to each other than to the rest."""
    groups = _run(db, lambda s: analysis.communities(s, min_size))
    if as_json:
        print_json([g.to_json() for g in groups])
        return
    for g in groups:
        _say(f"{g.index}. ({g.size}) " + ", ".join(m["name"] for m in g.members))


@app.command()
def contradictions(name: str | None = typer.Argument(None), db: str | None = db_option(),
                   as_json: bool = json_option()) -> None:
    """Edges with conflicting claims, both sides side by side."""
    rows = _run(db, lambda s: analysis.contradictions(s, name))
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    for r in rows:
        _say(f"{r.subject} {r.relation} {r.object}  ({r.kind}, grade {r.grade})")
        for c in r.side_a:
            _say("  A" + _claim_line(c)[3:])
        for c in r.side_b:
            _say("  B" + _claim_line(c)[3:])


@app.command()
def search(query: str = typer.Argument(..., help="Words that must all occur (at most 12 distinct, 500 chars)."),
           limit: int = typer.Option(20, "--limit", min=1, max=200), db: str | None = db_option(),
           as_json: bool = json_option()) -> None:
    """Documents holding every word (FTS5, ranked, hits in [brackets]) and entities whose names contain the query.
    The same bounded search as the web app's: an over-long query is refused (E510)."""
    from claimgraph.store.search import HIT_CLOSE, HIT_OPEN, find_documents, find_names, search_terms

    def run(session):  # noqa: ANN001, ANN202
        terms = search_terms(query)
        docs = find_documents(session, terms, limit) if terms else []
        for d in docs:
            d["snippet"] = d["snippet"].replace(HIT_OPEN, "[").replace(HIT_CLOSE, "]")
        return docs, find_names(session, query, limit) if terms else []

    docs, names = _run(db, run)
    if as_json:
        print_json({"q": query, "documents": docs, "entities": names})
        return
    for d in docs:
        _say(f"{d['id']}  {d['published'] or '':10}  {d['title'] or ''}")
        _say(f"    {d['snippet']}")
    for n in names:
        _say(f"entity {n['id']}  {n['name']} ({n['type']}, {n['documents']} documents)")
