"""Read queries over the store, returning plain JSON-ready shapes shared by the CLI and (later) the web API.

`load_extraction` rebuilds the records a document was stored from, so a stored document prints exactly as
`claimgraph extract --format json` printed it (FORMAT.md), plus store-only fields.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlalchemy import distinct, func, or_, select, text
from sqlalchemy.orm import Session, aliased, selectinload

from claimgraph.errors import QueryError
from claimgraph.extract.records import Claim, Entity, Event, Evidence, Extraction, Mention, Participant
from claimgraph.ingest.document import Document, Metadata
from claimgraph.store.db import is_sqlite
from claimgraph.store.models import (
    FTS_TABLE,
    ClaimRow,
    DocumentRow,
    EntityRow,
    EventParticipantRow,
    EventRow,
    MentionRow,
)
from claimgraph.store.postgres_search import search_postgres

AUTHOR = "author"
TOP = 10


@dataclass
class DocumentSummary:
    """One line of `claimgraph docs`."""

    id: str
    published: str | None
    publication: str | None
    title: str | None
    source: str
    kind: str
    entities: int
    claims: int
    events: int
    ingested_at: str

    def to_json(self) -> dict:
        return asdict(self)


def _iso(moment: datetime) -> str:
    """Timestamps are written in UTC; SQLite hands them back naive."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _counts(session: Session, column, ids: list[str] | None = None) -> dict[str, int]:  # noqa: ANN001
    query = select(column, func.count()).group_by(column)
    if ids is not None:
        query = query.where(column.in_(ids))
    return {doc_id: n for doc_id, n in session.execute(query)}


def list_documents(session: Session) -> list[DocumentSummary]:
    """Every stored document, newest publication first (undated last), with its row counts."""
    rows = session.execute(
        select(DocumentRow.id, DocumentRow.published, DocumentRow.publication, DocumentRow.title,
               DocumentRow.source, DocumentRow.kind, DocumentRow.ingested_at)
        .order_by(DocumentRow.published.is_(None), DocumentRow.published.desc(), DocumentRow.id)
    ).all()
    entities = _counts(session, EntityRow.doc_id)
    claims = _counts(session, ClaimRow.doc_id)
    events = _counts(session, EventRow.doc_id)
    return [
        DocumentSummary(id=r.id, published=r.published, publication=r.publication, title=r.title, source=r.source,
                        kind=r.kind, entities=entities.get(r.id, 0), claims=claims.get(r.id, 0),
                        events=events.get(r.id, 0), ingested_at=_iso(r.ingested_at))
        for r in rows
    ]


def find_document(session: Session, id_or_prefix: str) -> DocumentRow:
    """The document whose id is, or uniquely starts with, the given string."""
    prefix = id_or_prefix.strip().lower()
    if not prefix or not re.fullmatch(r"[0-9a-f]+", prefix):
        raise QueryError("not a document id (hex digits expected)", where=id_or_prefix, code="E501")
    found = session.scalars(select(DocumentRow).where(DocumentRow.id.like(f"{prefix}%")).limit(2)).all()
    if not found:
        raise QueryError("no such document", where=id_or_prefix, code="E501")
    if len(found) > 1:
        raise QueryError("ambiguous document id prefix, give more digits", where=id_or_prefix, code="E502")
    return found[0]


def load_extraction(session: Session, doc_id: str) -> Extraction:
    """Rebuild the Extraction records of a stored document (inverse of store_extraction)."""
    row = session.scalars(
        select(DocumentRow).where(DocumentRow.id == doc_id).options(
            selectinload(DocumentRow.entities).selectinload(EntityRow.mentions),
            selectinload(DocumentRow.claims),
            selectinload(DocumentRow.events).selectinload(EventRow.participants),
        )
    ).one_or_none()
    if row is None:
        raise QueryError("no such document", where=doc_id, code="E501")
    local = {e.id: e.local_id for e in row.entities}
    metadata = Metadata(title=row.title, subtitle=row.subtitle, authors=list(row.authors), published=row.published,
                        publication=row.publication, volume=row.volume, issue=row.issue, url=row.url,
                        dateline_place=row.dateline_place)
    document = Document(text=row.text, metadata=metadata, source=row.source, kind=row.kind)
    entities = [
        Entity(id=e.local_id, name=e.name, type=e.type, aliases=list(e.aliases), refs=list(e.refs), rule=e.rule,
               mentions=[Mention(start=m.start, end=m.end, text=m.text) for m in e.mentions])
        for e in row.entities
    ]
    claims = [
        Claim(subject=local[c.subject_id], type=c.relation, object=local[c.object_id],
              evidence=Evidence(text=c.evidence_text, start=c.evidence_start, end=c.evidence_end),
              source=AUTHOR if c.source_id is None else local[c.source_id], certainty=c.certainty,
              polarity=c.polarity, rule=c.rule, date=c.date, cue=c.cue)
        for c in row.claims
    ]
    events = [
        Event(type=e.type, subtype=e.subtype, date=e.date,
              location=None if e.location_id is None else local[e.location_id],
              evidence=Evidence(text=e.evidence_text, start=e.evidence_start, end=e.evidence_end),
              participants=[Participant(role=p.role, entity=local[p.entity_id]) for p in e.participants],
              killed=e.killed, wounded=e.wounded, arrested=e.arrested, weapons=list(e.weapons),
              source=AUTHOR if e.source_id is None else local[e.source_id], certainty=e.certainty, rule=e.rule)
        for e in row.events
    ]
    return Extraction(document=document, entities=entities, relations=claims, events=events)


def document_json(session: Session, id_or_prefix: str) -> dict:
    """`claimgraph show --json`: the FORMAT.md shape of the stored document plus store-only fields."""
    row = find_document(session, id_or_prefix)
    data = load_extraction(session, row.id).to_json()
    data["document"]["ingested_at"] = _iso(row.ingested_at)
    canonical = {e.local_id: e.canonical_id for e in row.entities}
    for entity in data["entities"]:
        entity["canonical_id"] = canonical.get(entity["id"])
    return data


def store_counts(session: Session) -> dict[str, int]:
    tables = {"documents": DocumentRow, "entities": EntityRow, "mentions": MentionRow, "claims": ClaimRow,
              "events": EventRow, "event_participants": EventParticipantRow}
    return {name: session.scalar(select(func.count()).select_from(model)) or 0 for name, model in tables.items()}


def top_entities(session: Session, limit: int = TOP) -> list[dict]:
    """Entity names by number of mentions across documents (same name and type counted together)."""
    mentions = func.count(MentionRow.id)
    rows = session.execute(
        select(EntityRow.name, EntityRow.type, mentions.label("mentions"),
               func.count(distinct(EntityRow.doc_id)).label("documents"))
        .outerjoin(MentionRow, MentionRow.entity_id == EntityRow.id)
        .group_by(EntityRow.name, EntityRow.type)
        .order_by(mentions.desc(), EntityRow.name)
        .limit(limit)
    ).all()
    return [{"name": r.name, "type": r.type, "mentions": r.mentions, "documents": r.documents} for r in rows]


def claims_by_relation(session: Session) -> list[dict]:
    n = func.count(ClaimRow.id)
    rows = session.execute(select(ClaimRow.relation, n.label("claims")).group_by(ClaimRow.relation)
                           .order_by(n.desc(), ClaimRow.relation)).all()
    return [{"relation": r.relation, "claims": r.claims} for r in rows]


def top_claims(session: Session, limit: int = TOP) -> list[dict]:
    """(subject, relation, object) by names, ranked by how many documents make the claim."""
    subject, obj = aliased(EntityRow), aliased(EntityRow)
    documents = func.count(distinct(ClaimRow.doc_id))
    rows = session.execute(
        select(subject.name.label("subject"), ClaimRow.relation, obj.name.label("object"),
               func.count(ClaimRow.id).label("claims"), documents.label("documents"))
        .join(subject, ClaimRow.subject_id == subject.id)
        .join(obj, ClaimRow.object_id == obj.id)
        .group_by(subject.name, ClaimRow.relation, obj.name)
        .order_by(documents.desc(), func.count(ClaimRow.id).desc(), subject.name, ClaimRow.relation, obj.name)
        .limit(limit)
    ).all()
    return [{"subject": r.subject, "relation": r.relation, "object": r.object, "claims": r.claims,
             "documents": r.documents} for r in rows]


def store_stats(session: Session, limit: int = TOP) -> dict:
    """`claimgraph stats --json`."""
    return {
        "counts": store_counts(session),
        "top_entities": top_entities(session, limit),
        "claims_by_relation": claims_by_relation(session),
        "top_claims": top_claims(session, limit),
    }


def _fts_query(query: str) -> str:
    """Each word as a quoted FTS5 string, so user input is never parsed as FTS syntax; words are ANDed."""
    words = re.findall(r"\w+", query)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search_documents(session: Session, query: str, limit: int = 20) -> list[dict]:
    """Documents matching every word of the query: FTS5 on SQLite, tsvector on PostgreSQL, LIKE elsewhere."""
    words = re.findall(r"\w+", query)
    if not words:
        return []
    if is_sqlite(session):
        rows = session.execute(
            text(f"SELECT d.id, d.title, snippet({FTS_TABLE}, 2, '[', ']', '…', 12) AS snippet "
                 f"FROM {FTS_TABLE} JOIN documents d ON d.id = {FTS_TABLE}.doc_id "
                 f"WHERE {FTS_TABLE} MATCH :q ORDER BY rank LIMIT :limit"),
            {"q": _fts_query(query), "limit": limit},
        ).all()
        return [{"id": r.id, "title": r.title, "snippet": r.snippet} for r in rows]
    if session.get_bind().dialect.name == "postgresql":
        return [{"id": r["id"], "title": r["title"], "snippet": r["snippet"]}
                for r in search_postgres(session, words, limit)]
    conditions = [or_(DocumentRow.text.ilike(f"%{w}%"), DocumentRow.title.ilike(f"%{w}%")) for w in words]
    rows = session.execute(select(DocumentRow.id, DocumentRow.title).where(*conditions).limit(limit)).all()
    return [{"id": r.id, "title": r.title, "snippet": None} for r in rows]
