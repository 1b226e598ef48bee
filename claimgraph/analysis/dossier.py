"""The dossier of one actor: who it is, what every source says about its ties, and the events it took part in."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import claims_touching
from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.shapes import json_list, shallow_json
from claimgraph.analysis.views import EdgeOut, Namer, edges_out


@dataclass
class EventOut:
    id: int
    type: str
    subtype: str | None
    date: str | None
    location: str | None
    role: str | None  # the entity's role; None when listed for another reason
    participants: list[dict]
    killed: int | None
    wounded: int | None
    arrested: int | None
    weapons: list[str]
    certainty: str
    document_id: str
    evidence: str
    evidence_start: int
    evidence_end: int
    location_id: str | None = None  # the place's canonical id (incidents group by it)

    def to_json(self) -> dict:
        return shallow_json(self)


@dataclass
class Dossier:
    id: str
    name: str
    type: str
    aliases: list[str]
    refs: list[str]
    designations: list[str]  # list references and the designating bodies named in designated_by claims
    documents: list[dict]
    resolution: list[dict]  # why each member was merged: rule, score, detail
    relations: dict[str, list[EdgeOut]] = field(default_factory=dict)
    events: list[EventOut] = field(default_factory=list)
    designated_by: list[dict] = field(default_factory=list)  # bodies that designated it: id, name, grade
    first_seen: str | None = None  # publication date of the earliest and latest document naming it
    last_seen: str | None = None
    publications: int = 0  # distinct publications among its documents

    @property
    def top_relations(self) -> list[dict]:
        """The best-supported links: best grade first, then most sources (the dossier's summary)."""
        edges = [e for group in self.relations.values() for e in group if e.n_sources > 0]
        edges.sort(key=lambda e: (e.grade, -e.n_sources, e.relation, e.object if e.subject_id == self.id
                                  else e.subject))
        return [{"relation": e.relation, "outgoing": e.subject_id == self.id,
                 "other_id": e.object_id if e.subject_id == self.id else e.subject_id,
                 "other": e.object if e.subject_id == self.id else e.subject, "grade": e.grade,
                 "n_sources": e.n_sources} for e in edges[:TOP_RELATIONS]]

    def to_json(self) -> dict:
        data = shallow_json(self, skip=("relations", "events"))
        data["top_relations"] = self.top_relations
        data["documents"] = [dict(d) for d in self.documents]
        data["resolution"] = [dict(r) for r in self.resolution]
        data["relations"] = {rel: [e.to_json() for e in edges] for rel, edges in self.relations.items()}
        data["events"] = [e.to_json() for e in self.events]
        return data


TOP_RELATIONS = 5

_EVENTS_SQL = """
SELECT ev.id, ev.type, ev.subtype, ev.date, loc.canonical_id, ev.killed, ev.wounded, ev.arrested, ev.weapons,
       ev.certainty, ev.doc_id, ev.evidence_text, ev.evidence_start, ev.evidence_end
FROM events ev LEFT JOIN entities loc ON loc.id = ev.location_id
WHERE ev.id IN ({ids}) ORDER BY COALESCE(ev.date, ''), ev.id
"""
_PARTICIPANTS_SQL = """
SELECT p.event_id, p.role, e.canonical_id FROM event_participants p JOIN entities e ON e.id = p.entity_id
WHERE p.event_id IN ({ids}) ORDER BY p.id
"""


def events_of(session: Session, event_ids: list[int], name: Namer, focus: str | None = None) -> list[EventOut]:
    """Events by id with participants named; `role` is the focus entity's role."""
    if not event_ids:
        return []
    ids = ", ".join(str(int(i)) for i in dict.fromkeys(event_ids))
    parts: dict[int, list[tuple[str, str]]] = {}
    for event_id, role, cid in session.execute(text(_PARTICIPANTS_SQL.format(ids=ids))):
        if cid is not None:
            parts.setdefault(event_id, []).append((role, cid))
    rows = session.execute(text(_EVENTS_SQL.format(ids=ids))).all()
    name.load([cid for p in parts.values() for _, cid in p] + [r[4] for r in rows if r[4]])
    out = []
    for (eid, type_, subtype, date, loc, killed, wounded, arrested, weapons, certainty, doc, evidence, start,
         end) in rows:
        participants = [{"role": role, "id": cid, "name": name(cid)} for role, cid in parts.get(eid, [])]
        role = next((p["role"] for p in participants if p["id"] == focus), None)
        out.append(EventOut(eid, type_, subtype, date, name(loc) if loc else None, role, participants, killed,
                            wounded, arrested, json_list(weapons), certainty, doc, evidence, start, end, loc))
    return out


def entity_event_ids(session: Session, canonical_id: str) -> list[int]:
    sql = ("SELECT DISTINCT p.event_id FROM event_participants p JOIN entities e ON e.id = p.entity_id "
           "WHERE e.canonical_id = :c ORDER BY p.event_id")
    return [r[0] for r in session.execute(text(sql), {"c": canonical_id})]


def dossier(session: Session, name_or_id: str) -> Dossier:
    """Everything the store holds on one canonical entity; QueryError E501 when the name is unknown."""
    row = find_entity(session, name_or_id)
    name = Namer(session)
    name.names[row.id] = row.name
    claims = claims_touching(session, [row.id])
    relations: dict[str, list[EdgeOut]] = {}
    for edge in edges_out(session, claims, name):
        relations.setdefault(edge.relation, []).append(edge)
    designations = list(row.refs) + [e.object for e in relations.get("designated_by", []) if e.subject_id == row.id]
    docs = session.execute(text(
        "SELECT DISTINCT d.id, d.title, d.publication, d.published FROM documents d JOIN entities e "
        "ON e.doc_id = d.id WHERE e.canonical_id = :c ORDER BY d.published, d.id"), {"c": row.id}).all()
    links = session.execute(text(
        "SELECT member_a, member_b, rule, score, detail FROM resolution_links WHERE canonical_id = :c ORDER BY id"),
        {"c": row.id}).all()
    designated_by = [{"id": e.object_id, "name": e.object, "grade": e.grade}
                     for e in relations.get("designated_by", []) if e.subject_id == row.id]
    dates = [d[3] for d in docs if d[3]]
    return Dossier(
        id=row.id, name=row.name, type=row.type, aliases=list(row.aliases), refs=list(row.refs),
        designated_by=designated_by, first_seen=min(dates, default=None), last_seen=max(dates, default=None),
        publications=len({d[2] for d in docs if d[2]}),
        designations=list(dict.fromkeys(designations)),
        documents=[{"id": d[0], "title": d[1], "publication": d[2], "published": d[3]} for d in docs],
        resolution=[{"a": lk[0], "b": lk[1], "rule": lk[2], "score": lk[3], "detail": lk[4]} for lk in links],
        relations=dict(sorted(relations.items())),
        events=events_of(session, entity_event_ids(session, row.id), name, focus=row.id),
    )
