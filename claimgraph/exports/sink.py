"""Where an export's bytes go: a file replaced atomically, a stream (stdout), or memory (tests, web downloads).

Writers call `sink.open(part)` once per output file: `""` for single-file formats, `"nodes"` and `"edges"` for
CSV. A file sink writes each part to a temporary file in the target directory and `os.replace`s it into place
only when the writer finished, so a failed export never leaves a half-written file behind.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol

from claimgraph.errors import ExportError


class Sink(Protocol):
    def open(self, part: str, suffix: str) -> AbstractContextManager[BinaryIO]:
        """A binary stream for one output part; `suffix` is the format's file extension (".json")."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class FileSink:
    """`path` is the file for single-part exports; for multi-part exports it is a directory (existing, or
    ending in a separator) that receives `<part><suffix>`, or else a prefix: `out/net` -> `out/net_nodes.csv`."""

    def __init__(self, path: str | Path) -> None:
        self.raw = str(path)
        self.path = Path(path)
        self.written: list[Path] = []

    def target(self, part: str, suffix: str) -> Path:
        if not part:
            return self.path
        if self.path.is_dir() or self.raw.endswith(("/", os.sep)):
            return self.path / f"{part}{suffix}"
        stem = self.path.name[: -len(suffix)] if self.path.name.endswith(suffix) else self.path.name
        return self.path.with_name(f"{stem}_{part}{suffix}")

    @contextmanager
    def open(self, part: str, suffix: str) -> Iterator[BinaryIO]:
        target = self.target(part, suffix)
        if not target.parent.is_dir():
            raise ExportError(f"directory {target.parent} does not exist", where=str(target), code="E702")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the permissions open() would
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.written.append(target)


class StreamSink:
    """One already-open binary stream (stdout); a second part is refused because it could not be told apart."""

    def __init__(self, stream: BinaryIO, name: str = "-") -> None:
        self.stream = stream
        self.name = name
        self.parts = 0

    @contextmanager
    def open(self, part: str, suffix: str) -> Iterator[BinaryIO]:
        if part:
            raise ExportError("this format writes several files; give -o DIR or -o PREFIX", where=self.name,
                              code="E703")
        self.parts += 1
        yield self.stream
        self.stream.flush()


class MemorySink:
    """Every part kept as bytes, keyed by part name; for tests and for the web app's downloads."""

    def __init__(self) -> None:
        self.parts: dict[str, bytes] = {}
        self.suffixes: dict[str, str] = {}  # each part's file extension, for naming a download

    @contextmanager
    def open(self, part: str, suffix: str) -> Iterator[BinaryIO]:
        buffer = io.BytesIO()
        yield buffer
        self.parts[part] = buffer.getvalue()
        self.suffixes[part] = suffix

    def text(self, part: str = "") -> str:
        return self.parts[part].decode("utf-8")
