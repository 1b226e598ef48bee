"""Ingest throughput at scale: the demo corpus repeated to 2,000 documents, n_process over both cores.

Three timings over the same texts, in this order:
  raw     spaCy `nlp.pipe(texts, n_process=N)` alone (the ceiling),
  extract `extract_documents` (parse + our rules, no store),
  ingest  `process_sources` into a fresh SQLite store (read files, extract, store one transaction per
          document, cross-document resolution and edge grading at the end).
Copies differ by one sentence so that content hashing does not skip them. Writes
bench/results/ingest_scale.json.

    .venv/bin/python bench/ingest_scale.py [--docs 2000] [--processes 2]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="claimgraph-ingest-bench-"))
    try:
        (workdir / "docs").mkdir()
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
        t0 = time.perf_counter()
        summary = process_sources([str(workdir / "docs")], f"sqlite:///{db}", n_process=args.processes,
                                  batch_size=args.batch_size)
        ingest_s = time.perf_counter() - t0
        chars = sum(len(t) for t in texts)
        report = {
            "documents": len(texts), "characters": chars, "processes": args.processes,
            "batch_size": args.batch_size, "cpus": os.cpu_count(), "python": platform.python_version(),
            "raw_nlp_pipe": {"seconds": round(raw_s, 2), "docs_per_s": round(len(texts) / raw_s, 1)},
            "extract": {"seconds": round(extract_s, 2), "docs_per_s": round(n_extracted / extract_s, 1)},
            "ingest": {"seconds": round(ingest_s, 2), "docs_per_s": round(summary.stored / ingest_s, 1),
                       "stored": summary.stored, "failed": summary.failed},
            "extract_ratio_to_raw": round(raw_s / extract_s, 3),
            "ingest_ratio_to_raw": round(raw_s / ingest_s, 3),
            "db_mb": round(db.stat().st_size / 1e6, 1),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ingest_scale.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
