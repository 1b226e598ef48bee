"""Contradictions inside one edge: some sources affirm it and others deny it, or sources disagree on how sure
they are. Both sides are returned so they can be shown side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import CERTAINTY_RANK, ClaimView, claims_touching
from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.views import Namer, claim_out


@dataclass
class Conflict:
    kind: str  # "polarity" (affirmed vs denied) | "certainty" (claimants differ in certainty)
    side_a: list[ClaimView] = field(default_factory=list)  # affirmed, or the more certain claimants
    side_b: list[ClaimView] = field(default_factory=list)  # denied, or the less certain claimants

    def to_json(self) -> dict:
        return {"kind": self.kind, "side_a": [c.to_json() for c in self.side_a],
                "side_b": [c.to_json() for c in self.side_b]}


def find_conflict(claims: Sequence[ClaimView]) -> Conflict | None:
    """Polarity conflicts win over certainty ones; certainty conflicts need two different claimants."""
    affirmed = [c for c in claims if c.polarity != "negative"]
    denied = [c for c in claims if c.polarity == "negative"]
    if affirmed and denied:
        return Conflict("polarity", affirmed, denied)
    by_claimant: dict[str, int] = {}
    for c in affirmed:
        by_claimant[c.claimant] = max(by_claimant.get(c.claimant, -1), CERTAINTY_RANK.get(c.certainty, 0))
    if len(set(by_claimant.values())) > 1:
        top = max(by_claimant.values())
        high = [c for c in affirmed if by_claimant[c.claimant] == top]
        low = [c for c in affirmed if by_claimant[c.claimant] != top]
        return Conflict("certainty", high, low)
    return None


@dataclass
class ContradictionOut:
    """One contested edge with both sides' claims, names filled in."""

    subject_id: str
    subject: str
    relation: str
    object_id: str
    object: str
    kind: str
    grade: int
    side_a: list = field(default_factory=list)  # ClaimOut: affirmed / more certain
    side_b: list = field(default_factory=list)  # ClaimOut: denied / less certain

    def to_json(self) -> dict:
        return {"subject_id": self.subject_id, "subject": self.subject, "relation": self.relation,
                "object_id": self.object_id, "object": self.object, "kind": self.kind, "grade": self.grade,
                "side_a": [c.to_json() for c in self.side_a], "side_b": [c.to_json() for c in self.side_b]}


def contradictions(session: Session, name_or_id: str | None = None) -> list[ContradictionOut]:
    """Edges whose claims conflict (all, or those touching one entity), polarity conflicts first."""
    sql = "SELECT subject_id, relation, object_id, contradiction, grade FROM edges WHERE contradiction IS NOT NULL"
    params: dict = {}
    if name_or_id:
        params["c"] = find_entity(session, name_or_id).id
        sql += " AND (subject_id = :c OR object_id = :c)"
    rows = session.execute(text(sql + " ORDER BY contradiction DESC, subject_id, relation, object_id"), params).all()
    name = Namer(session)
    name.load([x for r in rows for x in (r[0], r[2])])
    out = []
    for s, rel, o, _kind, grade in rows:
        claims = [c for c in claims_touching(session, [s]) if c.edge_key == (s, rel, o)]
        conflict = find_conflict(claims)
        if conflict is None:
            continue
        name.load(c.source for c in claims)
        out.append(ContradictionOut(s, name(s), rel, o, name(o), conflict.kind, grade,
                                    [claim_out(c, name) for c in conflict.side_a],
                                    [claim_out(c, name) for c in conflict.side_b]))
    return out
