"""Plain result shapes shared by the queries: a claim with names filled in, an edge with its claims."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from claimgraph.analysis.claims import AUTHOR, ClaimView, fetch_rows
from claimgraph.analysis.entities import entity_names
from claimgraph.analysis.grading import GRADE_LABELS
from claimgraph.analysis.shapes import shallow_json
from claimgraph.store.stories import also_published


@dataclass
class ClaimOut:
    id: int
    document_id: str
    title: str | None
    publication: str | None
    published: str | None
    date: str | None
    source_id: str
    source: str  # claimant's name, or "author"
    certainty: str
    polarity: str
    evidence: str
    evidence_start: int
    evidence_end: int
    rule: str
    review: str | None = None  # confirmed | corrected by an analyst
    also_published: list[str] = field(default_factory=list)  # who else printed the same story (near-duplicates)

    def to_json(self) -> dict:
        return shallow_json(self)


@dataclass
class EdgeOut:
    subject_id: str
    subject: str
    relation: str
    object_id: str
    object: str
    grade: int
    grade_label: str
    n_sources: int
    n_denials: int
    n_claims: int
    contradiction: str | None
    claims: list[ClaimOut] = field(default_factory=list)

    def to_json(self) -> dict:
        data = shallow_json(self)
        data["claims"] = [c.to_json() for c in self.claims]
        return data


class Namer:
    """Canonical ids to names, fetched in batches and cached for one query."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.names: dict[str, str] = {AUTHOR: AUTHOR}

    def load(self, ids: Iterable[str]) -> None:
        missing = [i for i in dict.fromkeys(ids) if i not in self.names]
        for cid, row in entity_names(self.session, missing).items():
            self.names[cid] = row.name

    def __call__(self, cid: str) -> str:
        if cid not in self.names:
            self.load([cid])
        return self.names.get(cid, cid)


def claim_out(claim: ClaimView, name: Namer) -> ClaimOut:
    return ClaimOut(claim.id, claim.document_id, claim.title, claim.publication, claim.published, claim.date,
                    claim.source, name(claim.source), claim.certainty, claim.polarity, claim.evidence,
                    claim.evidence_start, claim.evidence_end, claim.rule, claim.review)


_EDGE_COLUMNS = "subject_id, relation, object_id, grade, n_sources, n_denials, n_claims, contradiction"


def _edge_rows(session: Session, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], tuple]:
    """Stored edge rows for these keys: all edges of the most shared end in two queries, the rest one by one."""
    rows: dict[tuple[str, str, str], tuple] = {}
    if len(keys) > 4:
        focus = Counter(x for k in keys for x in (k[0], k[2])).most_common(1)[0][0]
        for column in ("subject_id", "object_id"):
            for row in fetch_rows(session, f"SELECT {_EDGE_COLUMNS} FROM edges WHERE {column} = :c", {"c": focus}):
                rows[(row[0], row[1], row[2])] = row
    for key in keys:
        if key not in rows:
            found = fetch_rows(session, f"SELECT {_EDGE_COLUMNS} FROM edges WHERE subject_id = :s AND relation = :r "
                               "AND object_id = :o", {"s": key[0], "r": key[1], "o": key[2]})
            if found:
                rows[key] = found[0]
    return rows


def edges_out(session: Session, claims: Sequence[ClaimView], name: Namer,
              keys: Iterable[tuple[str, str, str]] | None = None) -> list[EdgeOut]:
    """EdgeOut for each edge key among the claims (or only `keys`), with the stored grade and counts."""
    by_key: dict[tuple[str, str, str], list[ClaimView]] = {}
    for c in claims:
        by_key.setdefault(c.edge_key, []).append(c)
    wanted = list(keys) if keys is not None else sorted(by_key)
    name.load([x for k in wanted for x in (k[0], k[2])] + [c.source for c in claims])
    rows = _edge_rows(session, wanted)
    also = also_published(session, sorted({c.document_id for c in claims}))
    out = []
    for key in wanted:
        if key not in rows:
            continue
        s, rel, o, grade, n_sources, n_denials, n_claims, contradiction = rows[key]
        edge_claims = [claim_out(c, name) for c in by_key.get(key, [])]
        for c in edge_claims:
            c.also_published = [d["publication"] or d["title"] or d["id"] for d in also.get(c.document_id, [])]
        out.append(EdgeOut(s, name(s), rel, o, name(o), grade, GRADE_LABELS[grade], n_sources, n_denials, n_claims,
                           contradiction, edge_claims))
    return out
