"""Tables of the analyst's standing questions: watchlists, the alerts they raise, and subscribed feeds.

Kept apart from models.py because they are the analyst's own input, never rebuilt from documents. A watchlist
names entities by the name the analyst typed (re-resolved at match time, since canonical ids follow resolution).
`checked_until` is the ingest time up to which documents have been matched, so every newly ingested document is
matched once, whether it came from an upload, a feed or the CLI.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from claimgraph.store.models import Base, _now

WATCH_KINDS = ("entity", "pair", "phrase")


class WatchlistRow(Base):
    """Watch one entity (`a`), a pair of entities (`a`, `b`) or a phrase (`a`) in new claims and events."""

    __tablename__ = "watchlists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    a: Mapped[str] = mapped_column(Text)
    b: Mapped[str | None] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    checked_until: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AlertRow(Base):
    """One new claim or event that matched a watchlist; `read` flips when the analyst has seen it."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("watchlist_id", "item_kind", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id", ondelete="CASCADE"), index=True)
    item_kind: Mapped[str] = mapped_column(String(16))  # claim | event
    item_id: Mapped[int] = mapped_column(Integer)
    doc_id: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    read: Mapped[bool] = mapped_column(Boolean, default=False)


class FeedRow(Base):
    """An RSS/Atom URL polled every `interval` seconds; new items are ingested like uploads."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    interval: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_polled: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[str | None] = mapped_column(Text)
    last_stored: Mapped[int] = mapped_column(Integer, default=0)
