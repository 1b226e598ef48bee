"""HTML pages: trafilatura finds the main text and the page metadata (title, author, date, site name).

As with pasted text, the body is the article's paragraphs: a leading line that repeats the title is left out.

Chrome that survives extraction is removed by the same line rules as pasted text. Fields trafilatura leaves empty
(volume, issue, a byline written in the text) are filled by the plain-text header rules run on the extracted text.
"""

from __future__ import annotations

import html as htmllib
import re

import trafilatura
from lxml import html as lxml_html

from claimgraph.ingest.chrome import strip_chrome
from claimgraph.ingest.document import Metadata
from claimgraph.ingest.html_stream import LIBXML_MAX_DEPTH, stream_text
from claimgraph.ingest.metadata import name_case, parse_date
from claimgraph.ingest.text import read_text

BLOCK_END = re.compile(r"(?i)<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/tr|/blockquote|/section|/article)\s*>")
TAG = re.compile(r"<[^>]*>")
SCRIPT = re.compile(r"(?is)<(script|style|noscript)\b.*?</\1\s*>")
CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _control_ref(match: re.Match[str]) -> str:
    """A numeric reference to a control character dropped (lxml refuses them as node text; they mean nothing)."""
    hexa, dec = match.groups()
    code = int(hexa, 16) if hexa else int(dec)
    return "" if code < 32 and code not in (9, 10, 13) or code == 127 else match.group(0)


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry), block elements becoming paragraph breaks."""
    text = SCRIPT.sub(" ", fragment)
    text = BLOCK_END.sub("\n\n", text)
    text = htmllib.unescape(TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _fallback_text(page: str) -> str:
    try:
        root = lxml_html.document_fromstring(CHAR_REF.sub(_control_ref, page))
    except (ValueError, lxml_html.etree.ParserError):
        return fragment_to_text(page)
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside"):
        bad.drop_tree()
    return fragment_to_text(lxml_html.tostring(root, encoding="unicode"))


def _authors(raw: str | None) -> list[str]:
    if not raw:
        return []
    return [name_case(a.strip()) for a in re.split(r"\s*;\s*|\s+and\s+", raw) if a.strip()]


def read_html(page: str) -> tuple[str, Metadata]:
    """Body and metadata of an HTML page; the body is empty when the page has no readable text."""
    result = None
    try:
        result = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True)
    except Exception:  # trafilatura can fail deep in lxml on broken markup; the fallback below still reads it
        result = None
    data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = data.get("text") or ""
    streamed, depth = stream_text(page)
    if depth > LIBXML_MAX_DEPTH and len(streamed) > len(text):  # lxml cut the tree short: read it as a stream
        text = streamed
    if not text.strip():
        text = _fallback_text(page)
    body = strip_chrome(text)
    _, found = read_text(text)
    published = data.get("date")
    published = parse_date(published) if published else None
    meta = Metadata(
        title=data.get("title") or found.title,
        subtitle=found.subtitle,
        authors=_authors(data.get("author")) or found.authors,
        published=published or found.published,
        publication=data.get("sitename") or found.publication,
        volume=found.volume,
        issue=found.issue,
        url=data.get("url"),
        dateline_place=found.dateline_place,
    )
    body, standfirst = _without_header(body, meta.title, data.get("description"))
    meta.subtitle = meta.subtitle or standfirst
    return body, meta


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()  # type: ignore[union-attr]


def _without_header(body: str, title: str | None, description: str | None) -> tuple[str, str | None]:
    """The body minus the article header that pages put inside <article>: a kicker, the <h1> repeating the title,
    and a standfirst that repeats the page's description (returned as the subtitle)."""
    lines = body.split("\n")
    at = next((i for i, line in enumerate(lines[:5]) if _same(line, title)), None)
    if at is None or at + 1 >= len(lines):
        return body, None
    rest = lines[at + 1 :]
    standfirst = None
    if len(rest) > 1 and _same(rest[0], description):
        standfirst = rest.pop(0).strip()
    return "\n".join(rest).strip(), standfirst
