"""Incidents: the events that several documents (or one document twice) report about one happening, grouped.

Two reports are of the same incident when they have the same event type, the same place (canonical entity) and
dates that agree within the precision each reports: "2024-03" agrees with "2024-03-15", "2024-03-15" does not
agree with "2024-03-16". Reports are taken most precise first; a report joins the one incident all of whose
reports its date agrees with, and starts an incident of its own when there is none or more than one (a "March"
report next to a 3 March and a 20 March incident could be either, so it is not guessed). A report without a
place or a date is an incident of its own: nothing says which happening it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.dossier import EventOut, entity_event_ids, events_of
from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.shapes import shallow_json
from claimgraph.analysis.views import Namer

PRECISION = {4: "year", 7: "month", 10: "day"}


def dates_agree(a: str, b: str) -> bool:
    """Whether two ISO dates ("2024", "2024-03", "2024-03-15") can name the same day at their precisions."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


@dataclass
class IncidentSource:
    """One report of an incident: the event row, its document and what that document says of it."""

    event_id: int
    document_id: str
    title: str | None
    publication: str | None
    published: str | None
    date: str | None
    certainty: str
    killed: int | None
    wounded: int | None
    arrested: int | None
    evidence: str
    evidence_start: int
    evidence_end: int

    def to_json(self) -> dict:
        return shallow_json(self)


@dataclass
class Incident:
    id: int  # the smallest event id among its reports (stable while those reports exist)
    type: str
    subtypes: list[str]
    date: str | None  # the most precise date reported
    location_id: str | None
    location: str | None
    killed: int | None  # the highest count any report gives (reports differ: see each source)
    wounded: int | None
    arrested: int | None
    weapons: list[str]
    participants: list[dict]  # role, id, name; each pair once
    sources: list[IncidentSource] = field(default_factory=list)

    @property
    def precision(self) -> str | None:
        return PRECISION.get(len(self.date)) if self.date else None

    @property
    def documents(self) -> int:
        return len({s.document_id for s in self.sources})

    @property
    def counts_differ(self) -> bool:
        """Whether reports give different casualty or arrest counts (both numbers are shown per source)."""
        return any(len({getattr(s, k) for s in self.sources if getattr(s, k) is not None}) > 1
                   for k in ("killed", "wounded", "arrested"))

    def to_json(self) -> dict:
        data = shallow_json(self, skip=("sources",))
        data.update(precision=self.precision, documents=self.documents, counts_differ=self.counts_differ,
                    sources=[s.to_json() for s in self.sources])
        return data


def _most(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _incident(reports: list[EventOut], docs: dict[str, tuple]) -> Incident:
    first = reports[0]
    participants: dict[tuple[str, str], dict] = {}
    for r in reports:
        for p in r.participants:
            participants.setdefault((p["role"], p["id"]), dict(p))
    sources = []
    for r in sorted(reports, key=lambda r: (docs.get(r.document_id, (None, None, None))[2] or "", r.id)):
        title, publication, published = docs.get(r.document_id, (None, None, None))
        sources.append(IncidentSource(r.id, r.document_id, title, publication, published, r.date, r.certainty,
                                      r.killed, r.wounded, r.arrested, r.evidence, r.evidence_start, r.evidence_end))
    return Incident(
        id=min(r.id for r in reports), type=first.type,
        subtypes=list(dict.fromkeys(r.subtype for r in reports if r.subtype)), date=first.date,
        location_id=first.location_id, location=first.location,
        killed=_most(r.killed for r in reports), wounded=_most(r.wounded for r in reports),
        arrested=_most(r.arrested for r in reports),
        weapons=list(dict.fromkeys(w for r in reports for w in r.weapons)), participants=list(participants.values()),
        sources=sources)


def group_reports(events: Sequence[EventOut], docs: dict[str, tuple] | None = None) -> list[Incident]:
    """Events grouped into incidents (see the module docstring), ordered by date (undated last), then id.
    `docs` maps a document id to (title, publication, published) for the sources."""
    docs = docs or {}
    groups: dict[tuple[str, str], list[list[EventOut]]] = {}
    alone: list[list[EventOut]] = []
    order = sorted(events, key=lambda e: (-len(e.date or ""), e.date or "", e.id))
    for event in order:
        if not event.date or not event.location_id:
            alone.append([event])
            continue
        incidents = groups.setdefault((event.type, event.location_id), [])
        fits = [i for i in incidents if all(dates_agree(event.date, r.date or "") for r in i)]
        if len(fits) == 1:
            fits[0].append(event)
        else:
            incidents.append([event])
    out = [_incident(reports, docs) for incidents in groups.values() for reports in incidents]
    out += [_incident(reports, docs) for reports in alone]
    return sorted(out, key=lambda i: (i.date is None, i.date or "", i.id))


def _document_meta(session: Session, doc_ids: Iterable[str]) -> dict[str, tuple]:
    wanted = sorted(set(doc_ids))
    out: dict[str, tuple] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        names = ", ".join(f":d{i}" for i in range(len(part)))
        sql = f"SELECT id, title, publication, published FROM documents WHERE id IN ({names})"
        for doc_id, title, publication, published in session.execute(text(sql), {f"d{i}": d for i, d in
                                                                                 enumerate(part)}):
            out[doc_id] = (title, publication, published)
    return out


_SAME_KIND_SQL = """
SELECT ev.id FROM events ev JOIN entities loc ON loc.id = ev.location_id
WHERE ev.type = :t AND loc.canonical_id = :l AND ev.date IS NOT NULL
"""


def incidents(session: Session, name_or_id: str | None = None, types: Sequence[str] | None = None,
              name: Namer | None = None) -> list[Incident]:
    """Incidents of the whole store, or those one entity took part in (with every report of them, also those
    that do not name the entity); `types` keeps only those event types."""
    name = name or Namer(session)
    wanted = set(types or ())
    if name_or_id:
        focus = find_entity(session, name_or_id).id
        own = [e for e in events_of(session, entity_event_ids(session, focus), name, focus)
               if not wanted or e.type in wanted]
        ids = {e.id for e in own}
        for kind in {(e.type, e.location_id) for e in own if e.location_id and e.date}:
            ids.update(r[0] for r in session.execute(text(_SAME_KIND_SQL), {"t": kind[0], "l": kind[1]}))
        reports = events_of(session, sorted(ids), name, focus)
    else:
        where = "" if not wanted else " WHERE type IN (" + ", ".join(f":t{i}" for i in range(len(wanted))) + ")"
        ids = [r[0] for r in session.execute(text("SELECT id FROM events" + where),
                                             {f"t{i}": t for i, t in enumerate(sorted(wanted))})]
        reports = events_of(session, ids, name)
    out = group_reports(reports, _document_meta(session, (r.document_id for r in reports)))
    if name_or_id:
        own_ids = {e.id for e in own}
        out = [i for i in out if any(s.event_id in own_ids for s in i.sources)]
    return out
