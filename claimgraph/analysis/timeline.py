"""The timeline: incidents (events grouped across the documents that report them) and dated claims in date order,
for the whole store or one entity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy.orm import Session

from claimgraph.analysis.claims import all_claims, claims_touching
from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.incidents import incidents
from claimgraph.analysis.views import Namer
from claimgraph.errors import QueryError
from claimgraph.types import EVENT_TYPES

CLAIM_KIND = "claim"
TIMELINE_TYPES: tuple[str, ...] = (*EVENT_TYPES, CLAIM_KIND)  # what the timeline can be filtered by


@dataclass
class TimelineItem:
    date: str
    kind: str  # "event" | "claim"
    what: str  # event type, or the relation
    summary: str
    document_id: str  # the first report's document
    evidence: str
    id: int  # the incident id (smallest event id of its reports), or the claim id
    killed: int | None = None
    wounded: int | None = None
    arrested: int | None = None
    weapons: list[str] = field(default_factory=list)
    location: str | None = None
    precision: str | None = None  # "year" | "month" | "day"
    sources: list[dict] = field(default_factory=list)  # every report of an incident: document, counts, evidence

    def to_json(self) -> dict:
        return asdict(self)


def timeline(session: Session, name_or_id: str | None = None,
             types: Sequence[str] | None = None) -> list[TimelineItem]:
    """Dated incidents and claims that carry their own date, oldest first; `types` keeps those event types and,
    with "claim" among them, claims."""
    name = Namer(session)
    wanted = [t for t in (types or ()) if t]
    unknown = [t for t in wanted if t not in TIMELINE_TYPES]
    if unknown:
        raise QueryError(f"unknown timeline type {unknown[0]!r}; choose from {', '.join(TIMELINE_TYPES)}",
                         code="E502")
    event_types = [t for t in wanted if t != CLAIM_KIND]
    items = []
    if not wanted or event_types:
        for inc in incidents(session, name_or_id, event_types or None, name):
            if not inc.date:
                continue
            who = ", ".join(f"{p['name']} ({p['role']})" for p in inc.participants)
            where = f" in {inc.location}" if inc.location else ""
            kind = "/".join(inc.subtypes) or inc.type
            first = inc.sources[0]
            items.append(TimelineItem(inc.date, "event", inc.type, f"{kind}{where}: {who}".strip(), first.document_id,
                                      first.evidence, inc.id, inc.killed, inc.wounded, inc.arrested, inc.weapons,
                                      inc.location, inc.precision, [s.to_json() for s in inc.sources]))
    if not wanted or CLAIM_KIND in wanted:
        claims = claims_touching(session, [find_entity(session, name_or_id).id]) if name_or_id else all_claims(session)
        dated = [c for c in claims if c.date]
        name.load([x for c in dated for x in (c.subject, c.object)])
        for c in dated:
            neg = "not " if c.polarity == "negative" else ""
            items.append(TimelineItem(c.date or "", CLAIM_KIND, c.relation,
                                      f"{name(c.subject)} {neg}{c.relation} {name(c.object)}", c.document_id,
                                      c.evidence, c.id))
    items.sort(key=lambda i: (i.date, i.kind, i.id))
    return items
