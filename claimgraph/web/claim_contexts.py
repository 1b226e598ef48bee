"""One claim as the reader's panel shows it: who says what, how sure, the grade of the link it supports, the
dossiers of both ends, and the other claims behind the same link (with where to read them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from claimgraph.analysis.claims import claim_by_id, claims_for_edges
from claimgraph.analysis.views import Namer, claim_out, edges_out
from claimgraph.errors import QueryError


@dataclass
class ClaimContext:
    claims: list[dict] = field(default_factory=list)  # each: the claim, its ends, the edge's grade, other claims

    def to_json(self) -> dict:
        return {"claims": self.claims}


def _claim(session: Session, claim_id: int, name: Namer) -> dict:
    view = claim_by_id(session, claim_id)
    if view is None:
        raise QueryError(f"no claim {claim_id} in the network", where=str(claim_id), code="E522")
    key = view.edge_key
    edges = edges_out(session, claims_for_edges(session, [key]), name, [key])
    edge = edges[0] if edges else None
    return {**claim_out(view, name).to_json(), "subject_id": view.subject, "subject": name(view.subject),
            "relation": view.relation, "object_id": view.object, "object": name(view.object),
            "grade": edge.grade if edge else None, "grade_label": edge.grade_label if edge else None,
            "n_sources": edge.n_sources if edge else 0, "edge": {"s": key[0], "r": key[1], "o": key[2]},
            "others": [c.to_json() for c in (edge.claims if edge else []) if c.id != view.id]}


def claim_context(session: Session, claim_ids: list[int]) -> ClaimContext:
    """These claims (a highlighted sentence can carry several), each with its link's grade and other claims;
    QueryError E522 for an unknown claim."""
    if not claim_ids:
        raise QueryError("no claim asked for", code="E522")
    name = Namer(session)
    return ClaimContext([_claim(session, cid, name) for cid in dict.fromkeys(claim_ids[:20])])
