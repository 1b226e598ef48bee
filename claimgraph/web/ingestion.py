"""Ingest from the browser: uploads saved under the data folder with generated names, then the one pipeline
(`process_sources`) and the watchlist matcher, one batch at a time behind a lock (SQLite has one writer)."""

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


def upload_path(data_dir: Path, filename: str | None) -> Path:
    """A new file in <data>/uploads named by a random id; only a known suffix of the client's name is kept."""
    suffix = Path(filename or "").suffix.lower()
    if not re.fullmatch(r"\.[a-z]+", suffix) or suffix not in ALLOWED_SUFFIXES:
        suffix = ".txt"
    folder = private_dir((data_dir / UPLOAD_DIR).resolve())
    path = (folder / f"{uuid.uuid4().hex}{suffix}").resolve()
    if path.parent != folder:  # cannot happen with a generated name; kept as the invariant uploads rely on
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
