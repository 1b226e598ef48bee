"""Which reader a text needs, decided by its content (the file name is only a hint for nothing here)."""

from __future__ import annotations

import re

from claimgraph.ingest.wire import is_wire

# A DOCTYPE may carry an internal subset in [...] whose declarations hold ">" of their own.
PROLOGUE = re.compile(r"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>)*", re.S | re.I)
FEED_ROOT = re.compile(r"<(?:rss\b|feed\b[^>]*xmlns=[\"']http://www\.w3\.org/2005/Atom|(?:\w+:)?RDF\b[^>]*rss)", re.I)
HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b|head\b|body\b)", re.S | re.I)
HTML_TAGS = re.compile(r"<(?:p|div|span|a|h[1-6]|article|section|title|meta|br|li|ul|table)\b[^>]*>", re.I)


def detect_kind(text: str) -> str:
    """One of "feed", "html", "wire", "text"."""
    head = text[:4096]
    start = PROLOGUE.match(head)
    rest = head[start.end() if start else 0 :]
    if FEED_ROOT.match(rest) or (rest.startswith("<") and FEED_ROOT.search(head[:1024])):
        return "feed"
    if HTML_START.match(text[:4096]) or (text.lstrip().startswith("<") and len(HTML_TAGS.findall(head)) >= 3):
        return "html"
    if is_wire(text):
        return "wire"
    return "text"
