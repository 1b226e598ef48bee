"""Subscribed RSS/Atom feeds, polled on a schedule inside the app's lifespan.

Every tick the poller (a background asyncio task) matches documents ingested since the last check against the
watchlists, so a CLI ingest raises alerts too, and fetches each feed whose interval has passed. A fetched feed is
saved under <data>/feeds/ and ingested like an upload; items already stored are skipped by content hash.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from claimgraph.errors import IngestError
from claimgraph.store.watch_models import FeedRow
from claimgraph.web.cache import bump
from claimgraph.web.fetch import AddressPolicy, check_feed_url, fetch_feed
from claimgraph.web.ingestion import check_alerts, ingest_paths, write_lock
from claimgraph.web.security import private_dir

FEED_DIR = "feeds"
MIN_INTERVAL = 10

log = logging.getLogger("claimgraph.web.feeds")


def subscribe(session: Session, url: str, interval: int, policy: AddressPolicy) -> FeedRow:
    """A new subscription (or the existing one for the URL, with the new interval). The caller commits.
    A URL whose host is internal (see web/fetch.py) is refused unless the policy allows private addresses."""
    url = check_feed_url(url, policy)
    interval = max(MIN_INTERVAL, int(interval))
    row = session.scalar(select(FeedRow).where(FeedRow.url == url))
    if row is None:
        row = FeedRow(url=url, interval=interval, last_stored=0)
        session.add(row)
    else:
        row.interval = interval
    session.flush()
    return row


def feed_json(row: FeedRow) -> dict:
    return {"id": row.id, "url": row.url, "interval": row.interval,
            "last_polled": row.last_polled.isoformat() if row.last_polled else None,
            "last_status": row.last_status, "last_stored": row.last_stored}


def _due(row: FeedRow, now: datetime) -> bool:
    if row.last_polled is None:
        return True
    last = row.last_polled if row.last_polled.tzinfo else row.last_polled.replace(tzinfo=UTC)
    return now - last >= timedelta(seconds=row.interval)


def poll_feed(engine: Engine, data_dir: Path, feed_id: int, max_bytes: int, policy: AddressPolicy) -> str:
    """Fetch one feed, ingest it, record the outcome on the subscription; returns the status line."""
    with Session(engine) as session:
        row = session.get(FeedRow, feed_id)
        url = row.url if row else None
    if url is None:
        return "gone"
    stored = 0
    try:
        content = fetch_feed(url, max_bytes, policy)
        folder = private_dir(data_dir / FEED_DIR)
        path = folder / f"{feed_id}-{uuid.uuid4().hex}.xml"
        path.write_bytes(content)
        summary, _alerts = ingest_paths(engine, [str(path)], max_bytes=max_bytes)
        stored = summary.stored + summary.replaced
        status = f"ok: {summary.stored} stored, {summary.skipped} already stored, {summary.failed} failed"
    except (IngestError, OSError) as err:
        status = f"error: {err}"
    with Session(engine) as session, session.begin():
        row = session.get(FeedRow, feed_id)
        if row is not None:
            row.last_polled = datetime.now(UTC)
            row.last_status = status[:500]
            row.last_stored = stored
    bump()
    return status


def poll_due(engine: Engine, data_dir: Path, max_bytes: int, policy: AddressPolicy | None = None) -> int:
    """One tick: match newly ingested documents, then poll every due feed. Returns feeds polled."""
    if write_lock.acquire(blocking=False):  # an ingest in progress matches its own documents
        try:
            check_alerts(engine)
        finally:
            write_lock.release()
    now = datetime.now(UTC)
    with Session(engine) as session:
        due = [r.id for r in session.scalars(select(FeedRow).order_by(FeedRow.id)) if _due(r, now)]
    for feed_id in due:
        poll_feed(engine, data_dir, feed_id, max_bytes, policy or AddressPolicy())
    return len(due)


async def run_poller(engine: Engine, data_dir: Path, max_bytes: int, tick: float,
                     allow_private: bool = False) -> None:
    """The lifespan task: one tick every `tick` seconds, each in a worker thread, errors logged not raised."""
    while True:
        try:
            await asyncio.to_thread(poll_due, engine, data_dir, max_bytes, AddressPolicy(allow_private))
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the poller must survive a bad feed or a busy database
            log.exception("feed poll failed")
        await asyncio.sleep(tick)
