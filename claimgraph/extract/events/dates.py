"""Date expressions in text, resolved against the publication date with the precision the text gives.

"in March" in a May 2012 article is 2012-03 (month precision), "3 JAN 90" is 1990-01-03, "early this
year" is 2012, "yesterday" is the day before publication. dateparser does the calendar arithmetic with
RELATIVE_BASE set to the reference date; the regular expressions here decide what counts as a date and
how precise it is, so "may" the verb and a bare number are never dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

from claimgraph.ingest.document import Document

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "a": 1}

_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_FULL_M = r"(?P<month>january|february|march|april|june|july|august|september|october|november|december|may)"
_YEAR4 = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS: list[tuple[str, str]] = [
    # (precision, regex); earlier patterns win on overlap
    ("day", r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r",?\s+(?P<year>(?:19|20)\d\d|\d\d)\b"),
    ("day", r"\b" + _M + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR4 + r"\b"),
    ("day", r"\b" + _M + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:people|percent|%))"),
    ("day", r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r"(?![a-z])"),
    ("month", r"\b(?:(?P<part>early|mid|late|end of|beginning of)[- ]\s*)?" + _M + r",?\s+(?:of\s+)?" + _YEAR4 + r"\b"),
    ("month", r"\b(?P<part>early|mid|late|end of|beginning of)[- ]\s*" + _FULL_M + r"\b"),
    ("month", r"\b(?P<prep>in|since|until|by|during|from|last|this|next|of|through)\s+" + _FULL_M + r"\b(?!\s+\d)"),
    ("day", r"\b(?P<rel>yesterday|today|tonight|last night|this morning|this afternoon|this evening)\b"),
    ("day", r"\b(?P<rel>the (?:next|following) day|a day later|the day before|the previous day)\b"),
    ("day", r"\b(?P<ago>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a) days? ago\b"),
    ("day", r"\b(?:on |last |this |early |late )?"
            r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
    ("month", r"\b(?P<rel>last week|this week|last month|this month|earlier this month)\b"),
    ("year", r"\b(?P<rel>(?:early |earlier |late |later )?(?:this|last) year|(?:early |late )?in the year)\b"),
    ("year", r"\b(?P<season>(?:the )?(?:summer|winter|spring|fall|autumn) of )?" + _YEAR4 + r"\b(?![-/]\d)"),
]
_COMPILED = [(p, re.compile(rx, re.IGNORECASE)) for p, rx in _PATTERNS]


@dataclass
class DateMention:
    """A date expression at [start, end) of the text with its ISO value (YYYY, YYYY-MM or YYYY-MM-DD)."""

    start: int
    end: int
    text: str
    value: str | None
    relative_to_previous: bool = False  # "the next day": resolved against the previous date mention


def parse_iso(value: str | None) -> date | None:
    """A date from an ISO string of any precision (missing parts become 1)."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .'-]*,\s+(\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4})\b")


def reference_date(document: Document) -> date | None:
    """The date relative expressions are resolved against: the publication date, else a wire dateline."""
    ref = parse_iso(document.metadata.published)
    if ref is not None:
        return ref
    m = _DATELINE.match(document.text[:200])
    if m:
        parsed = dateparser.parse(m.group(1), languages=["en"], settings={"DATE_ORDER": "DMY"})
        if parsed:
            return parsed.date()
    return None


def _iso(d: date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _infer_year(month: int, day: int | None, ref: date | None) -> int | None:
    """A year-less date lies in the past of the reference: same year unless that would be in its future."""
    if ref is None:
        return None
    if (month, day or 1) > (ref.month, ref.day):
        return ref.year - 1
    return ref.year


def _parse(text: str, ref: date | None) -> date | None:
    settings = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _resolve(m: re.Match, precision: str, ref: date | None) -> str | None:
    g = m.groupdict()
    if g.get("rel"):
        rel = g["rel"].lower()
        if ref is None:
            return None
        if rel in ("yesterday", "last night"):
            return _iso(ref - timedelta(days=1), "day")
        if rel in ("today", "tonight", "this morning", "this afternoon", "this evening"):
            return _iso(ref, "day")
        if rel in ("last week", "this week", "this month", "earlier this month"):
            return _iso(ref - timedelta(days=7 if rel == "last week" else 0), "month")
        if rel == "last month":
            d = _parse("1 month ago", ref)
            return _iso(d, "month") if d else None
        if "last year" in rel:
            return f"{ref.year - 1:04d}"
        if "this year" in rel or "in the year" in rel:
            return f"{ref.year:04d}"
        return None
    if g.get("ago"):
        if ref is None:
            return None
        n = g["ago"].lower()
        days = int(n) if n.isdigit() else _NUMBER_WORDS.get(n, 1)
        d = _parse(f"{days} days ago", ref)
        return _iso(d, "day") if d else None
    if g.get("weekday"):
        if ref is None:
            return None
        wd = WEEKDAYS[g["weekday"].lower()]
        return _iso(ref - timedelta(days=(ref.weekday() - wd) % 7), "day")
    month = MONTHS.get((g.get("month") or "").lower().rstrip("."))
    year = g.get("year")
    if month is None:
        return year if year and precision == "year" else None
    day = int(g["day"]) if g.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    if year is None:
        inferred = _infer_year(month, day, ref)
        if inferred is None:
            return None
        year = str(inferred)
    text = f"{day or 1} {month} {year}" if precision == "day" else f"1 {month} {year}"
    parsed = _parse(text, ref) if len(year) == 2 else None
    y = parsed.year if parsed else int(year)
    try:
        return _iso(date(y, month, day or 1), "day" if day else "month")
    except ValueError:
        return None


def find_dates(text: str, ref: date | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in text, left to right, non-overlapping; offsets shifted by `offset`."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for precision, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            word = (m.groupdict().get("month") or "").lower()
            if word == "may" and not text[m.start("month")].isupper() and not precision == "day":
                continue
            if word in ("mar", "dec", "jan", "sep", "oct", "jun", "jul", "aug", "apr", "nov", "feb") and \
                    precision == "month" and "prep" in m.groupdict() and m.groupdict().get("prep"):
                continue
            taken.append((s, e))
            rel_prev = bool(m.groupdict().get("rel")) and m.group("rel").lower() in (
                "the next day", "the following day", "a day later", "the day before", "the previous day")
            value = None if rel_prev else _resolve(m, precision, ref)
            found.append(DateMention(s + offset, e + offset, m.group(), value, relative_to_previous=rel_prev))
    found.sort(key=lambda d: d.start)
    previous: str | None = None
    for d in found:
        if d.relative_to_previous and previous and len(previous) == 10:
            step = -1 if ("before" in d.text.lower() or "previous" in d.text.lower()) else 1
            d.value = (date.fromisoformat(previous) + timedelta(days=step)).isoformat()
        if d.value:
            previous = d.value
    return found
