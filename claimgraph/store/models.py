"""The stored shape of an extraction: one row per document, entity, mention, claim, event and participant.

Entities are per document (`local_id` is the id the extraction gave them, e.g. "e3"); `canonical_id` is left
null here and filled by cross-document resolution. Every child row cascades from its document so a document is
written and removed as one unit. The SQL is portable (SQLite by default, PostgreSQL works); the FTS5 index lives
in the migration only, on SQLite.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

DOC_ID_LENGTH = 16
FTS_TABLE = "documents_fts"

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    """One ingested document; `id` is the content hash (Document.id), so equal texts share a row."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(DOC_ID_LENGTH), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    published: Mapped[str | None] = mapped_column(String(32), index=True)  # ISO, as precise as known
    publication: Mapped[str | None] = mapped_column(Text)
    volume: Mapped[str | None] = mapped_column(String(64))
    issue: Mapped[str | None] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(Text)
    dateline_place: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    entities: Mapped[list[EntityRow]] = relationship(back_populates="document", order_by="EntityRow.id")
    claims: Mapped[list[ClaimRow]] = relationship(back_populates="document", order_by="ClaimRow.id")
    events: Mapped[list[EventRow]] = relationship(back_populates="document", order_by="EventRow.id")


class EntityRow(Base):
    """An entity as one document names it; cross-document identity goes in `canonical_id`."""

    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("doc_id", "local_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    local_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    refs: Mapped[list[str]] = mapped_column(JSON, default=list)
    rule: Mapped[str] = mapped_column(String(128), default="")
    canonical_id: Mapped[str | None] = mapped_column(String(64), index=True)

    document: Mapped[DocumentRow] = relationship(back_populates="entities")
    mentions: Mapped[list[MentionRow]] = relationship(back_populates="entity", order_by="MentionRow.id")


class MentionRow(Base):
    """One occurrence of an entity: character offsets into documents.text."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")

    entity: Mapped[EntityRow] = relationship(back_populates="mentions")


class ClaimRow(Base):
    """An attributed relation: subject -relation-> object, said by source (NULL + source_is_author = the writer)."""

    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_subject_relation_object", "subject_id", "relation", "object_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    relation: Mapped[str] = mapped_column(String(32), index=True)
    object_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    source_is_author: Mapped[bool] = mapped_column(Boolean, default=True)
    certainty: Mapped[str] = mapped_column(String(16))
    polarity: Mapped[str] = mapped_column(String(16))
    evidence_text: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(128), default="")
    date: Mapped[str | None] = mapped_column(String(32))
    cue: Mapped[str | None] = mapped_column(Text)
    review: Mapped[str | None] = mapped_column(String(16), index=True)  # confirmed | rejected | corrected (reviews)
    review_key: Mapped[str | None] = mapped_column(Text)  # the claim as extracted, once reviewed (store/reviews.py)

    document: Mapped[DocumentRow] = relationship(back_populates="claims")
    subject: Mapped[EntityRow] = relationship(foreign_keys=[subject_id])
    object: Mapped[EntityRow] = relationship(foreign_keys=[object_id])
    source: Mapped[EntityRow | None] = relationship(foreign_keys=[source_id])


class EventRow(Base):
    """An event (attack, plot, arrest, ...) with counts, place and the sentence that reports it."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    subtype: Mapped[str | None] = mapped_column(String(64))
    date: Mapped[str | None] = mapped_column(String(32), index=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    killed: Mapped[int | None] = mapped_column(Integer)
    wounded: Mapped[int | None] = mapped_column(Integer)
    arrested: Mapped[int | None] = mapped_column(Integer)
    weapons: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    source_is_author: Mapped[bool] = mapped_column(Boolean, default=True)
    certainty: Mapped[str] = mapped_column(String(16))
    evidence_text: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(128), default="")

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    location: Mapped[EntityRow | None] = relationship(foreign_keys=[location_id])
    source: Mapped[EntityRow | None] = relationship(foreign_keys=[source_id])
    participants: Mapped[list[EventParticipantRow]] = relationship(
        back_populates="event", order_by="EventParticipantRow.id"
    )


class EventParticipantRow(Base):
    """Who took part in an event and how (perpetrator, victim, agent, ...)."""

    __tablename__ = "event_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)

    event: Mapped[EventRow] = relationship(back_populates="participants")
    entity: Mapped[EntityRow] = relationship()
