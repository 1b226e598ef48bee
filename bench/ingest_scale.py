"""Ingest throughput at scale: the demo corpus repeated to 2,000 documents, or (`--muc4`) the real MUC-4 wire
reports of ../shared/benchmarks/muc4/*/text (every split that ships texts), n_process over both cores.

Three timings over the same texts, in this order:
  raw     spaCy `nlp.pipe(texts, n_process=N)` alone (the ceiling),
  extract `extract_documents` (parse + our rules, no store),
  ingest  `process_sources` into a fresh SQLite store (read files, extract, store one transaction per
          document, cross-document resolution and edge grading at the end).
Copies differ by one sentence so that content hashing does not skip them. The ingest run also reports where
its own time went in the main process: waiting for extraction, writing batches, resolving. Writes
bench/results/ingest_scale.json (ingest_scale_muc4.json for --muc4).

    .venv/bin/python bench/ingest_scale.py [--docs 2000] [--processes 2] [--muc4 [SHARED]]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

import claimgraph.process as process
from claimgraph.extract.pipeline import extract_documents, load_nlp, model_text
from claimgraph.ingest.sources import iter_inputs, read_source
from claimgraph.process import process_sources

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def corpus(n_docs: int, workdir: Path) -> list[Path]:
    """Write n_docs files, cycling over the demo articles, each with one distinct sentence mid-body."""
    sources = [p for p in (Path(s) for s in iter_inputs([str(ROOT / "examples")])) if p.suffix in (".txt", ".html")]
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sorted(sources)]
    files = []
    for i in range(n_docs):
        suffix, text = texts[i % len(texts)]
        path = workdir / f"doc{i:05d}{suffix}"
        cut = text.find(". ", len(text) // 2) + 1 or len(text)  # mid-body, where no chrome rule looks
        body = f"{text[:cut]} It was filed as copy number {i}.{text[cut:]}"
        path.write_text(body, encoding="utf-8")
        files.append(path)
    return files


def muc4_corpus(shared: Path) -> list[Path]:
    """The MUC-4 report texts that ship with ../shared (train has answer keys only)."""
    return sorted((shared / "benchmarks" / "muc4").glob("*/text/*.txt"))


class _Timer:
    """Seconds spent inside one function of claimgraph.process (a bench-only wrapper)."""

    def __init__(self, owner: object, name: str) -> None:
        self.owner, self.name, self.seconds = owner, name, 0.0
        self.inner = getattr(owner, name)

        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            t0 = time.perf_counter()
            try:
                return self.inner(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - t0

        setattr(owner, name, timed)

    def restore(self) -> None:
        setattr(self.owner, self.name, self.inner)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--muc4", nargs="?", const=str(ROOT.parent / "shared"), default=None, metavar="SHARED",
                        help="real text: the MUC-4 reports under SHARED/benchmarks/muc4/*/text")
    parser.add_argument("--limit", type=int, default=None, help="only the first N MUC-4 reports (a quick look)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="claimgraph-ingest-bench-"))
    try:
        (workdir / "docs").mkdir()
        if args.muc4:
            files = muc4_corpus(Path(args.muc4))[:args.limit]
            if not files:
                raise SystemExit(f"ingest_scale: no MUC-4 texts under {args.muc4}/benchmarks/muc4/*/text")
            for f in files:
                shutil.copy(f, workdir / "docs" / f.name)
            files = sorted((workdir / "docs").iterdir())
        else:
            files = corpus(args.docs, workdir / "docs")
        documents = [d for f in files for d in read_source(str(f))]
        texts = [model_text(d) for d in documents]
        nlp = load_nlp()
        list(nlp.pipe(texts[:32], batch_size=args.batch_size))  # warm up
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
            pass
        raw_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        n_extracted = sum(1 for _ in extract_documents(documents, nlp, batch_size=args.batch_size,
                                                       n_process=args.processes))
        extract_s = time.perf_counter() - t0
        db = workdir / "bench.db"
        timers = {"writing": _Timer(process._Run, "flush"), "resolving": _Timer(process, "finish_pending")}
        t0 = time.perf_counter()
        summary = process_sources([str(workdir / "docs")], f"sqlite:///{db}", n_process=args.processes,
                                  batch_size=args.batch_size)
        ingest_s = time.perf_counter() - t0
        for timer in timers.values():
            timer.restore()
        chars = sum(len(t) for t in texts)
        report = {
            "corpus": "muc4 texts" if args.muc4 else "demo copies",
            "documents": len(texts), "characters": chars, "processes": args.processes,
            "batch_size": args.batch_size, "cpus": os.cpu_count(), "python": platform.python_version(),
            "raw_nlp_pipe": {"seconds": round(raw_s, 2), "docs_per_s": round(len(texts) / raw_s, 1)},
            "extract": {"seconds": round(extract_s, 2), "docs_per_s": round(n_extracted / extract_s, 1)},
            "ingest": {"seconds": round(ingest_s, 2), "docs_per_s": round(summary.stored / ingest_s, 1),
                       "stored": summary.stored, "failed": summary.failed},
            "extract_ratio_to_raw": round(raw_s / extract_s, 3),
            "ingest_ratio_to_raw": round(raw_s / ingest_s, 3),
            "ingest_main_process_s": {"writing": round(timers["writing"].seconds, 2),
                                      "resolving": round(timers["resolving"].seconds, 2),
                                      "extracting_and_reading": round(ingest_s - timers["writing"].seconds
                                                                      - timers["resolving"].seconds, 2)},
            "db_mb": round(db.stat().st_size / 1e6, 1),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.limit is None:  # a partial run is only printed
        RESULTS.mkdir(parents=True, exist_ok=True)
        name = "ingest_scale_muc4.json" if args.muc4 else "ingest_scale.json"
        (RESULTS / name).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
