"""The Python API behind `import claimgraph`: one-call extraction and a store object with the CLI's queries.

`claimgraph.extract(text, published=None)` reads a text the way `claimgraph extract` reads a file (plain text,
wire copy or HTML; metadata from the same rules) and returns its `Extraction`. `claimgraph.open_store(url)` gives a
`Store` whose methods are the queries of the CLI and the web app (dossier, paths, neighbours, timeline,
contradictions, rank, communities, export) plus `ingest`; each call uses its own session. Only extraction loads
spaCy, on first use; opening a store and querying it never do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from claimgraph.errors import ClaimgraphError, IngestError
from claimgraph.extract.records import Extraction
from claimgraph.ingest.metadata import parse_date

T = TypeVar("T")
_ISO = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _published(value: str | dt.date | None) -> str | None:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD), a date, or a date as texts write it ("3 March 2021")."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if _ISO.match(str(value).strip()):
        return str(value).strip()
    parsed = parse_date(str(value))
    if parsed is None:
        raise ValueError(f"published: cannot read {value!r} as a date")
    return parsed


def extract_text(text: str, published: str | dt.date | None = None, *, source: str = "-") -> Extraction:
    """Entities, attributed claims and events of one text. `published` anchors relative dates ("last Tuesday")
    and overrides a date the text itself prints. A feed (several articles in one text) is refused: ingest it."""
    from claimgraph.extract.pipeline import extract_document
    from claimgraph.ingest.sources import documents_from_text

    if not text.strip():
        raise IngestError("empty (no text)", where=source, code="E105")
    documents = documents_from_text(text, text.encode("utf-8"), source)
    if len(documents) != 1:
        raise IngestError(f"a feed of {len(documents)} articles; use Store.ingest", where=source, code="E109")
    document = documents[0]
    when = _published(published)
    if when:
        document.metadata.published = when
    return extract_document(document)


class Store:
    """A claimgraph store (SQLite file or PostgreSQL URL) for queries; close it, or use it in a `with` block."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def _query(self, run: Callable[[Session], T]) -> T:
        with Session(self.engine) as session:
            return run(session)

    def ingest(self, paths: Iterable[str | Path], *, force: bool = False,
               on_error: Callable[[ClaimgraphError], None] | None = None):
        """Read, extract and store files, directories or feeds (what `claimgraph ingest` does); returns the run's
        `Summary` (stored, skipped, failed with their errors). A bad input never raises: it is in the summary."""
        from claimgraph.process import process_sources

        return process_sources([str(p) for p in paths], force=force, on_error=on_error, engine=self.engine)

    def dossier(self, name: str):
        """Everything known about one entity (id, any name or a list reference): aliases, claims by relation with
        grade and evidence, events. QueryError (E501) for an unknown name."""
        from claimgraph.analysis import dossier

        return self._query(lambda s: dossier(s, name))

    def paths(self, a: str, b: str, *, max_hops: int = 3, k: int = 3, min_certainty: str | None = None,
              source: str | None = None, relations: Sequence[str] | None = None):
        """The k shortest paths from a to b over affirmed edges, evidence on every hop."""
        from claimgraph.analysis import find_paths

        return self._query(lambda s: find_paths(s, a, b, max_hops, min_certainty, source, k, relations))

    def neighbours(self, name: str, *, depth: int = 1, relations: Sequence[str] | None = None,
                   min_certainty: str | None = None):
        """Entities within depth hops of name, with the edges that reach them."""
        from claimgraph.analysis import neighbours

        return self._query(lambda s: neighbours(s, name, depth, relations, min_certainty))

    def timeline(self, name: str | None = None) -> list:
        """Events and dated claims in date order: of one entity, or of the whole store."""
        from claimgraph.analysis import timeline

        return self._query(lambda s: timeline(s, name))

    def contradictions(self, name: str | None = None) -> list:
        """Edges whose claims disagree (affirmed against denied, or claimants differing on certainty)."""
        from claimgraph.analysis import contradictions

        return self._query(lambda s: contradictions(s, name))

    def rank(self, by: str = "pagerank", limit: int | None = 20) -> list:
        """Entities by degree, betweenness or PageRank."""
        from claimgraph.analysis import rank

        return self._query(lambda s: rank(s, by, limit))

    def communities(self, min_size: int = 2) -> list:
        """Groups of densely linked entities."""
        from claimgraph.analysis import communities

        return self._query(lambda s: communities(s, min_size))

    def export(self, fmt: str, path: str | Path | None = None, *, entity: str | None = None,
               depth: int | None = None, min_grade: int | None = None) -> bytes | dict[str, bytes] | list[Path]:
        """The network (or one entity's neighbourhood) as stix, ftm, graphml, gexf or csv. Without a path: the
        bytes ({"nodes": ..., "edges": ...} for csv); with one: the files written (whole or not at all)."""
        from claimgraph.exports import FileSink, MemorySink, export_network
        from claimgraph.exports.from_store import network_from_store

        network = self._query(lambda s: network_from_store(s, entity=entity, depth=depth, min_grade=min_grade))
        if path is None:
            memory = MemorySink()
            export_network(network, fmt, memory)
            return memory.parts[""] if list(memory.parts) == [""] else dict(memory.parts)
        sink = FileSink(str(path))
        export_network(network, fmt, sink)
        return [Path(p) for p in sink.written]


def open_store(url: str | Path | None = None, *, create: bool = False) -> Store:
    """The store at url (a SQLite path, `sqlite:///...` or a PostgreSQL URL; default $CLAIMGRAPH_DB or
    ./claimgraph.db), migrated to the current schema. A missing SQLite file is refused (StoreError E405) unless
    create=True. Documents an interrupted run left unresolved are resolved first."""
    from claimgraph.analysis.resolution import finish_pending
    from claimgraph.store.db import open_store as open_engine

    engine = open_engine(None if url is None else str(url), create=create)
    finish_pending(engine)  # a resolution an earlier process left unfinished
    return Store(engine)


__all__ = ["Store", "extract_text", "open_store"]
