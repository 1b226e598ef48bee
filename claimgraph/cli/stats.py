"""`claimgraph stats`: how much the store holds, its most mentioned entities and most repeated claims."""

from __future__ import annotations

from rich.table import Table

from claimgraph.cli.app import app, out
from claimgraph.cli.output import db_option, fail, json_option, print_json, store_session
from claimgraph.errors import ClaimgraphError
from claimgraph.store.queries import store_stats


def print_stats(stats: dict) -> None:
    """The Rich summary `make demo` shows: counts, top entities, claims by relation, top claims."""
    counts = stats["counts"]
    out.print(", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items()), highlight=False,
              soft_wrap=True)
    entities = Table("name", "type", "mentions", "documents", title="top entities")
    for e in stats["top_entities"]:
        entities.add_row(e["name"], e["type"], str(e["mentions"]), str(e["documents"]))
    out.print(entities)
    relations = Table("relation", "claims", title="claims by relation")
    for r in stats["claims_by_relation"]:
        relations.add_row(r["relation"], str(r["claims"]))
    out.print(relations)
    claims = Table("subject", "relation", "object", "claims", "documents", title="top claims")
    for c in stats["top_claims"]:
        claims.add_row(c["subject"], c["relation"], c["object"], str(c["claims"]), str(c["documents"]))
    out.print(claims)


@app.command()
def stats(db: str | None = db_option(), as_json: bool = json_option()) -> None:
    """Counts, top entities by mentions, claims by relation type and the claims most documents make."""
    try:
        with store_session(db) as session:
            data = store_stats(session)
    except ClaimgraphError as error:
        raise fail(error) from error
    if as_json:
        print_json(data)
    else:
        print_stats(data)
