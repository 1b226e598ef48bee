"""Entries of the UN sanctions list by reference number (e.g. "QDi.290"), for the dossier's links to them.

Resolution keeps only an entity's reference numbers; an analyst reading a dossier wants the entry itself: the
listed name and aliases, which sanctions regime, when it was listed and the list's own summary. The list is
read from the configured file (CLAIMGRAPH_GAZETTEER) once per file version and kept as small records.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from claimgraph.errors import QueryError
from claimgraph.settings import gazetteer_file


@dataclass(frozen=True)
class ListEntry:
    ref: str
    kind: str  # "individual" | "entity"
    name: str
    aliases: list[str] = field(default_factory=list)
    regime: str | None = None  # UN_LIST_TYPE, e.g. "Al-Qaida"
    listed_on: str | None = None
    summary: str | None = None  # COMMENTS1
    nationality: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def _text(el: ET.Element, tag: str) -> str:
    return " ".join((el.findtext(tag) or "").split())


def _entry(el: ET.Element, kind: str) -> ListEntry | None:
    ref = _text(el, "REFERENCE_NUMBER")
    if not ref:
        return None
    name = " ".join(p for p in (_text(el, t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"))
                    if p)
    alias_tag = "INDIVIDUAL_ALIAS" if kind == "individual" else "ENTITY_ALIAS"
    aliases = list(dict.fromkeys(a for a in (_text(al, "ALIAS_NAME") for al in el.iter(alias_tag)) if a))
    nationality = [v for v in (" ".join((x.text or "").split()) for x in el.iterfind("NATIONALITY/VALUE")) if v]
    return ListEntry(ref, kind, name, aliases, _text(el, "UN_LIST_TYPE") or None, _text(el, "LISTED_ON") or None,
                     _text(el, "COMMENTS1") or None, nationality)


@lru_cache(maxsize=2)
def _entries(path: str, mtime_ns: int) -> dict[str, ListEntry]:
    root = ET.parse(path).getroot()
    for el in root.iter():  # the current list may declare a default namespace on every element
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
    out: dict[str, ListEntry] = {}
    for tag, kind in (("INDIVIDUAL", "individual"), ("ENTITY", "entity")):
        for el in root.iter(tag):
            entry = _entry(el, kind)
            if entry is not None:
                out.setdefault(entry.ref, entry)
    return out


def list_entry(ref: str, path: Path | None = None) -> ListEntry:
    """The entry with this reference number; QueryError E521 when there is no list or no such entry."""
    path = path or gazetteer_file()
    if path is None:
        raise QueryError("no sanctions list is configured (CLAIMGRAPH_GAZETTEER)", where=ref, code="E521")
    try:
        entries = _entries(str(path), path.stat().st_mtime_ns)
    except (OSError, ET.ParseError) as err:
        raise QueryError(f"the sanctions list {path} cannot be read: {err}", where=ref, code="E521") from err
    entry = entries.get(ref.strip())
    if entry is None:
        raise QueryError(f"no entry {ref!r} in the sanctions list", where=ref, code="E521")
    return entry
