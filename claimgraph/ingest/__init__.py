"""Ingest: bytes from files, stdin, HTML, feeds and wire copy become Documents (no spaCy, no DB)."""

from claimgraph.ingest.document import Document, Metadata

__all__ = ["Document", "Metadata"]
