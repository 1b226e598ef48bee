"""Tables of the analyst's curation: claim reviews (replayed onto re-extracted claims), the audit log of every
analyst and admin action, merge suggestions an analyst dismissed, and the people's tokens.

Kept apart from models.py because they are the analyst's own input, never rebuilt from documents. A review
names its claim by a stable key (document, evidence span, original ends and relation; see
store/reviews.claim_key), so it applies again when the document is extracted anew.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from claimgraph.store.models import Base, _now

REVIEW_ACTIONS = ("confirm", "reject", "correct")
ROLES = ("analyst", "admin")  # a reader needs no token


class ClaimReviewRow(Base):
    """One analyst decision on one claim: confirm, reject, or correct (the fields in `changes`), replayed in id
    order onto the claim that `claim_key` names whenever its document is stored again."""

    __tablename__ = "claim_reviews"
    __table_args__ = (Index("ix_claim_reviews_doc_id_claim_key", "doc_id", "claim_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(16))
    claim_key: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(16))
    changes: Mapped[dict] = mapped_column(JSON, default=dict)  # correct: relation, subject, object, source, certainty
    names: Mapped[dict] = mapped_column(JSON, default=dict)  # subject/object names, to find the claim if ids moved
    note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AuditRow(Base):
    """Who did what, when, to what, with the state before and after: append-only, never replayed."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    actor: Mapped[str] = mapped_column(Text, index=True)
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32), index=True)  # claim.reject, entity.merge, token.create, ...
    target: Mapped[str] = mapped_column(Text, index=True)  # claim:<id>, entity:<id>, decision:<id>, token:<name>
    summary: Mapped[str] = mapped_column(Text)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)


class SuggestionDismissalRow(Base):
    """"These two are not the same actor": the pair is not suggested again. Entities are named by their
    members' keys, which survive re-resolution."""

    __tablename__ = "suggestion_dismissals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    keys_a: Mapped[list[str]] = mapped_column(JSON, default=list)
    keys_b: Mapped[list[str]] = mapped_column(JSON, default=list)
    name_a: Mapped[str] = mapped_column(Text)
    name_b: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class TokenRow(Base):
    """A person's token: only its SHA-256 is kept; `revoked` set means it no longer opens anything."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    revoked: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(Text, default="")
