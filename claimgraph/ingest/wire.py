"""Wire reports that open with a dateline: `SAN SALVADOR, 3 JAN 90 (EFE) -- [TEXT] ...`.

The dateline gives the place (metadata.dateline_place), the date (metadata.published) and, in parentheses, the
agency (metadata.publication). The body keeps everything after the dateline's dash, bracketed tags included
([REPORT], [SPEAKER NAME]) because they say who is speaking; hard-wrapped lines inside a paragraph are joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.ingest.document import Metadata
from claimgraph.ingest.metadata import MONTHS, parse_date

PLACE = r"(?P<place>[A-Z][A-Z.'’ -]*[A-Z.](?:\s*\([A-Z][A-Za-z.' -]*\)(?=,))?)"
MON = f"(?i:{MONTHS})"
WIRE_DATE = rf"(?P<date>\d{{1,2}}\s+{MON}(?:\s+\d{{2,4}})?|{MON}\s+\d{{1,2}},?(?:\s+\d{{4}})?|NO DATE)"
AGENCY = r"(?:\s*\((?P<agency>[^()]{1,60})\))?"
DASH = r"\s*(?:--|[—–]|-(?=\s))\s*"
# The full wire form: place, date, optional agency, dash.
WIRE_DATELINE = re.compile(rf"^\s*{PLACE},\s*{WIRE_DATE}{AGENCY}{DASH}")
# A news dateline opening a first paragraph: "JERUSALEM (AP) — ",
# "13:49 28/02/2012 BANGKOK, February 28 (RIA Novosti) - ".
NEWS_DATELINE = re.compile(
    rf"^\s*(?:\d{{1,2}}:\d{{2}}\s+)?(?:\d{{1,2}}/\d{{1,2}}/\d{{4}}\s+)?{PLACE}(?:,\s*{WIRE_DATE})?{AGENCY}{DASH}\S"
)


@dataclass
class Dateline:
    place: str
    published: str | None
    agency: str | None
    end: int  # offset just after the dateline's dash


def read_dateline(text: str, *, wire: bool = True) -> Dateline | None:
    """The dateline at the start of `text` (wire form, or the looser news form when wire=False)."""
    match = (WIRE_DATELINE if wire else NEWS_DATELINE).match(text)
    if not match:
        return None
    if not wire and not (match.group("agency") or match.group("date")):
        return None
    raw_date = match.group("date")
    published = None
    if raw_date and raw_date.upper() != "NO DATE":
        published = parse_date(raw_date) or parse_date(text[: match.end()])
    if not wire and not (raw_date and re.search(r"\d{4}", raw_date)):
        published = parse_date(text[: match.end()]) or None
    agency = match.group("agency")
    agency = " ".join(agency.split()) if agency else None
    end = match.end() if wire else match.end() - 1
    return Dateline(place=" ".join(match.group("place").split()), published=published, agency=agency, end=end)


def is_wire(text: str) -> bool:
    """True when the first non-blank line opens with a wire dateline."""
    return read_dateline(text.lstrip()) is not None


def unwrap(text: str) -> str:
    """Join hard-wrapped lines inside each paragraph; paragraphs stay separated by a blank line."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paragraphs)


def read_wire(text: str) -> tuple[str, Metadata]:
    """Body and metadata of a wire report; the caller has checked is_wire()."""
    stripped = text.lstrip()
    dateline = read_dateline(stripped)
    assert dateline is not None
    body = unwrap(stripped[dateline.end :])
    meta = Metadata(published=dateline.published, publication=dateline.agency, dateline_place=dateline.place)
    return body, meta
