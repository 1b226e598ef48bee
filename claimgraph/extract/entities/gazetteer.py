"""Names of real actors loaded as data from the UN Security Council consolidated sanctions list (XML).

The list is read by path at run time (setting CLAIMGRAPH_GAZETTEER), never copied into the repository.
Parsed names are cached as JSON under the user cache directory so later loads skip the XML. Extraction
works without it: `load_gazetteer()` returns None when the file is absent or disabled.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimgraph.settings import gazetteer_file

CACHE_VERSION = "3"
_PARTICLES = ("al", "el")
_FUNCTION_WORDS = ("of", "the", "and", "in", "for", "on", "to")
_GENERIC_HEADS = ("front", "group", "network", "organization", "organisation", "movement")
_LATIN = re.compile(r"^[\sA-Za-z0-9'’`\-.,&/]+$")


@dataclass
class GazetteerRecord:
    """One listed individual (-> person) or entity (-> organization) with its reference number."""

    ref: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class GazetteerMatch:
    start: int
    end: int
    record: GazetteerRecord


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\u2019", "'")).strip().strip(";,")


def _display(name: str) -> str:
    """Listed names are often upper case; show them in title case with lower-case particles."""
    if not name.isupper() or (" " not in name and len(name) <= 6):
        return name  # already mixed case, or an acronym
    words = []
    for word in name.split(" "):
        if word.lower() in _FUNCTION_WORDS:
            words.append(word.lower())
            continue
        parts = [p.capitalize() for p in word.lower().split("-")]
        if parts and parts[0] in _PARTICLES and len(parts) > 1:
            parts[0] = parts[0].lower()
        words.append("-".join(parts))
    return " ".join(words)


def _split_alias(raw: str) -> list[str]:
    """An alias cell may hold 'Name (ACR)', 'A / B' or 'script (A; B; C)'; return the Latin names in it."""
    out: list[str] = []
    raw = raw.replace("\n", " ")
    inner = re.findall(r"\(([^()]*)\)", raw)
    outer = re.sub(r"\([^()]*\)", " ", raw)
    for chunk in [outer, *inner]:
        for piece in re.split(r";|\s/\s", chunk):
            piece = _clean(piece).strip('"')
            if len(piece) >= 2 and _LATIN.match(piece) and not re.search(r"\d{3}", piece):
                out.append(piece)
    return out


# Alias qualities that mark a name the committee stands by: "Good" in the 2020 list's individual aliases; the
# entity aliases, and the individual aliases of later lists, say "a.k.a." (also known as) and "f.k.a." (formerly).
GOOD_ALIAS = frozenset({"good", "a.k.a.", "f.k.a."})


def _local_names(root: ET.Element) -> ET.Element:
    """Drop XML namespaces from every tag, so `{urn:...}INDIVIDUAL` reads as `INDIVIDUAL`."""
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.rsplit("}", 1)[1]
    return root


def parse_list(path: Path) -> list[GazetteerRecord]:
    """Individuals and entities of the UN list with their names and good-quality aliases.

    Reads the consolidated list as published in 2020 and as published today: the element names are the same,
    but the current file may declare a default XML namespace on every element and writes individual aliases'
    quality as "a.k.a."/"f.k.a."; both are accepted. A file holding neither individuals nor entities is not a
    UN list: ValueError."""
    root = _local_names(ET.parse(path).getroot())
    individuals, entities = list(root.iter("INDIVIDUAL")), list(root.iter("ENTITY"))
    if not individuals and not entities:
        raise ValueError(f"{path}: no INDIVIDUAL or ENTITY element; not a UN consolidated sanctions list")
    records: list[GazetteerRecord] = []
    for el in individuals:
        parts = [_clean(el.findtext(tag)) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        parts = [p for p in parts if p]
        if not parts:
            continue
        full = _display(" ".join(parts))
        aliases = []
        words = full.split(" ")
        if len(words) > 2:
            aliases.append(f"{words[0]} {words[-1]}")
        for al in el.iter("INDIVIDUAL_ALIAS"):
            if (al.findtext("QUALITY") or "").strip().lower() not in GOOD_ALIAS:
                continue
            for name in _split_alias(al.findtext("ALIAS_NAME") or ""):
                if "," not in name:
                    aliases.append(_display(name))
        records.append(GazetteerRecord(_clean(el.findtext("REFERENCE_NUMBER")), "person", full, aliases))
    for el in entities:
        names = _split_alias(el.findtext("FIRST_NAME") or "")
        for al in el.iter("ENTITY_ALIAS"):
            names.extend(_split_alias(al.findtext("ALIAS_NAME") or ""))
        names = [_display(n) for n in names]
        if names:
            ref = _clean(el.findtext("REFERENCE_NUMBER"))
            records.append(GazetteerRecord(ref, "organization", names[0], names[1:]))
    return records


def _variants(name: str, kind: str) -> set[str]:
    """Spellings texts use for a listed name: with/without the hyphen after al-, without a generic head."""
    out = {name}
    out.add(re.sub(r"\b([Aa]l|[Ee]l)-", r"\1 ", name))
    out.add(re.sub(r"\b([Aa]l|[Ee]l) ", r"\1-", name))
    if kind == "organization":
        for v in list(out):
            words = v.split(" ")
            if len(words) >= 3 and words[-1].lower() in _GENERIC_HEADS:
                out.add(" ".join(words[:-1]))
    return out


class Gazetteer:
    """A PhraseMatcher over listed names; matches must look like names in the text (capitalised)."""

    def __init__(self, records: list[GazetteerRecord], patterns: list[tuple[list[str], int]], nlp: Language):
        self.records = records
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._acronyms: set[str] = set()
        by_record: dict[int, list[Doc]] = {}
        for words, idx in patterns:
            if len(words) == 1:
                self._acronyms.add(words[0])
            by_record.setdefault(idx, []).append(Doc(nlp.vocab, words=words))
        for idx, docs in by_record.items():
            self.matcher.add(str(idx), docs)

    def find(self, doc: Doc) -> list[GazetteerMatch]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=match_id)
            if self._looks_like_name(span):
                spans.append(span)
        out = []
        for span in filter_spans(spans):
            record = self.records[int(span.label_)]
            out.append(GazetteerMatch(span.start, span.end, record))
        return out

    def _looks_like_name(self, span: Span) -> bool:
        if len(span) == 1:
            return span[0].text in self._acronyms and span[0].is_upper
        words = [t for t in span if t.is_alpha and t.lower_ not in _PARTICLES and not t.is_stop]
        return bool(words) and all(t.is_title or t.is_upper for t in words)


def _patterns(records: list[GazetteerRecord], nlp: Language) -> list[tuple[list[str], int]]:
    texts: list[tuple[str, int]] = []
    for idx, rec in enumerate(records):
        seen: set[str] = set()
        for name in [rec.name, *rec.aliases]:
            for v in _variants(name, rec.type):
                key = v.lower()
                if key in seen:
                    continue
                seen.add(key)
                texts.append((v, idx))
    out: list[tuple[list[str], int]] = []
    for (_text, idx), doc in zip(texts, nlp.tokenizer.pipe(t for t, _ in texts), strict=True):
        words = [t.text for t in doc]
        if len(words) == 1:
            # single words only as upper-case acronyms of organizations (IMU), never single person names
            if records[idx].type != "organization" or not (words[0].isupper() and len(words[0]) >= 3):
                continue
        out.append((words, idx))
    return out


def _cache_dir() -> Path:
    base = os.environ.get("CLAIMGRAPH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "claimgraph")
    return Path(base)


def _cache_key(path: Path) -> str:
    st = path.stat()
    raw = f"{CACHE_VERSION}|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{spacy.__version__}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _load_cached(path: Path, nlp: Language) -> tuple[list[GazetteerRecord], list[tuple[list[str], int]]]:
    cache = _cache_dir() / f"gazetteer-{_cache_key(path)}.json"
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        records = [GazetteerRecord(**r) for r in data["records"]]
        return records, [(p[0], p[1]) for p in data["patterns"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    records = parse_list(path)
    patterns = _patterns(records, nlp)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(json.dumps({"records": [r.__dict__ for r in records], "patterns": patterns}), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home still works, only slower
    return records, patterns


_LOADED: dict[tuple[str, int], Gazetteer | None] = {}


def gazetteer_path() -> Path | None:
    return gazetteer_file()


def load_gazetteer(nlp: Language, path: Path | None = None) -> Gazetteer | None:
    """The gazetteer for this pipeline's vocab (built once per process), or None when there is no list."""
    path = path or gazetteer_path()
    if path is None:
        return None
    key = (str(path.resolve()), id(nlp.vocab))
    if key not in _LOADED:
        try:
            records, patterns = _load_cached(path, nlp)
            _LOADED[key] = Gazetteer(records, patterns, nlp)
        except (OSError, ET.ParseError):
            _LOADED[key] = None
    return _LOADED[key]
