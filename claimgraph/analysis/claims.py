"""Claims as the analysis sees them: one stored claim with both ends and its source mapped to canonical entities."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from claimgraph.types import SYMMETRIC_RELATIONS

AUTHOR = "author"
CERTAINTY_RANK = {"unknown": 0, "possible": 1, "probable": 2, "certain": 3}


@dataclass(frozen=True)
class ClaimView:
    id: int
    document_id: str
    publication: str | None
    published: str | None
    title: str | None
    subject: str  # canonical id
    relation: str
    object: str  # canonical id
    source: str  # canonical id of the claimant, or "author"
    certainty: str
    polarity: str
    evidence: str
    evidence_start: int
    evidence_end: int
    date: str | None
    rule: str
    review: str | None = None  # confirmed | corrected by an analyst (rejected claims are never read)
    story: str | None = None  # the near-duplicate story of its document (store/stories.py)

    @property
    def edge_key(self) -> tuple[str, str, str]:
        """Symmetric relations are stored once, with the smaller id first."""
        if self.relation in SYMMETRIC_RELATIONS and self.object < self.subject:
            return (self.object, self.relation, self.subject)
        return (self.subject, self.relation, self.object)

    @property
    def claimant(self) -> str:
        """Who vouches for the claim: the named source, else the author of this publication (or document)."""
        if self.source != AUTHOR:
            return f"source:{self.source}"
        return f"author:{self.publication or self.document_id}"

    def to_json(self) -> dict:
        return asdict(self)


_SELECT = """
SELECT c.id, c.doc_id, d.publication, d.published, d.title, s.canonical_id, c.relation, o.canonical_id,
       CASE WHEN c.source_id IS NULL THEN 'author' ELSE COALESCE(src.canonical_id, 'author') END,
       c.certainty, c.polarity, c.evidence_text, c.evidence_start, c.evidence_end, c.date, c.rule, c.review,
       COALESCE(st.story_id, c.doc_id)
FROM claims c
JOIN entities s ON s.id = c.subject_id
JOIN entities o ON o.id = c.object_id
LEFT JOIN entities src ON src.id = c.source_id
JOIN documents d ON d.id = c.doc_id
LEFT JOIN document_stories st ON st.doc_id = c.doc_id
"""
# An analyst's rejection takes a claim out of the network: edges, grades, dossiers, paths and every export.
NOT_REJECTED = "(c.review IS NULL OR c.review <> 'rejected')"


def fetch_rows(session: Session, sql: str, params: dict) -> list[tuple]:
    """Rows through the driver cursor (`:name` parameters): thousands of small rows without per-row ORM cost."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        sql = re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql)
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def _rows(session: Session, where: str, params: dict) -> list[ClaimView]:
    sql = _SELECT + f" WHERE {NOT_REJECTED}" + (f" AND {where}" if where else "") + " ORDER BY c.id"
    return [ClaimView(*row) for row in fetch_rows(session, sql, params) if row[5] is not None and row[7] is not None]


def all_claims(session: Session) -> list[ClaimView]:
    return _rows(session, "", {})


def _in_list(column: str, values: Sequence, prefix: str) -> tuple[str, dict]:
    names = ", ".join(f":{prefix}{i}" for i in range(len(values)))
    return f"{column} IN ({names})", {f"{prefix}{i}": v for i, v in enumerate(values)}


def claims_in_documents(session: Session, doc_ids: Sequence[str]) -> list[ClaimView]:
    """The claims these documents make (what a new document adds to the network)."""
    out: list[ClaimView] = []
    values = sorted(doc_ids)
    for start in range(0, len(values), 500):
        out.extend(_rows(session, *_in_list("c.doc_id", values[start:start + 500], "d")))
    return out


def claims_with_sources(session: Session, entity_ids: Sequence[int]) -> list[ClaimView]:
    """Claims whose claimant is one of these per-document entities."""
    out: list[ClaimView] = []
    values = sorted(entity_ids)
    for start in range(0, len(values), 500):
        out.extend(_rows(session, *_in_list("c.source_id", values[start:start + 500], "e")))
    return out


def claims_touching(session: Session, canonical_ids: Sequence[str]) -> list[ClaimView]:
    """Claims whose subject or object belongs to one of these canonical entities (index on canonical_id)."""
    if not canonical_ids:
        return []
    names = ", ".join(f":c{i}" for i in range(len(canonical_ids)))
    params = {f"c{i}": cid for i, cid in enumerate(canonical_ids)}
    member_ids = f"SELECT id FROM entities WHERE canonical_id IN ({names})"
    seen: dict[int, ClaimView] = {}
    for column in ("c.subject_id", "c.object_id"):
        for claim in _rows(session, f"{column} IN ({member_ids})", params):
            seen[claim.id] = claim
    return [seen[k] for k in sorted(seen)]


def claims_of_edge(session: Session, subject: str, relation: str, obj: str) -> list[ClaimView]:
    """The claims behind one edge (both directions for a symmetric relation)."""
    key = (subject, relation, obj)
    if relation in SYMMETRIC_RELATIONS and obj < subject:
        key = (obj, relation, subject)
    return [c for c in claims_touching(session, [subject]) if c.edge_key == key]


_COLUMNS = _SELECT.split("FROM claims c")[0]
_EDGE_FROM = """
FROM entities {first} {join} claims c ON c.{first_col} = {first}.id
JOIN entities {second} ON {second}.id = c.{second_col}
LEFT JOIN entities src ON src.id = c.source_id
JOIN documents d ON d.id = c.doc_id
LEFT JOIN document_stories st ON st.doc_id = c.doc_id
WHERE {first}.canonical_id = :{first} AND {second}.canonical_id = :{second} AND c.relation = :r
  AND (c.review IS NULL OR c.review <> 'rejected')
"""


def _members(session: Session, canonical_id: str) -> int:
    """Documents naming the entity (~ its per-document rows), from the canonical row."""
    rows = fetch_rows(session, "SELECT n_documents FROM canonical_entities WHERE id = :c", {"c": canonical_id})
    return rows[0][0] if rows else 0


def claims_for_edges(session: Session, keys: Sequence[tuple[str, str, str]]) -> list[ClaimView]:
    """The claims behind these edges only, read from whichever end has fewer per-document entities (a hub
    named in thousands of documents is never the side the query walks)."""
    seen: dict[int, ClaimView] = {}
    # SQLite's CROSS JOIN keeps the written join order (walk from the smaller end); PostgreSQL plans it itself.
    join = "CROSS JOIN" if session.get_bind().dialect.name == "sqlite" else "JOIN"
    for s, rel, o in dict.fromkeys(keys):
        directions = [(s, o), (o, s)] if rel in SYMMETRIC_RELATIONS else [(s, o)]
        for subj, obj in directions:
            by_subject = _members(session, subj) <= _members(session, obj)
            sql = _COLUMNS + _EDGE_FROM.format(
                join=join, first="s" if by_subject else "o", first_col="subject_id" if by_subject else "object_id",
                second="o" if by_subject else "s", second_col="object_id" if by_subject else "subject_id")
            for row in fetch_rows(session, sql + " ORDER BY c.id", {"s": subj, "o": obj, "r": rel}):
                seen[row[0]] = ClaimView(*row)
    return [seen[k] for k in sorted(seen)]


def claim_by_id(session: Session, claim_id: int) -> ClaimView | None:
    """One stored claim with canonical ends, or None when there is no such claim or an end is not resolved."""
    found = _rows(session, "c.id = :id", {"id": claim_id})
    return found[0] if found else None
