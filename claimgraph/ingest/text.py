"""Plain text, including a web page pasted from a browser with its navigation chrome.

Body choice: Document.text is the article's paragraphs. Chrome (menus, share bars, promos, footers) is dropped, and
so are the header lines that are pure metadata: a section kicker, the title, the subtitle, the issue line, the
byline, a "Published ..." line and a publication name line. They go to Metadata instead. Everything else, including
photo captions, section headings and author bios, stays in the body, in order. When nothing but header lines is
left (a one-line note), the header lines are kept as the body so no text is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimgraph.ingest.chrome import SENTENCE_END, is_chrome_line, link_blocks, trailing_link_block
from claimgraph.ingest.document import Metadata
from claimgraph.ingest.metadata import (
    find_date,
    header_parts,
    is_role_part,
    looks_like_organisation,
    parse_byline,
    parse_credit,
    parse_date_line,
    parse_issue_line,
    parse_series_line,
    publication_candidates,
    vote,
)
from claimgraph.ingest.wire import read_dateline

HEAD_LIMIT = 15  # non-blank lines examined for a header
LEAD_DATE_REACH = 40  # how far into the first paragraph a date may start and still be the page's date line
# words that make a date at the head of a paragraph the time of an event, not of the page ("On May 3, 2019, ...")
EVENT_DATE_WORDS = frozenset("on in since by until from after before between at of during".split())
DATE_LABELS = frozenset("date dated published posted updated filed".split())
SHORT_LINE_WORDS = 12  # a header line this short that holds a complete date is a date line, whatever else it says
WIKI_HEADING = re.compile(r"^\s*(=+)\s*(.+?)\s*\1\s*$")
LIST_OR_FIELD = re.compile(r"^\s*[-*•]\s")
LIST_FIELD = re.compile(r"^\s*[-*•]\s+[A-Za-z][A-Za-z ]{0,20}:\s")


def normalise_newlines(text: str) -> str:
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")


def is_paragraph(line: str) -> bool:
    """A line of running text: a sentence of eight or more words, or anything long."""
    words = len(line.split())
    return words >= 25 or (words >= 8 and bool(SENTENCE_END.search(line.strip())) and not line.strip().endswith("?"))


def _key(text: str) -> str:
    return re.sub(r"^the\s+", "", re.sub(r"[^0-9a-z]+", " ", text.casefold()).strip())


@dataclass
class Header:
    """What the head of a page said, and which of its lines leave the body."""

    meta: Metadata = field(default_factory=Metadata)
    drop: set[int] = field(default_factory=set)


def read_header(lines: list[str], skip: set[int], publication: str | None) -> Header:
    """Title, subtitle, byline, dates, volume/issue from the lines before the first paragraph."""
    header = Header()
    meta = header.meta
    headings: list[int] = []
    meta_lines: list[int] = []
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip() or i in skip:
            continue
        seen += 1
        if is_paragraph(line) and _meta_follows(lines, i, skip):
            headings.append(i)  # a one-sentence standfirst right above the byline
            continue
        if seen > HEAD_LIMIT or is_paragraph(line) or (LIST_OR_FIELD.match(line) and not WIKI_HEADING.match(line)):
            if not _header_fields(line, meta):
                break
            meta_lines.append(i)
            continue
        series = parse_series_line(line)
        if series:
            meta.issue = meta.issue or series
            header.drop.add(i)
        elif _header_fields(line, meta):
            meta_lines.append(i)
        elif publication and _key(line) == _key(publication):
            header.drop.add(i)
        else:
            headings.append(i)
    if headings and not meta.publication and not publication:
        first = headings[0]
        next_is_meta = any(m > first and not any(first < h < m for h in headings) for m in meta_lines)
        if looks_like_organisation(lines[first].strip()) and not next_is_meta:
            meta.publication = lines[first].strip()
            header.drop.add(first)
            headings.pop(0)
    while len(headings) >= 2 and _is_kicker(lines[headings[0]]):
        header.drop.add(headings.pop(0))  # a section label above the headline
    if headings:
        title = headings[0]
        meta.title = _heading_text(lines[title])
        header.drop.add(title)
        if len(headings) >= 2 and any(m > headings[1] for m in meta_lines):
            meta.subtitle = _heading_text(lines[headings[1]])
            header.drop.add(headings[1])
    header.drop.update(meta_lines)
    return header


def _is_kicker(line: str) -> bool:
    """A section label: one or two words, no sentence punctuation ("World", "Homeland Security")."""
    words = [w for w in line.split() if w.lower() != "the"]
    return len(words) <= 2 and not SENTENCE_END.search(line.strip()) and not line.strip().endswith("?")


def _meta_follows(lines: list[str], index: int, skip: set[int]) -> bool:
    """True when one of the next two content lines is a byline/date/issue line."""
    ahead = [i for i in range(index + 1, len(lines)) if lines[i].strip() and i not in skip][:2]
    return any(_header_fields(lines[i], Metadata()) for i in ahead)


def _heading_text(line: str) -> str:
    match = WIKI_HEADING.match(line)
    return (match.group(2) if match else line).strip()


def _header_fields(line: str, meta: Metadata) -> bool:
    """Fill `meta` from a header line made only of issue/date/byline parts; False (and no change) otherwise."""
    found: list[tuple[str, object]] = []
    for part in header_parts(line):
        issue = parse_issue_line(part)
        if issue:
            found.append(("issue", issue))
            continue
        authors = parse_byline(part)
        if authors:
            found.append(("authors", authors))
            continue
        credit = parse_credit(part)
        if credit:
            found.extend([("authors", credit[0]), ("published", credit[1])])
            continue
        published = parse_date_line(part)
        if published:
            found.append(("published", published))
            continue
        if found and is_role_part(part):
            continue
        return False
    for kind, value in found:
        if kind == "issue":
            day, volume, number = value  # type: ignore[misc]
            meta.published = meta.published or day
            meta.volume, meta.issue = volume, number
        elif kind == "authors":
            meta.authors = meta.authors or list(value)  # type: ignore[call-overload]
        else:
            meta.published = meta.published or value  # type: ignore[assignment]
    return bool(found)


def read_text(text: str) -> tuple[str, Metadata]:
    """Body and metadata of plain text; see the module docstring for what the body keeps."""
    lines = [line.rstrip() for line in normalise_newlines(text).split("\n")]
    chrome = {i for i, line in enumerate(lines) if is_chrome_line(line)}
    chrome |= link_blocks(lines, keep=lambda line: _header_fields(line, Metadata()))
    tail = trailing_link_block(lines)
    chrome.update(range(tail, len(lines)))
    first_para = next((lines[i] for i in range(len(lines)) if i not in chrome and is_paragraph(lines[i])), "")
    dateline = read_dateline(first_para.strip(), wire=False) if first_para else None
    candidates = publication_candidates(lines)
    if dateline and dateline.agency:
        candidates.append(dateline.agency)
    publication = vote(candidates)
    header = read_header(lines, chrome, publication)
    meta = header.meta
    meta.publication = meta.publication or publication
    if dateline:
        meta.published = meta.published or dateline.published
        meta.dateline_place = dateline.place
    meta.published = meta.published or header_date(lines, chrome)
    drop = chrome | header.drop
    body = _join([_heading_text(line) for i, line in enumerate(lines) if i not in drop])
    if not body:
        body = _join([_heading_text(line) for i, line in enumerate(lines) if i not in chrome])
    return body, meta


def header_date(lines: list[str], skip: set[int]) -> str | None:
    """Last resort for the page's date: the first complete date on a header line that mixes it with other words
    ("Financial Times, 14 January 2000", "Case 1:19-cr-1 Document 12 Filed 11/12/2008 Page 1"), or one that
    opens the first paragraph ("Feb. 11, 2011 -- The story ...", "date 2022-10-25 A top leader ..."). A date
    inside running text is an event's, so only the head of the first paragraph counts, and not after "On"/"In"."""
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip() or i in skip:
            continue
        seen += 1
        if seen > HEAD_LIMIT:
            return None
        if LIST_FIELD.match(line):
            continue  # "- Date: March 29, 2010" in an infobox is the subject's date, not the page's
        paragraph = is_paragraph(line)
        found = _leading_date(line.strip(), whole=not paragraph and len(line.split()) <= SHORT_LINE_WORDS)
        if found or paragraph:
            return found
    return None


def _leading_date(line: str, whole: bool) -> str | None:
    """The date of a short header line anywhere in it (`whole`), else only one that opens the line after nothing
    but capitalised words or a label ("Thursday, Oct. 19, 2023 - ...", "date 2022-10-25 ..."); never after a
    lowercase word or "On"/"In" ("The crisis began 5 October 1970", "On May 3, 2019, police ...")."""
    found = find_date(line)
    if not found or whole:
        return found[0] if found else None
    iso, start = found
    before = re.findall(r"[A-Za-z]+", line[:start])
    if start > LEAD_DATE_REACH or {w.lower() for w in before} & EVENT_DATE_WORDS:
        return None
    return iso if all(w[0].isupper() or w.lower() in DATE_LABELS for w in before) else None


def _join(lines: list[str]) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
