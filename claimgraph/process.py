"""One batch through every stage: inputs -> Documents -> extraction (batched nlp.pipe) -> store.

Shared by `claimgraph ingest` (and later the web upload). Each input that fails is reported through `on_error`
and the rest go on; a document already in the store is not extracted again unless `force`. Writes are batched:
one transaction per `write_batch` documents, each document inside its own savepoint, so a bad document is rolled
back alone and a kill or Ctrl-C loses at most the uncommitted batch, never part of a document.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from claimgraph.analysis.resolution import finish_pending
from claimgraph.errors import ClaimgraphError, ExtractError, StoreError
from claimgraph.extract.pipeline import extract_document, extract_documents
from claimgraph.extract.records import Extraction
from claimgraph.ingest.document import Document
from claimgraph.ingest.sources import Skipped, iter_inputs, read_source, select_inputs
from claimgraph.interrupts import deferred_interrupt
from claimgraph.store.db import open_store, write_session
from claimgraph.store.write import Outcome, is_stored, store_extraction

ErrorCallback = Callable[[ClaimgraphError], None]
ProgressCallback = Callable[[int, int, str], None]  # (inputs done, inputs total, input just finished)


@dataclass
class Summary:
    """What one run did: outcome per document, the errors, and whether it was interrupted."""

    inputs: int = 0
    outcomes: list[tuple[str, str, Outcome]] = field(default_factory=list)  # (doc id, source, outcome)
    errors: list[ClaimgraphError] = field(default_factory=list)
    interrupted: bool = False
    not_articles: list[Skipped] = field(default_factory=list)  # files directories held that are not articles

    def count(self, outcome: Outcome) -> int:
        return sum(1 for _, _, o in self.outcomes if o is outcome)

    @property
    def stored(self) -> int:
        return self.count(Outcome.stored)

    @property
    def replaced(self) -> int:
        return self.count(Outcome.replaced)

    @property
    def skipped(self) -> int:
        return self.count(Outcome.skipped)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def to_json(self) -> dict:
        return {
            "inputs": self.inputs, "stored": self.stored, "replaced": self.replaced, "skipped": self.skipped,
            "failed": self.failed, "interrupted": self.interrupted,
            "documents": [{"id": i, "source": s, "outcome": str(o)} for i, s, o in self.outcomes],
            "errors": [{"source": e.where, "reason": e.message, "code": e.code} for e in self.errors],
            "not_articles": [{"source": s.source, "reason": s.reason} for s in self.not_articles],
        }


def list_inputs(paths: Iterable[str]) -> list[str]:
    """The inputs named by paths: files as given, directories walked recursively (see ingest.sources)."""
    return list(iter_inputs(list(paths)))


def not_articles_line(skipped: list[Skipped]) -> str:
    """`3 files are not articles (2 JSON data, 1 Markdown notes)`, or "" when there are none."""
    if not skipped:
        return ""
    counts = Counter(s.kind for s in skipped)
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    return f"{len(skipped)} file{'s' if len(skipped) > 1 else ''} left out, not articles ({kinds})"


class _Run:
    """State of one process_sources call: which input each queued document came from, what is left."""

    def __init__(self, engine: Engine, sources: list[str], force: bool, max_bytes: int | None,
                 on_error: ErrorCallback | None, progress: ProgressCallback | None) -> None:
        self.engine, self.sources, self.force, self.max_bytes = engine, sources, force, max_bytes
        self.on_error, self.progress = on_error, progress
        self.summary = Summary(inputs=len(sources))
        self.remaining: dict[int, int] = {}
        self.queue: deque[tuple[int, Document]] = deque()  # fed to the model, not yet stored
        self.seen: set[str] = set()
        self.done = 0
        self.batch: list[tuple[int, Document, Extraction]] = []  # extracted, not yet committed
        self.write_batch = 1

    def fail(self, err: ClaimgraphError) -> None:
        self.summary.errors.append(err)
        if self.on_error:
            self.on_error(err)

    def finish(self, index: int) -> None:
        """One document of input `index` is settled; report the input when its last one is."""
        self.remaining[index] -= 1
        if self.remaining[index] <= 0:
            self.done += 1
            if self.progress:
                self.progress(self.done, len(self.sources), self.sources[index])

    def documents(self) -> Iterator[Document]:
        """Documents still to extract, in input order; unreadable inputs and stored documents settle here."""
        for index, source in enumerate(self.sources):
            self.remaining[index] = 1
            try:
                documents = read_source(source, max_bytes=self.max_bytes)
            except ClaimgraphError as err:
                err.where = err.where or source
                self.fail(err)
                self.finish(index)
                continue
            self.remaining[index] = len(documents)
            if not documents:
                self.remaining[index] = 1
                self.finish(index)
            for document in documents:
                if document.id in self.seen or (not self.force and is_stored(self.engine, document.id)):
                    self.summary.outcomes.append((document.id, document.source, Outcome.skipped))
                    self.finish(index)
                    continue
                self.seen.add(document.id)
                self.queue.append((index, document))
                yield document

    def store(self, extraction: Extraction) -> None:
        index, document = self.queue.popleft()
        if document.id != extraction.document.id:
            raise RuntimeError("extractions must come back in input order")
        self.batch.append((index, document, extraction))
        if len(self.batch) >= self.write_batch:
            self.flush()

    def flush(self) -> None:
        """Write the batch in one transaction, each document in its own savepoint; report after the commit. A
        Ctrl-C waits until both are done, so the summary counts exactly what the store holds."""
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        with deferred_interrupt():
            self._write(batch)

    def _write(self, batch: list[tuple[int, Document, Extraction]]) -> None:
        results: list[tuple[int, Document, Outcome | ClaimgraphError]] = []
        try:
            with write_session(self.engine) as session:
                for index, document, extraction in batch:
                    try:
                        results.append((index, document, store_extraction(session, extraction, force=self.force)))
                    except ClaimgraphError as err:
                        results.append((index, document, err))
                    except SQLAlchemyError as err:  # its savepoint is rolled back; the batch goes on
                        results.append((index, document, StoreError(
                            f"cannot store document ({err.__class__.__name__}: {err})", where=document.source,
                            code="E404")))
        except SQLAlchemyError as err:  # the commit itself failed: nothing of the batch is stored
            results = [(index, document, StoreError(f"cannot store document ({err.__class__.__name__}: {err})",
                                                    where=document.source, code="E404"))
                       for index, document, _ in batch]
        for index, document, result in results:
            if isinstance(result, ClaimgraphError):
                self.fail(result)
            else:
                self.summary.outcomes.append((document.id, document.source, result))
            self.finish(index)

    def extract_alone(self) -> None:
        """After the batched pipe failed: extract what it had taken one by one, so only the bad one fails."""
        while self.queue:
            index, document = self.queue[0]
            try:
                extraction = extract_document(document)
            except ExtractError as err:
                if err.code == "E201":  # no model: nothing can be extracted, stop the run
                    raise
                self.queue.popleft()
                self.fail(ExtractError(err.message, where=document.source, code=err.code))
                self.finish(index)
            except Exception as err:  # noqa: BLE001 - a rule crashing on one text must not stop the batch
                self.queue.popleft()
                self.fail(ExtractError(f"extraction failed ({err.__class__.__name__}: {err})",
                                       where=document.source, code="E202"))
                self.finish(index)
            else:
                self.store(extraction)
        self.flush()

    def run_on_ray(self, address: str, batch_size: int) -> None:
        """Extraction on a Ray cluster (extract/cluster.py); this process stays the only writer."""
        from claimgraph.extract.cluster import extract_on_ray

        for result in extract_on_ray(self.documents(), address, batch_size=batch_size):
            if isinstance(result, ExtractError):
                index, document = self.queue.popleft()
                self.fail(ExtractError(result.message, where=document.source, code=result.code))
                self.finish(index)
            else:
                self.store(result)
        self.flush()

    def run(self, n_process: int, batch_size: int) -> None:
        documents = self.documents()
        while True:
            try:
                for extraction in extract_documents(documents, batch_size=batch_size, n_process=n_process):
                    self.store(extraction)
                self.flush()
                return
            except ExtractError as err:
                if err.code == "E201":
                    raise
                self.extract_alone()
            except (KeyboardInterrupt, SystemExit):
                raise
            except Exception:  # noqa: BLE001 - isolate the failing document, then resume the batched stream
                self.extract_alone()


def process_sources(
    paths: Iterable[str],
    db_url: str | None = None,
    *,
    force: bool = False,
    max_bytes: int | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    write_batch: int = 64,
    on_error: ErrorCallback | None = None,
    progress: ProgressCallback | None = None,
    engine: Engine | None = None,
    ray_address: str | None = None,
) -> Summary:
    """Ingest every input under paths into the store at db_url; never raises for a bad input. With
    ray_address ("auto" or a cluster address) the extraction runs on that Ray cluster."""
    sources, skipped = select_inputs(list(paths))
    own_engine = engine is None
    engine = engine or open_store(db_url)
    run = _Run(engine, sources, force, max_bytes, on_error, progress)
    run.write_batch = max(1, write_batch)
    run.summary.not_articles = skipped
    if progress:
        progress(0, len(sources), "")
    try:
        if ray_address:
            run.run_on_ray(ray_address, batch_size)
        else:
            run.run(n_process, batch_size)
        finish_pending(engine)  # the new documents join the network (incrementally), decisions re-applied
    except KeyboardInterrupt:
        run.summary.interrupted = True
    finally:
        if own_engine:
            engine.dispose()
    return run.summary
