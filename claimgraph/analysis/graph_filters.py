"""Which edges have an affirming claim from a given claimant or publication, within a date range.

The edges table keeps counts per (subject, relation, object); filters on who said it, where and when have to look
at the claims, so this returns the set of edge keys that pass and the graph keeps only those.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import NOT_REJECTED
from claimgraph.analysis.entities import find_entity
from claimgraph.errors import QueryError
from claimgraph.types import SYMMETRIC_RELATIONS

Edge = tuple[str, str, str]


@dataclass
class ClaimFilter:
    claimant: str | None = None  # any name of the claimant, or "author"
    publication: str | None = None  # case-insensitive
    date_from: str | None = None  # ISO prefix, inclusive; compared to the claim's date, else its document's
    date_to: str | None = None

    @property
    def active(self) -> bool:
        return any((self.claimant, self.publication, self.date_from, self.date_to))


def matching_edge_keys(session: Session, f: ClaimFilter) -> set[Edge]:
    """Edge keys (both orientations for symmetric relations) with at least one affirming claim passing f."""
    where, params = ["c.polarity != 'negative'", NOT_REJECTED], {}
    if f.claimant:
        if f.claimant.strip().casefold() == "author":
            where.append("c.source_id IS NULL")
        else:
            try:
                params["claimant"] = find_entity(session, f.claimant).id
            except QueryError:
                return set()
            where.append("sc.canonical_id = :claimant")
    if f.publication:
        where.append("lower(d.publication) = lower(:publication)")
        params["publication"] = f.publication
    when = "COALESCE(c.date, d.published)"
    if f.date_from:
        where.append(f"{when} >= :date_from")
        params["date_from"] = f.date_from
    if f.date_to:
        where.append(f"substr({when}, 1, :to_len) <= :date_to")
        params.update(date_to=f.date_to, to_len=len(f.date_to))
    sql = ("SELECT DISTINCT s.canonical_id, c.relation, o.canonical_id FROM claims c "
           "JOIN entities s ON s.id = c.subject_id JOIN entities o ON o.id = c.object_id "
           "JOIN documents d ON d.id = c.doc_id LEFT JOIN entities sc ON sc.id = c.source_id "
           f"WHERE {' AND '.join(where)}")
    keys: set[Edge] = set()
    for s, rel, o in session.execute(text(sql), params):
        keys.add((s, rel, o))
        if rel in SYMMETRIC_RELATIONS:
            keys.add((o, rel, s))
    return keys
