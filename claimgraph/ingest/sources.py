"""Reading inputs: files, directories (recursively) and stdin become Documents, or an IngestError says why not.

A directory is read for articles only: text, HTML and feeds. Files that are something else by their name
(JSON, Markdown notes, tables, office files, images, archives) or by their content (JSON) are left out and
listed with the reason (`select_inputs`), so notes and data kept beside articles never become "articles".
A file named on the command line is read whatever its name.

Error codes (the CLI prints `claimgraph: error: <where>: <reason> [Ennn]`):
  E101 unreadable (permission denied, I/O error)   E106 no such file
  E102 larger than the byte limit                  E107 directory holds no readable files
  E103 not decodable as text                       E108 not a regular file (e.g. a directory given to read_source)
  E104 binary content                              E109 HTML page or feed with no text in it
  E105 empty or whitespace only
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import IngestError
from claimgraph.ingest.detect import detect_kind
from claimgraph.ingest.document import Document, Metadata
from claimgraph.ingest.feeds import read_feed
from claimgraph.ingest.html import read_html
from claimgraph.ingest.text import read_text
from claimgraph.ingest.wire import read_wire
from claimgraph.settings import get_settings

DECLARED_CHARSET = re.compile(rb"""(?:<\?xml[^>]*encoding|<meta[^>]*charset)\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
STRAY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
PAGE_BREAK = re.compile(r"[\x0b\x0c]")  # vertical tab and form feed: line breaks in old text files
BINARY_CONTROL_SHARE = 0.05  # above this share of control characters, decoded "text" is really binary


def iter_inputs(paths: list[str]) -> Iterator[str]:
    """Each path as given, directories expanded recursively in sorted order, hidden names skipped; "-" is stdin.

    A directory with no files in it is yielded itself, so that read_source() reports it (E107) in line with the
    other inputs and the caller can carry on with the rest.
    """
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        found = False
        for file in _walk(Path(path)):
            found = True
            yield str(file)
        if not found:
            yield path


NOT_ARTICLES = {
    **dict.fromkeys((".json", ".jsonl", ".ndjson", ".geojson"), "JSON data"),
    **dict.fromkeys((".md", ".markdown", ".mdown", ".rst", ".org", ".adoc"), "Markdown notes"),
    **dict.fromkeys((".csv", ".tsv", ".xls", ".xlsx", ".ods"), "a table"),
    **dict.fromkeys((".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf"), "settings data"),
    **dict.fromkeys((".py", ".js", ".css", ".sh", ".sql", ".ipynb"), "code"),
    **dict.fromkeys((".pdf", ".doc", ".docx", ".odt", ".rtf", ".ppt", ".pptx", ".epub"), "an office document"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", ".ico"), "an image"),
    **dict.fromkeys((".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".tar", ".rar"), "an archive"),
    **dict.fromkeys((".db", ".sqlite", ".sqlite3"), "a database"),
}
_SNIFF = 65536


@dataclass(frozen=True)
class Skipped:
    """A file a directory held that is not an article, and why it was left out."""

    source: str
    kind: str  # JSON data, Markdown notes, ...

    @property
    def reason(self) -> str:
        return f"{self.kind}, not an article (text, HTML or feed)"


def not_an_article(path: Path) -> str | None:
    """What a file found in a directory is when it is not an article (by its name, else JSON by its content)."""
    kind = NOT_ARTICLES.get(path.suffix.casefold())
    if kind:
        return kind
    try:
        if path.stat().st_size > get_settings().max_bytes:
            return None  # read_source reports it
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF)
    except OSError:
        return None  # read_source reports it
    start = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1]
    if start in (b"{", b"["):
        try:
            json.loads(path.read_bytes())
        except (ValueError, OSError):
            return None
        return "JSON data"
    return None


def select_inputs(paths: list[str]) -> tuple[list[str], list[Skipped]]:
    """Inputs to read, and the files directories held that are not articles. Files named directly are kept."""
    inputs: list[str] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            inputs.append(path)
            continue
        files = list(_walk(Path(path)))
        if not files:
            inputs.append(path)  # read_source says E107
        for file in files:
            kind = not_an_article(file)
            if kind:
                skipped.append(Skipped(str(file), kind))
            else:
                inputs.append(str(file))
    return inputs, skipped


def _walk(directory: Path) -> Iterator[Path]:
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


def read_source(source: str, max_bytes: int | None = None) -> list[Document]:
    """All documents in one input (a feed gives one per entry). Raises IngestError naming the input and reason."""
    limit = max_bytes or get_settings().max_bytes
    data = _read_stdin(limit) if source == "-" else _read_path(source, limit)
    if bom_encoding(data) is None and b"\x00" in data[:65536]:
        raise IngestError("binary content (NUL bytes), not text", where=source, code="E104")
    text = decode(data, source)
    if CONTROL.search(text[:65536]) and len(CONTROL.findall(text[:65536])) > BINARY_CONTROL_SHARE * len(text[:65536]):
        raise IngestError("binary content (control characters), not text", where=source, code="E104")
    if not text.strip():
        raise IngestError("empty (no text)", where=source, code="E105")
    return documents_from_text(text, data, source)


def strip_controls(text: str) -> str:
    """The text without C0 control characters other than tab, newline and CR, and without DEL: they carry no
    meaning in an article and break XML exports and terminals. Vertical tab and form feed become newlines."""
    return STRAY_CONTROL.sub("", PAGE_BREAK.sub("\n", text))


def _clean(document: Document) -> Document:
    """The document with control characters dropped from its text and every metadata string."""
    meta = document.metadata
    for name, value in vars(meta).items():
        if isinstance(value, str):
            setattr(meta, name, strip_controls(value))
        elif isinstance(value, list):
            setattr(meta, name, [strip_controls(v) if isinstance(v, str) else v for v in value])
    document.text = strip_controls(document.text)
    return document


def documents_from_text(text: str, data: bytes, source: str) -> list[Document]:
    """Route decoded text to the reader its content calls for; control characters never reach a Document."""
    return [_clean(d) for d in _route(strip_controls(text), data, source)]


def _route(text: str, data: bytes, source: str) -> list[Document]:
    url = None if source == "-" else source
    kind = detect_kind(text)
    if kind == "feed":
        entries = read_feed(data)
        if not entries:
            raise IngestError("feed has no entries with text", where=source, code="E109")
        return [Document(text=body, metadata=meta, source=source, kind="feed") for body, meta in entries]
    if kind == "html":
        body, meta = read_html(text)
        if not body.strip():
            raise IngestError("HTML page has no readable text", where=source, code="E109")
        if meta.title and " ".join(body.split()).casefold() == " ".join(meta.title.split()).casefold():
            raise IngestError("HTML page has no readable text beyond its title", where=source, code="E109")
        meta.url = meta.url or url
        return [Document(text=body, metadata=meta, source=source, kind="html")]
    if kind == "wire":
        body, meta = read_wire(text)
    else:
        body, meta = read_text(text)
    if not body.strip():
        raise IngestError("empty (nothing but page chrome)", where=source, code="E105")
    meta.url = url
    return [Document(text=body, metadata=meta, source=source, kind=kind)]


BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 first: its little-endian BOM starts like UTF-16's


def bom_encoding(data: bytes) -> str | None:
    """The UTF-16/UTF-32 encoding a byte-order mark announces (those texts are full of NUL bytes), else None."""
    return next((name for bom, name in BOMS if data.startswith(bom)), None)


def decode(data: bytes, source: str) -> str:
    """UTF-16/32 with a byte-order mark, UTF-8 (with or without BOM), else the charset the document declares;
    otherwise E103."""
    announced = bom_encoding(data)
    if announced:
        try:
            return data.decode(announced)
        except UnicodeDecodeError:
            raise IngestError(f"not decodable as {announced} (it starts with a {announced} byte-order mark)",
                              where=source, code="E103") from None
    for encoding in ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    match = DECLARED_CHARSET.search(data[:4096])
    if match:
        name = match.group(1).decode("ascii", "replace")
        try:
            codecs.lookup(name)
            return data.decode(name)
        except (LookupError, UnicodeDecodeError, ValueError):
            raise IngestError(f"not decodable as declared charset {name!r}", where=source, code="E103") from None
    raise IngestError("not valid UTF-8 and no charset declared", where=source, code="E103")


def _read_path(source: str, limit: int) -> bytes:
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise IngestError("no such file", where=source, code="E106") from None
    except OSError as err:
        raise IngestError(f"cannot read ({err.strerror or err})", where=source, code="E101") from err
    if stat.S_ISDIR(info.st_mode):
        if not any(True for _ in _walk(Path(source))):
            raise IngestError("directory holds no readable files", where=source, code="E107")
        raise IngestError("is a directory (expand it with iter_inputs)", where=source, code="E108")
    if not stat.S_ISREG(info.st_mode):
        raise IngestError("not a regular file", where=source, code="E108")
    if info.st_size > limit:
        raise IngestError(f"larger than the {limit}-byte limit ({info.st_size} bytes)", where=source, code="E102")
    try:
        with open(source, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        raise IngestError(f"cannot read ({err.strerror or err})", where=source, code="E101") from err
    if len(data) > limit:
        raise IngestError(f"larger than the {limit}-byte limit", where=source, code="E102")
    return data


def _read_stdin(limit: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    try:
        data = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode("utf-8")
    except OSError as err:
        raise IngestError(f"cannot read ({err.strerror or err})", where="-", code="E101") from err
    if len(data) > limit:
        raise IngestError(f"larger than the {limit}-byte limit", where="-", code="E102")
    return data


__all__ = ["Document", "IngestError", "Metadata", "Skipped", "iter_inputs", "read_source", "select_inputs"]
