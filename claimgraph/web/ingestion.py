"""Ingest from the browser: uploads saved under the data folder (a generated folder, the client's file name),
then the one pipeline (`process_sources`) and the watchlist matcher, one batch at a time behind a lock (SQLite
has one writer)."""

from __future__ import annotations

import re
import threading
import uuid
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from claimgraph.analysis.watch import match_new
from claimgraph.errors import IngestError
from claimgraph.process import Summary, process_sources
from claimgraph.web.cache import bump
from claimgraph.web.security import private_dir

UPLOAD_DIR = "uploads"
ALLOWED_SUFFIXES = frozenset({".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".md"})

write_lock = threading.Lock()


def _safe_name(filename: str | None) -> str:
    """The client's file name without folders, odd characters or an unknown suffix ("../../x.txt" -> "x.txt")."""
    base = Path((filename or "").replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    if not re.fullmatch(r"\.[a-z]+", suffix) or suffix not in ALLOWED_SUFFIXES:
        base, suffix = base, ".txt"
    else:
        base = base[: -len(suffix)]
    stem = re.sub(r"[^\w.\- ]+", "_", base).strip(" ._")[:100] or "upload"
    return f"{stem}{suffix}"


def upload_path(data_dir: Path, filename: str | None) -> Path:
    """A new file in its own randomly named folder under <data>/uploads, keeping the client's file name (made
    safe), so the stored document's source says what the analyst uploaded."""
    folder = private_dir((data_dir / UPLOAD_DIR).resolve())
    path = (private_dir(folder / uuid.uuid4().hex) / _safe_name(filename)).resolve()
    if path.parent.parent != folder:  # cannot happen with a generated folder and a bare name; kept as the invariant
        raise IngestError("upload path outside the data folder", where=str(path), code="E150")
    return path


def save_upload(data_dir: Path, filename: str | None, data: bytes, max_bytes: int) -> Path:
    if len(data) > max_bytes:
        raise IngestError(f"upload larger than {max_bytes} bytes", where=filename or "upload", code="E151")
    if not data.strip():
        raise IngestError("empty upload", where=filename or "upload", code="E152")
    path = upload_path(data_dir, filename)
    path.write_bytes(data)
    return path


def ingest_paths(engine: Engine, paths: list[str], max_bytes: int | None = None) -> tuple[Summary, int]:
    """Run the pipeline over saved files, then match watchlists; returns the summary and the new alerts."""
    with write_lock:
        try:
            summary = process_sources(paths, engine=engine, max_bytes=max_bytes)
        finally:
            bump()
        return summary, check_alerts(engine)


def check_alerts(engine: Engine) -> int:
    with Session(engine) as session, session.begin():
        found = match_new(session)
    if found:
        bump()
    return found
