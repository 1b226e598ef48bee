"""Reading inputs: a path, a directory or stdin becomes Documents (baseline: plain UTF-8 text)."""

from __future__ import annotations

import sys
from pathlib import Path

from claimgraph.errors import IngestError
from claimgraph.ingest.document import Document, Metadata
from claimgraph.settings import get_settings


def read_source(source: str, *, max_bytes: int | None = None) -> list[Document]:
    """All documents in one input (a feed gives several). Raises IngestError naming the input."""
    max_bytes = max_bytes or get_settings().max_bytes
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as err:
            raise IngestError(f"cannot read ({err.strerror})", where=source, code="E101") from err
    if len(data) > max_bytes:
        raise IngestError(f"larger than the {max_bytes}-byte limit", where=source, code="E102")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise IngestError("not valid UTF-8 text", where=source, code="E103") from err
    return [Document(text=text, metadata=Metadata(url=None if source == "-" else source), source=source)]
