"""General rules that read metadata out of lines: dates, bylines, issue lines, publication names.

Each function looks at one line (or a few) and returns what it finds, or None. They know formats, never articles.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import dateparser

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Date forms found in headers: "May 7, 2012", "7 May 2012", "3 JAN 90", "2012-05-07", "28/02/2012".
DATE_PATTERNS = (
    re.compile(rf"\b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d)", re.I),  # also "2008The" (lost space)
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS},?\s+\d{{2,4}}\b", re.I),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b"),
)
ISSUE_LINE = re.compile(
    r"\bVol(?:ume)?\.?\s*(?P<volume>[0-9IVXLC]+)\s*,?\s*(?:No|Nr|Number|Issue|Iss)\.?\s*(?P<issue>\d+)", re.I
)
DATE_LINE_PREFIX = re.compile(
    r"^(?:published|posted|updated|last updated|first published|dated|originally published)\b[:\s]*(?:on\s+)?", re.I
)
TIME_WORDS = re.compile(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\([A-Z]{2,5}\)|\b(?:[AP]M|[A-Z]{2,4}T|UTC|GMT)\b", re.I)
BYLINE = re.compile(r"^(?:written\s+)?by[:\s]+(?P<names>.+)$", re.I)
PARTS = re.compile(r"\s+[•·|]\s+|\s+[–—]\s+")
ROLE_WORDS = frozenset(
    "staff writer reporter correspondent editor contributor columnist special to the and associated press agency "
    "senior contributing news desk foreign bureau chief analyst special staff-writer political diplomatic".split()
)
NAME_PARTICLES = frozenset("al el bin ibn bint de del della da di du la le van von der den ten ter y".split())
ORG_WORDS = re.compile(
    r"\b(Center|Centre|Institute|Foundation|Council|Journal|Times|Post|News|Review|Magazine|Agency|Press|Tribune|"
    r"Herald|Gazette|Daily|Weekly|Monitor|Observer|Chronicle|Telegraph|Guardian|Standard|Sentinel|Quarterly)\b"
)
PUBLICATION_PATTERNS = (
    # "© 2012 The Weekly Standard", "Copyright 2012 Example Media. All rights reserved."
    re.compile(
        r"^\s*(?:©|\(c\)|copyright)\s*(?:(?:©|\(c\))\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(?P<name>[^.,|•]+)", re.I
    ),
    # "... is a senior writer at The Weekly Standard."
    re.compile(
        r"\bis (?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:writer|editor|correspondent|reporter|columnist|contributor)"
        r"\s+(?:at|for|with)\s+(?P<name>(?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w&'’-]*)*)"
    ),
    # "The Weekly Standard Archives"
    re.compile(r"^(?P<name>(?:the\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*)\s+Archives?$"),
    # "Browse 20 Years of the Weekly Standard", "Subscribe to The Example Times"
    re.compile(
        r"^(?:browse|explore|search)\b.*?\b(?:years|issues|archives?)\s+of\s+(?P<name>(?:the\s+)?[A-Z][\w&'’ -]+)$",
        re.I,
    ),
    re.compile(r"^(?:subscribe to|follow|about)\s+(?P<name>(?:the\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*)$", re.I),
)


def parse_date(text: str) -> str | None:
    """ISO date of the first complete date in `text`, or None. Two-digit years pivot on the current year."""
    found = find_date(text)
    return found[0] if found else None


def find_date(text: str) -> tuple[str, int] | None:
    """(ISO date, where it starts in `text`) of the first complete date in `text`, the earliest of the forms."""
    found = []
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            iso = _to_iso(match.group(0))
            if iso:
                found.append((match.start(), iso))
    if not found:
        return None
    start, iso = min(found)
    return iso, start


def _to_iso(raw: str) -> str | None:
    raw = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw)
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", raw)
    settings: dict = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        settings["DATE_ORDER"] = "MDY" if second > 12 >= first else "DMY"
    short_year = re.search(r"(?<!\d)(\d{2})$", raw.strip())
    if short_year and not re.search(r"\d{4}", raw):
        yy = int(short_year.group(1))
        century = 2000 if yy <= (date.today().year % 100) + 1 else 1900
        raw = raw[: short_year.start()] + str(century + yy)
    try:
        parsed = dateparser.parse(raw, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; no date is the honest answer
        return None
    return parsed.date().isoformat() if parsed else None


def parse_date_line(line: str) -> str | None:
    """A header line that states when the piece appeared: "Published February 13, 2012 2:00PM (EST)", "May 7, 2012"."""
    stripped = line.strip()
    rest = DATE_LINE_PREFIX.sub("", stripped)
    if rest != stripped:
        return parse_date(rest)
    iso = parse_date(stripped)
    if not iso:
        return None
    leftover = stripped
    for pattern in DATE_PATTERNS:
        leftover = pattern.sub("", leftover)
    leftover = TIME_WORDS.sub("", leftover)
    return iso if len(re.findall(r"[A-Za-z]{2,}", leftover)) <= 1 else None


def parse_issue_line(line: str) -> tuple[str | None, str, str] | None:
    """("2012-05-07", "17", "32") from "May 7, 2012, Vol. 17, No. 32"; None when the line has no volume/number."""
    match = ISSUE_LINE.search(line)
    if not match:
        return None
    return parse_date(line), match.group("volume"), match.group("issue")


def name_case(name: str) -> str:
    """ALL-CAPS names become Title Case ("THOMAS JOSCELYN" -> "Thomas Joscelyn"); mixed case is kept as written."""
    name = " ".join(name.split())
    if any(c.islower() for c in name):
        return name
    words = []
    for i, word in enumerate(name.split(" ")):
        low = word.lower()
        if i and low in NAME_PARTICLES:
            words.append(low)
            continue
        titled = "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
        titled = re.sub(r"^(Mc|O'|O’)(\w)", lambda m: m.group(1) + m.group(2).upper(), titled)
        words.append(titled)
    return " ".join(words)


def parse_byline(line: str) -> list[str] | None:
    """Authors from "By NAME", "By A and B", "By A, B and C"; role words after a comma are dropped."""
    match = BYLINE.match(line.strip())
    if not match:
        return None
    names_part = re.split(r"\s*[|•·]\s*|\s+[–—]\s+", match.group("names"))[0]
    pieces = re.split(r"\s*,\s*|\s+and\s+|\s*&\s*|\s*;\s*", names_part, flags=re.I)
    authors = []
    for piece in pieces:
        piece = piece.strip(" .")
        words = piece.split()
        if not piece or all(w.lower() in ROLE_WORDS for w in words):
            continue
        if len(words) > 5 or not all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words):
            return None  # "By the end of May ...": not a byline
        authors.append(name_case(piece))
    return authors or None


CREDITS = (
    re.compile(r"^(?:(?:posted|published|written)\s+)?by\s+(?P<names>.+?)\s+on\s+(?P<date>.+)$", re.I),
    re.compile(r"^(?:(?:posted|published|written)\s+)?(?:on\s+)?(?P<date>.+?)\s+by\s+(?P<names>.+)$", re.I),
)


def parse_credit(part: str) -> tuple[list[str], str] | None:
    """Authors and date from "Posted on May 3, 2014 by Jane Roe" or "Written by Jane Roe on May 3, 2014"."""
    for pattern in CREDITS:
        match = pattern.match(part.strip())
        if not match:
            continue
        published = parse_date_line(match.group("date"))
        authors = parse_byline(f"By {match.group('names')}")
        if published and authors:
            return authors, published
    return None


SERIES_LINE = re.compile(r"^[A-Z][\w ]{0,40}?\s(?:No\.?|Nr\.?|Number|Issue)\s*(?P<issue>\d+)$")


def parse_series_line(line: str) -> str | None:
    """The number of a series label standing alone ("Policy Brief No. 41", "Occasional Paper Number 7")."""
    match = SERIES_LINE.match(line.strip())
    return match.group("issue") if match else None


def is_role_part(part: str) -> bool:
    """A desk or role credit beside a byline ("Foreign Desk", "Staff Writer")."""
    words = part.lower().split()
    return bool(words) and all(w in ROLE_WORDS for w in words)


def header_parts(line: str) -> list[str]:
    """A header line split at bullets and dashes: "May 7, 2012, Vol. 17, No. 32 • By NAME" -> two parts."""
    return [p.strip() for p in PARTS.split(line.strip()) if p.strip()]


def publication_candidates(lines: list[str]) -> list[str]:
    """Publication names stated by footer, copyright and bio lines, in order of appearance."""
    found = []
    for line in lines:
        stripped = line.strip()
        for pattern in PUBLICATION_PATTERNS:
            match = pattern.search(stripped)
            if match:
                name = clean_publication(match.group("name"))
                if name:
                    found.append(name)
                break
    return found


def clean_publication(name: str) -> str | None:
    name = re.sub(r"\b(all rights reserved|inc|llc|ltd)\b.*$", "", name, flags=re.I).strip(" .,;:-")
    name = " ".join(name.split())
    if not name or len(name.split()) > 8 or not re.search(r"[A-Za-z]", name):
        return None
    if name.lower().startswith("the "):
        name = "The " + name[4:]
    return name


def vote(candidates: list[str]) -> str | None:
    """The most often named candidate (case-insensitive), earliest on ties; its best-cased spelling."""
    if not candidates:
        return None
    keys = [re.sub(r"^the\s+", "", c.casefold()) for c in candidates]
    counts = Counter(keys)
    best = max(keys, key=lambda k: (counts[k], -keys.index(k)))
    spellings = [c for c, k in zip(candidates, keys, strict=True) if k == best]
    return max(spellings, key=lambda s: (s.startswith("The "), sum(ch.isupper() for ch in s)))


def looks_like_organisation(line: str) -> bool:
    """A short Title-Case line naming a body ("Center for Strategic Communication"), not a sentence."""
    words = line.split()
    if not 1 <= len(words) <= 7 or re.search(r"[.!?:;,]$", line.strip()):
        return False
    capitals = [w for w in words if w[:1].isupper()]
    return len(capitals) >= max(1, len(words) - 2) and bool(ORG_WORDS.search(line))
