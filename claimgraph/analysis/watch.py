"""Watchlists: standing questions matched against every newly ingested document, raising one alert per claim or
event that matches.

A watch on an entity matches claims with it at either end and events it takes part in; a pair matches claims
between the two (either direction); a phrase matches claims and events whose evidence sentence contains it
(case-insensitive). Matching runs over documents ingested after the watchlist's `checked_until`, then moves it on,
so calling `match_new` repeatedly never raises the same alert twice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from claimgraph.analysis.entities import find_entity
from claimgraph.errors import QueryError
from claimgraph.store.models import DocumentRow
from claimgraph.store.watch_models import WATCH_KINDS, AlertRow, WatchlistRow

_CLAIMS_SQL = """
SELECT c.id, c.doc_id, s.canonical_id, c.relation, o.canonical_id, s.name, o.name, c.polarity, c.certainty,
       c.evidence_text, c.evidence_start, c.evidence_end
FROM claims c JOIN entities s ON s.id = c.subject_id JOIN entities o ON o.id = c.object_id
WHERE c.doc_id IN ({ids}) ORDER BY c.id
"""
_EVENTS_SQL = """
SELECT ev.id, ev.doc_id, ev.type, ev.date, ev.evidence_text, ev.evidence_start, ev.evidence_end
FROM events ev WHERE ev.doc_id IN ({ids}) ORDER BY ev.id
"""
_PARTICIPANTS_SQL = """
SELECT p.event_id, e.canonical_id FROM event_participants p JOIN entities e ON e.id = p.entity_id
JOIN events ev ON ev.id = p.event_id WHERE ev.doc_id IN ({ids})
"""


@dataclass
class WatchlistOut:
    id: int
    name: str
    kind: str
    a: str
    b: str | None
    created: str
    alerts: int
    unread: int

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class AlertOut:
    id: int
    watchlist_id: int
    watchlist: str
    item_kind: str
    item_id: int
    document_id: str
    summary: str
    evidence: str
    evidence_start: int
    evidence_end: int
    created: str
    read: bool

    def to_json(self) -> dict:
        return asdict(self)


def _iso(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def create_watchlist(session: Session, kind: str, a: str, b: str | None = None, name: str | None = None) -> int:
    """A new watchlist; entity names must be known now (QueryError E501 otherwise). The caller commits."""
    a, b = a.strip(), (b or "").strip() or None
    if kind not in WATCH_KINDS:
        raise QueryError(f"unknown watch kind {kind!r}; choose from {', '.join(WATCH_KINDS)}", code="E506")
    if not a or (kind == "pair" and not b):
        raise QueryError("a watchlist needs an entity, a pair of entities or a phrase", code="E506")
    if kind in ("entity", "pair"):
        a = find_entity(session, a).name
        if kind == "pair" and b is not None:
            b = find_entity(session, b).name
    else:
        b = None
    label = name.strip() if name and name.strip() else (f"{a} & {b}" if kind == "pair" else a)
    latest = session.scalar(select(func.max(DocumentRow.ingested_at)))
    row = WatchlistRow(name=label, kind=kind, a=a, b=b, checked_until=latest or datetime.now(UTC))
    session.add(row)
    session.flush()
    return row.id


def delete_watchlist(session: Session, watchlist_id: int) -> None:
    row = session.get(WatchlistRow, watchlist_id)
    if row is None:
        raise QueryError("no such watchlist", where=str(watchlist_id), code="E507")
    session.execute(AlertRow.__table__.delete().where(AlertRow.watchlist_id == watchlist_id))
    session.delete(row)


def _canonical(session: Session, name: str) -> str | None:
    try:
        return find_entity(session, name).id
    except QueryError:
        return None


def _matches(session: Session, watch: WatchlistRow, doc_ids: list[str]) -> list[dict]:
    """The claims and events of the given documents that this watchlist asks about, as alert fields."""
    ids = ", ".join(f":d{i}" for i in range(len(doc_ids)))
    params = {f"d{i}": d for i, d in enumerate(doc_ids)}
    claims = session.execute(text(_CLAIMS_SQL.format(ids=ids)), params).all()
    events = session.execute(text(_EVENTS_SQL.format(ids=ids)), params).all()
    people: dict[int, set[str]] = {}
    for event_id, cid in session.execute(text(_PARTICIPANTS_SQL.format(ids=ids)), params):
        people.setdefault(event_id, set()).add(cid)
    found = []
    if watch.kind == "phrase":
        phrase = watch.a.casefold()
        wanted_claim = [c for c in claims if phrase in c[9].casefold()]
        wanted_event = [e for e in events if phrase in e[4].casefold()]
    else:
        ends = {_canonical(session, watch.a)} | ({_canonical(session, watch.b)} if watch.b else set())
        if None in ends:
            return []
        if watch.kind == "entity":
            wanted_claim = [c for c in claims if c[2] in ends or c[4] in ends]
            wanted_event = [e for e in events if people.get(e[0], set()) & ends]
        else:
            wanted_claim = [c for c in claims if {c[2], c[4]} == ends]
            wanted_event = [e for e in events if ends <= people.get(e[0], set())]
    for c in wanted_claim:
        neg = "not " if c[7] == "negative" else ""
        found.append({"item_kind": "claim", "item_id": c[0], "doc_id": c[1],
                      "summary": f"{c[5]} {neg}{c[3]} {c[6]} ({c[8]})", "evidence": c[9],
                      "evidence_start": c[10], "evidence_end": c[11]})
    for e in events:
        if e in wanted_event:
            found.append({"item_kind": "event", "item_id": e[0], "doc_id": e[1],
                          "summary": f"{e[2]} event" + (f" on {e[3]}" if e[3] else ""), "evidence": e[4],
                          "evidence_start": e[5], "evidence_end": e[6]})
    return found


def match_new(session: Session) -> int:
    """Match documents ingested since each watchlist was last checked; returns the number of new alerts.
    The caller commits."""
    created = 0
    for watch in session.scalars(select(WatchlistRow).order_by(WatchlistRow.id)).all():
        rows = session.execute(select(DocumentRow.id, DocumentRow.ingested_at)
                               .where(DocumentRow.ingested_at > watch.checked_until)).all()
        if not rows:
            continue
        doc_ids = [r[0] for r in rows]
        seen = {(k, i) for k, i in session.execute(
            select(AlertRow.item_kind, AlertRow.item_id).where(AlertRow.watchlist_id == watch.id))}
        for start in range(0, len(doc_ids), 500):
            for fields in _matches(session, watch, doc_ids[start:start + 500]):
                if (fields["item_kind"], fields["item_id"]) in seen:
                    continue
                session.add(AlertRow(watchlist_id=watch.id, **fields))
                created += 1
        watch.checked_until = max(_naive(r[1]) for r in rows)
    session.flush()
    return created


def list_watchlists(session: Session) -> list[WatchlistOut]:
    counts = dict(session.execute(select(AlertRow.watchlist_id, func.count()).group_by(AlertRow.watchlist_id)).all())
    unread = dict(session.execute(select(AlertRow.watchlist_id, func.count()).where(AlertRow.read.is_(False))
                                  .group_by(AlertRow.watchlist_id)).all())
    return [WatchlistOut(w.id, w.name, w.kind, w.a, w.b, _iso(w.created), counts.get(w.id, 0), unread.get(w.id, 0))
            for w in session.scalars(select(WatchlistRow).order_by(WatchlistRow.id))]


def get_watchlist(session: Session, watchlist_id: int) -> WatchlistOut:
    for w in list_watchlists(session):
        if w.id == watchlist_id:
            return w
    raise QueryError("no such watchlist", where=str(watchlist_id), code="E507")


def list_alerts(session: Session, watchlist_id: int | None = None, unread_only: bool = False,
                limit: int = 200) -> list[AlertOut]:
    names = dict(session.execute(select(WatchlistRow.id, WatchlistRow.name)).all())
    query = select(AlertRow).order_by(AlertRow.id.desc()).limit(limit)
    if watchlist_id is not None:
        query = query.where(AlertRow.watchlist_id == watchlist_id)
    if unread_only:
        query = query.where(AlertRow.read.is_(False))
    return [AlertOut(a.id, a.watchlist_id, names.get(a.watchlist_id, ""), a.item_kind, a.item_id, a.doc_id,
                     a.summary, a.evidence, a.evidence_start, a.evidence_end, _iso(a.created), a.read)
            for a in session.scalars(query)]


def unread_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AlertRow).where(AlertRow.read.is_(False))) or 0


def mark_read(session: Session, watchlist_id: int | None = None) -> int:
    """Mark alerts read (one watchlist's, or all); returns how many changed. The caller commits."""
    query = update(AlertRow).where(AlertRow.read.is_(False)).values(read=True)
    if watchlist_id is not None:
        query = query.where(AlertRow.watchlist_id == watchlist_id)
    return session.execute(query).rowcount or 0
