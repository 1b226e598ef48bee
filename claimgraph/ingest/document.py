"""The Document every later stage reads: body text plus metadata, identified by a content hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field

METADATA_FIELDS = ("title", "subtitle", "authors", "published", "publication", "volume", "issue")


@dataclass
class Metadata:
    """The seven FORMAT.md fields plus where the document came from."""

    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date, as precise as known (YYYY-MM-DD)
    publication: str | None = None
    volume: str | None = None
    issue: str | None = None
    url: str | None = None
    dateline_place: str | None = None

    def to_json(self) -> dict:
        """FORMAT.md's metadata object; absent fields are null, extras are added after."""
        data = asdict(self)
        out = {k: data[k] for k in METADATA_FIELDS}
        out["url"] = self.url
        out["dateline_place"] = self.dateline_place
        return out


def normalise_text(text: str) -> str:
    """The form hashed for identity: NFC, unified newlines, collapsed blank runs, trimmed lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass
class Document:
    """Body text as extraction reads it (evidence offsets index into `text`) and its metadata."""

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    source: str = "-"  # file path, URL or "-" for stdin
    kind: str = "text"  # text | html | feed | wire

    @property
    def id(self) -> str:
        """The content hash, computed once per text (every stage asks for it, and normalising is not free)."""
        cached = self.__dict__.get("_id_of")
        if cached is None or cached[0] is not self.text:
            cached = (self.text, hashlib.sha256(normalise_text(self.text).encode("utf-8")).hexdigest()[:16])
            self.__dict__["_id_of"] = cached
        return cached[1]
