"""Tables of the cross-document network: canonical entities, why members were merged, analyst decisions, edges.

Kept apart from models.py (the per-document extraction) because they are derived: everything here except
`analyst_decisions` is rebuilt by every resolution run. Decisions are the analyst's own input and are never
rebuilt; they name entities by stable member keys (`<doc id>:<local id>`), so they survive re-ingestion.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from claimgraph.store.models import Base, _now


class CanonicalEntityRow(Base):
    """One actor across documents: the name most documents use, every surface form, list references."""

    __tablename__ = "canonical_entities"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    name_key: Mapped[str] = mapped_column(Text, index=True)  # normalised name, for lookups by name
    type: Mapped[str] = mapped_column(String(32), index=True)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    refs: Mapped[list[str]] = mapped_column(JSON, default=list)
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    degree: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # edges, set with the edges
    slug: Mapped[str] = mapped_column(Text, index=True, default="", server_default="")  # id without digest
    n_members: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # per-document entities
    first_member: Mapped[str] = mapped_column(String(96), default="", server_default="")  # smallest member key


class CanonicalAliasRow(Base):
    """Normalised surface form -> canonical entity, so `entity NAME` finds an actor by any of its names."""

    __tablename__ = "canonical_aliases"
    __table_args__ = (Index("ix_canonical_aliases_alias_key", "alias_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias_key: Mapped[str] = mapped_column(Text)
    canonical_id: Mapped[str] = mapped_column(String(64), index=True)


class ResolutionLinkRow(Base):
    """One merge inside a canonical entity: members a and b joined by `rule` with `score` (and a detail)."""

    __tablename__ = "resolution_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical_id: Mapped[str] = mapped_column(String(64), index=True)
    member_a: Mapped[str] = mapped_column(String(96))
    member_b: Mapped[str] = mapped_column(String(96), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float)
    detail: Mapped[str] = mapped_column(Text, default="")


class AnalystDecisionRow(Base):
    """`merge A B` or `split A --doc D`, replayed in id order after every resolution."""

    __tablename__ = "analyst_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    a: Mapped[str] = mapped_column(Text)
    b: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[str | None] = mapped_column(String(16))
    keys_a: Mapped[list[str]] = mapped_column(JSON, default=list)
    keys_b: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class EdgeRow(Base):
    """(subject, relation, object) over canonical entities with its corroboration and grade; claims stay in
    `claims` and are found through the members' entity ids. Symmetric relations store subject <= object."""

    __tablename__ = "edges"
    __table_args__ = (
        Index("ix_edges_subject_relation_object", "subject_id", "relation", "object_id", unique=True),
        Index("ix_edges_object_id", "object_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(64))
    relation: Mapped[str] = mapped_column(String(32), index=True)
    object_id: Mapped[str] = mapped_column(String(64))
    n_claims: Mapped[int] = mapped_column(Integer)
    n_documents: Mapped[int] = mapped_column(Integer)
    n_sources: Mapped[int] = mapped_column(Integer)  # independent sources affirming the edge
    n_denials: Mapped[int] = mapped_column(Integer)  # independent sources denying it
    max_certainty: Mapped[int] = mapped_column(Integer)  # 3 certain .. 0 unknown, over affirming claims
    grade: Mapped[int] = mapped_column(Integer, index=True)  # Admiralty information credibility 1..6
    contradiction: Mapped[str | None] = mapped_column(String(16))  # polarity | certainty | None
    first_date: Mapped[str | None] = mapped_column(String(32))
    last_date: Mapped[str | None] = mapped_column(String(32))


class ResolutionKeyRow(Base):
    """The resolution index per entity: its signature (kind `sig`: a signature's entities and the smallest of
    them) and its names (kind `name`, which only finds the entities an analyst decision typed). The blocking
    keys (exact, acronym, surname, qualifier, short_form, fuzzy) are kept by signature in resolution_blocks."""

    __tablename__ = "resolution_keys"
    __table_args__ = (Index("ix_resolution_keys_kind_key", "kind", "key", "member", "sig", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(Text)
    sig: Mapped[str] = mapped_column(String(20))
    member: Mapped[str] = mapped_column(String(96))  # the entity's member key: a block's smallest comes first


class ResolutionBlockRow(Base):
    """One signature in one block of the index (kind, key): how many of its entities carry the key and which
    has the smallest member key. A block is read as its distinct signatures, so a name that thousands of
    documents use costs a row per spelling, not a row per document."""

    __tablename__ = "resolution_blocks"
    __table_args__ = (Index("ix_resolution_blocks_kind_key_sig", "kind", "key", "sig", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(Text)
    sig: Mapped[str] = mapped_column(String(20))
    n: Mapped[int] = mapped_column(Integer)
    first_member: Mapped[str] = mapped_column(String(96))
    first_entity: Mapped[int] = mapped_column(Integer)


class ResolutionSignatureRow(Base):
    """Per signature, what clustering needs of the entities it does not read one by one: how many there are
    and their type weight (the sum over them of max(mentions, 1)); their names are in resolution_forms."""

    __tablename__ = "resolution_signatures"

    sig: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
    type_weight: Mapped[int] = mapped_column(Integer)


class ResolutionFormRow(Base):
    """Per signature and (name, aliases) as a document wrote them: how many entities, and the smallest member
    key among them (the cluster's aliases are ordered by member key)."""

    __tablename__ = "resolution_forms"
    __table_args__ = (Index("ix_resolution_forms_sig_form", "sig", "form", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sig: Mapped[str] = mapped_column(String(20))
    form: Mapped[str] = mapped_column(String(40))  # digest of name and aliases
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    n: Mapped[int] = mapped_column(Integer)
    first_member: Mapped[str] = mapped_column(String(96))


class ResolutionPendingRow(Base):
    """A document stored but not yet resolved. Written in the document's own transaction and removed in the
    resolution's, so a run killed in between is finished by the next command that opens the store."""

    __tablename__ = "resolution_pending"

    doc_id: Mapped[str] = mapped_column(String(16), primary_key=True)


class ResolutionStateRow(Base):
    """The one row (id 1) every resolution updates first: it serialises resolutions, and `full_needed` asks
    for a full rebuild (a document was replaced or deleted, or the store predates the index)."""

    __tablename__ = "resolution_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(Integer, default=0)
    full_needed: Mapped[bool] = mapped_column(Boolean, default=False)
