"""The timeline: events and dated claims in date order, for the whole store or one entity."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import all_claims, claims_touching
from claimgraph.analysis.dossier import entity_event_ids, events_of
from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.views import Namer


@dataclass
class TimelineItem:
    date: str
    kind: str  # "event" | "claim"
    what: str  # event type, or the relation
    summary: str
    document_id: str
    evidence: str
    id: int

    def to_json(self) -> dict:
        return asdict(self)


def timeline(session: Session, name_or_id: str | None = None) -> list[TimelineItem]:
    """Dated events (by the event's date) and claims that carry their own date, oldest first."""
    name = Namer(session)
    if name_or_id:
        focus = find_entity(session, name_or_id).id
        event_ids = entity_event_ids(session, focus)
        claims = claims_touching(session, [focus])
    else:
        focus = None
        event_ids = [r[0] for r in session.execute(text("SELECT id FROM events WHERE date IS NOT NULL"))]
        claims = all_claims(session)
    items = []
    for ev in events_of(session, event_ids, name, focus):
        if not ev.date:
            continue
        who = ", ".join(f"{p['name']} ({p['role']})" for p in ev.participants)
        where = f" in {ev.location}" if ev.location else ""
        items.append(TimelineItem(ev.date, "event", ev.type, f"{ev.subtype or ev.type}{where}: {who}".strip(),
                                  ev.document_id, ev.evidence, ev.id))
    dated = [c for c in claims if c.date]
    name.load([x for c in dated for x in (c.subject, c.object)])
    for c in dated:
        neg = "not " if c.polarity == "negative" else ""
        items.append(TimelineItem(c.date or "", "claim", c.relation,
                                  f"{name(c.subject)} {neg}{c.relation} {name(c.object)}", c.document_id,
                                  c.evidence, c.id))
    items.sort(key=lambda i: (i.date, i.kind, i.id))
    return items
