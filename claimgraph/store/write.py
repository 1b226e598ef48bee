"""Writing one extraction: one transaction per document, idempotent by content hash.

A document is stored whole or not at all: its rows are added inside a single transaction, so a crash, a kill
or Ctrl-C leaves either the complete document or nothing. Storing the same content again is a no-op reported
as `skipped`; `force=True` deletes the document's rows and stores the new extraction in the same transaction.
Every stored document is also marked pending resolution in the same transaction (see store/resolution.py).
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Connection, Engine, Table, delete, exists, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimgraph.errors import StoreError
from claimgraph.extract.records import Extraction
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
from claimgraph.store.resolution_models import ResolutionKeyRow, ResolutionPendingRow, ResolutionStateRow
from claimgraph.store.reviews import replay_reviews
from claimgraph.store.stories import forget_story, record_story

AUTHOR = "author"


class Outcome(StrEnum):
    stored = "stored"
    skipped = "skipped"
    replaced = "replaced"


def is_stored(bind: Engine | Session, doc_id: str) -> bool:
    """Whether a document with this content hash is already in the store."""
    query = select(exists().where(DocumentRow.id == doc_id))
    if isinstance(bind, Session):
        return bool(bind.scalar(query))
    with bind.connect() as conn:
        return bool(conn.scalar(query))


def store_extraction(bind: Engine | Session, extraction: Extraction, force: bool = False) -> Outcome:
    """Store one document's extraction in its own transaction (a savepoint if the session is already in one)."""
    if isinstance(bind, Engine):
        with Session(bind) as session:
            return store_extraction(session, extraction, force)
    session = bind
    doc_id = extraction.document.id
    outer = session.in_transaction()
    try:
        with session.begin_nested() if outer else session.begin():
            outcome = _write(session, extraction, force)
    except IntegrityError as err:
        # Another writer stored the same content between our check and our insert: same content, same rows.
        if not force and is_stored(session, doc_id):
            return Outcome.skipped
        raise StoreError(f"cannot store document {doc_id} ({err.orig})", where=extraction.document.source,
                         code="E402") from err
    return outcome


def delete_document(session: Session, doc_id: str) -> None:
    """Remove a document and every row that hangs from it (explicit, so it does not rely on FK cascades)."""
    entity_ids = select(EntityRow.id).where(EntityRow.doc_id == doc_id).scalar_subquery()
    event_ids = select(EventRow.id).where(EventRow.doc_id == doc_id).scalar_subquery()
    session.execute(delete(EventParticipantRow).where(EventParticipantRow.event_id.in_(event_ids)))
    session.execute(delete(EventRow).where(EventRow.doc_id == doc_id))
    session.execute(delete(ClaimRow).where(ClaimRow.doc_id == doc_id))
    session.execute(delete(MentionRow).where(MentionRow.entity_id.in_(entity_ids)))
    session.execute(delete(ResolutionKeyRow).where(ResolutionKeyRow.entity_id.in_(entity_ids)))
    session.execute(delete(EntityRow).where(EntityRow.doc_id == doc_id))
    session.execute(delete(DocumentRow).where(DocumentRow.id == doc_id))
    session.execute(delete(ResolutionPendingRow).where(ResolutionPendingRow.doc_id == doc_id))
    forget_story(session, doc_id)
    # the clusters this document's entities were in must be redone: the next resolution rebuilds the network
    session.execute(update(ResolutionStateRow).where(ResolutionStateRow.id == 1).values(full_needed=True))


def _write(session: Session, extraction: Extraction, force: bool) -> Outcome:
    doc_id = extraction.document.id
    outcome = Outcome.stored
    if is_stored(session, doc_id):
        if not force:
            return Outcome.skipped
        delete_document(session, doc_id)
        session.flush()
        outcome = Outcome.replaced
    conn = session.connection()
    conn.execute(insert(DocumentRow.__table__), [_document_values(extraction)])
    conn.execute(insert(ResolutionPendingRow.__table__), [{"doc_id": doc_id}])  # resolved in its own transaction
    entity_ids = _insert_entities(conn, extraction)
    _insert_claims(conn, extraction, entity_ids)
    _insert_events(conn, extraction, entity_ids)
    replay_reviews(session, doc_id)  # an analyst's reviews of this text outlive its re-extraction
    record_story(session, doc_id, extraction.document.text)
    if is_sqlite(session):  # the full-text row, whole: finding it again later would read the whole index
        names = " ".join(name for e in extraction.entities for name in dict.fromkeys([e.name, *e.aliases]))
        meta = extraction.document.metadata
        conn.execute(text(f"INSERT INTO {FTS_TABLE} (doc_id, title, text, entities) VALUES (:id, :title, :text, "
                          ":names)"), {"id": doc_id, "title": meta.title, "text": extraction.document.text,
                                       "names": names})
    return outcome


def _inserted_ids(conn: Connection, table: Table, rows: list[dict]) -> list[int]:
    """Insert rows in one statement (or a few) and return their ids in the order of `rows`."""
    if not rows:
        return []
    result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [row[0] for row in result]


def _document_values(extraction: Extraction) -> dict:
    doc, meta = extraction.document, extraction.document.metadata
    return {"id": doc.id, "source": doc.source, "kind": doc.kind, "text": doc.text, "title": meta.title,
            "subtitle": meta.subtitle, "authors": list(meta.authors), "published": meta.published,
            "publication": meta.publication, "volume": meta.volume, "issue": meta.issue, "url": meta.url,
            "dateline_place": meta.dateline_place}


def _insert_entities(conn: Connection, extraction: Extraction) -> dict[str, int]:
    """The document's entities and their mentions; local id -> row id."""
    doc_id = extraction.document.id
    seen: set[str] = set()
    for entity in extraction.entities:
        if entity.id in seen:
            raise StoreError(f"entity id {entity.id!r} is used twice", where=extraction.document.source,
                             code="E402")
        seen.add(entity.id)
    ids = _inserted_ids(conn, EntityRow.__table__, [
        {"doc_id": doc_id, "local_id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
         "refs": list(e.refs), "rule": e.rule} for e in extraction.entities])
    mentions = [{"entity_id": pk, "start": m.start, "end": m.end, "text": m.text}
                for e, pk in zip(extraction.entities, ids, strict=True) for m in e.mentions]
    if mentions:
        conn.execute(insert(MentionRow.__table__), mentions)
    return {e.id: pk for e, pk in zip(extraction.entities, ids, strict=True)}


def _lookup(entities: dict[str, int], entity_id: str, extraction: Extraction) -> int:
    try:
        return entities[entity_id]
    except KeyError:
        raise StoreError(f"extraction refers to unknown entity {entity_id!r}", where=extraction.document.source,
                         code="E402") from None


def _source(entities: dict[str, int], source: str, extraction: Extraction) -> int | None:
    return None if source == AUTHOR else _lookup(entities, source, extraction)


def _insert_claims(conn: Connection, extraction: Extraction, entities: dict[str, int]) -> None:
    rows = [{"doc_id": extraction.document.id, "subject_id": _lookup(entities, c.subject, extraction),
             "relation": c.type, "object_id": _lookup(entities, c.object, extraction),
             "source_id": _source(entities, c.source, extraction), "source_is_author": c.source == AUTHOR,
             "certainty": c.certainty, "polarity": c.polarity, "evidence_text": c.evidence.text,
             "evidence_start": c.evidence.start, "evidence_end": c.evidence.end, "rule": c.rule, "date": c.date,
             "cue": c.cue}
            for c in extraction.relations]
    if rows:
        conn.execute(insert(ClaimRow.__table__), rows)


def _insert_events(conn: Connection, extraction: Extraction, entities: dict[str, int]) -> None:
    rows = [{"doc_id": extraction.document.id, "type": e.type, "subtype": e.subtype, "date": e.date,
             "location_id": _lookup(entities, e.location, extraction) if e.location else None,
             "killed": e.killed, "wounded": e.wounded, "arrested": e.arrested, "weapons": list(e.weapons),
             "source_id": _source(entities, e.source, extraction), "source_is_author": e.source == AUTHOR,
             "certainty": e.certainty, "evidence_text": e.evidence.text, "evidence_start": e.evidence.start,
             "evidence_end": e.evidence.end, "rule": e.rule}
            for e in extraction.events]
    participants = [[{"role": p.role, "entity_id": _lookup(entities, p.entity, extraction)} for p in e.participants]
                    for e in extraction.events]
    ids = _inserted_ids(conn, EventRow.__table__, rows)
    flat = [{**p, "event_id": pk} for pk, ps in zip(ids, participants, strict=True) for p in ps]
    if flat:
        conn.execute(insert(EventParticipantRow.__table__), flat)
