"""Extraction on a Ray cluster: the same extractions as `extract_documents`, computed by workers elsewhere.

Documents go out in batches to a pool of Ray actors, one per worker CPU; each actor loads the spaCy model and
the trained models once, when it starts, and runs the same `extract_documents` as a local run over each batch.
The workers get this process's CLAIMGRAPH_* settings. Results come back in input order to the one process that
writes the store, while at most a few batches per actor are in flight, so a corpus of any size streams through
without being held in memory. A document whose extraction fails comes back as an error for that document only.
Ray is imported only here, and only when asked for (`claimgraph ingest --ray`); it is the extra
`claimgraph[ray]`.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from claimgraph.errors import ExtractError
from claimgraph.extract.records import Extraction
from claimgraph.ingest.document import Document

DEFAULT_BATCH = 16  # documents per task: large enough for nlp.pipe to batch, small enough to spread the work
IN_FLIGHT_PER_ACTOR = 2  # one batch computing, one waiting, per actor
ENV_PREFIX = "CLAIMGRAPH_"  # settings the workers must share with the writer (model, thresholds, gazetteer)

Failure = tuple[str, str]  # (error code, message) for one document


class _Extractor:
    """A Ray actor: the models are loaded once in __init__ and reused for every batch it is given."""

    def __init__(self) -> None:
        from claimgraph.extract.models import default_models
        from claimgraph.extract.pipeline import load_nlp

        self.nlp = load_nlp()
        self.models = default_models()

    def extract(self, documents: list[Document]) -> list[Extraction | Failure]:
        """The batch's extractions in order; if the batched run fails, each document alone, so only the bad
        one fails."""
        from claimgraph.extract.pipeline import extract_document, extract_documents

        try:
            return list(extract_documents(documents, self.nlp, batch_size=len(documents), models=self.models))
        except Exception:  # noqa: BLE001 - isolate the failing document below
            pass
        results: list[Extraction | Failure] = []
        for document in documents:
            try:
                results.append(extract_document(document, self.nlp, self.models))
            except ExtractError as err:
                results.append((err.code, err.message))
            except Exception as err:  # noqa: BLE001 - a rule crashing on one text must not stop the batch
                results.append(("E202", f"extraction failed ({err.__class__.__name__}: {err})"))
        return results


def connect(address: str) -> None:
    """Join the Ray cluster at `address` ("auto": the one this machine belongs to), unless this process has
    already joined one (a test's local `ray.init(num_cpus=2)`, a notebook)."""
    try:
        import ray
    except ImportError as err:
        raise ExtractError("Ray is not installed: pip install 'claimgraph[ray]'", code="E203") from err
    if ray.is_initialized():
        return
    try:
        ray.init(address=address, logging_level="WARNING", log_to_driver=False)
    except (ConnectionError, ValueError, RuntimeError) as err:
        raise ExtractError(f"cannot join the Ray cluster ({err})", where=address, code="E204") from err


def worker_env() -> dict[str, str]:
    """Our CLAIMGRAPH_* settings for the workers, so they extract exactly as this process would. Workers run in
    another folder, so the gazetteer path (relative to the current folder by default) is made absolute."""
    from claimgraph.settings import get_settings

    env = {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}
    gazetteer = get_settings().gazetteer
    if gazetteer and gazetteer.lower() != "off":
        env[f"{ENV_PREFIX}GAZETTEER"] = str(Path(gazetteer).expanduser().resolve())
    return env


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_on_ray(documents: Iterable[Document], address: str = "auto", *, batch_size: int = DEFAULT_BATCH,
                   workers: int | None = None) -> Iterator[Extraction | ExtractError]:
    """Stream extractions in input order from a pool of Ray actors (default: one per CPU of the cluster); a
    document that could not be extracted comes back as an ExtractError in its place."""
    import ray

    connect(address)
    workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    remote = ray.remote(num_cpus=1, runtime_env={"env_vars": worker_env()})(_Extractor)
    actors = [remote.remote() for _ in range(workers)]
    pending: deque = deque()  # ObjectRefs of submitted batches, oldest first
    try:
        for n, batch in enumerate(_batches(documents, batch_size)):
            pending.append(actors[n % workers].extract.remote(batch))
            if len(pending) >= workers * IN_FLIGHT_PER_ACTOR:
                yield from _results(ray.get(pending.popleft()))
        while pending:
            yield from _results(ray.get(pending.popleft()))
    finally:
        for actor in actors:
            ray.kill(actor)


def _results(batch: list[Extraction | Failure]) -> Iterator[Extraction | ExtractError]:
    for item in batch:
        if isinstance(item, Extraction):
            yield item
        else:
            code, message = item
            if code == "E201":  # no model on the workers: nothing can be extracted
                raise ExtractError(message, code=code)
            yield ExtractError(message, code=code)
