"""RSS 2.0, RSS 1.0 and Atom feeds (feedparser): one Document per entry.

Each entry's text is its full content when the feed carries it, else its summary, with HTML stripped. The entry's
link becomes metadata.url, the feed's title its publication.
"""

from __future__ import annotations

import time

import feedparser

from claimgraph.ingest.chrome import strip_chrome
from claimgraph.ingest.document import Metadata
from claimgraph.ingest.html import fragment_to_text
from claimgraph.ingest.metadata import name_case, parse_date


def _published(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    for key in ("published", "updated", "created"):
        if entry.get(key):
            iso = parse_date(str(entry[key]))
            if iso:
                return iso
    return None


def _authors(entry: dict) -> list[str]:
    raw = entry.get("author") or ""
    if "@" in raw and "(" in raw:  # RSS 2.0 "desk@example.org (Jane Roe)": the name is in the parentheses
        raw = raw[raw.index("(") + 1 :].rstrip(") ")
    names = [raw] + [a.get("name", "") for a in entry.get("authors") or [] if isinstance(a, dict)]
    out: list[str] = []
    for name in names:
        name = name_case(name.strip())
        # feedparser can mangle "email (Name)" into a broken name; such leftovers carry brackets or "@"
        if name and not any(c in name for c in "@()") and name not in out:
            out.append(name)
    return out


def _entry_text(entry: dict) -> str:
    for block in entry.get("content") or []:
        if block.get("value"):
            return fragment_to_text(block["value"])
    return fragment_to_text(entry.get("summary") or entry.get("description") or "")


def read_feed(data: bytes) -> list[tuple[str, Metadata]]:
    """(body, metadata) for each entry with any text; entries with neither text nor title are skipped."""
    parsed = feedparser.parse(data)
    publication = fragment_to_text(parsed.feed.get("title") or "") or None
    out = []
    for entry in parsed.entries:
        title = fragment_to_text(entry.get("title") or "") or None
        body = strip_chrome(_entry_text(entry)) or (title or "")
        if not body.strip():
            continue
        meta = Metadata(
            title=title,
            authors=_authors(entry),
            published=_published(entry),
            publication=publication,
            url=entry.get("link") or entry.get("id"),
        )
        out.append((body, meta))
    return out


def is_feed_document(data: bytes) -> bool:
    """feedparser's own verdict, used to confirm what detect.py saw in the first bytes."""
    parsed = feedparser.parse(data)
    return bool(parsed.version) or bool(parsed.entries)
