"""`make bench`: documents per second of extract_documents on the demo corpus against raw nlp.pipe.

Both sides parse the same texts (examples/, read with read_source) with the same loaded model and batch
size, after a warm-up pass; each is repeated and the best and median runs are reported. The gap between
them is what our rules (entities, relations, events) cost on top of the statistical model; a third side runs the
rules alone (no trained relation model or filters), so the models' own cost is measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT / "examples"
RESULTS = ROOT / "bench" / "results" / "extract_speed.json"
SUFFIXES = {".txt", ".html", ".htm", ".xml", ".json", ".rss", ".atom"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of demo documents (default examples/)")
    ap.add_argument("--repeats", type=int, default=5, help="timed runs per side after one warm-up (default 5)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--out", type=Path, default=RESULTS)
    return ap.parse_args(argv)


def load_corpus(folder: Path):
    """Every readable document under the folder (feeds give several), in a stable order."""
    from claimgraph.errors import ClaimgraphError
    from claimgraph.ingest.sources import read_source

    documents = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SUFFIXES):
        if path.name.isupper() or path.name.startswith("README") or path.name.startswith("EXPECTED"):
            continue
        try:
            documents.extend(read_source(str(path)))
        except ClaimgraphError:
            continue
    return documents


def timed(fns: dict, repeats: int) -> dict[str, list[float]]:
    """Warm each side up once, then alternate them so load changes on the machine hit both alike."""
    for fn in fns.values():
        fn()  # warm-up: caches, gazetteer, lexicons
    runs: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - start)
    return runs


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from claimgraph.extract.models import RULES_ONLY
    from claimgraph.extract.pipeline import extract_documents, load_nlp, model_text

    documents = load_corpus(args.corpus)
    if not documents:
        print(f"no documents under {args.corpus}; nothing to measure")
        return 0
    nlp = load_nlp()
    texts = [model_text(d) for d in documents]
    chars = sum(len(t) for t in texts)

    def raw() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass

    def full() -> None:
        for _ in extract_documents(documents, nlp, batch_size=args.batch_size):
            pass

    def rules() -> None:
        for _ in extract_documents(documents, nlp, batch_size=args.batch_size, models=RULES_ONLY):
            pass

    sides = timed({"nlp.pipe (model only)": raw, "extract_documents (claimgraph)": full,
                   "extract_documents (rules only)": rules}, args.repeats)
    rows = []
    for name, runs in sides.items():
        best, median = min(runs), statistics.median(runs)
        rows.append({"side": name, "docs_per_sec_best": round(len(texts) / best, 2),
                     "docs_per_sec_median": round(len(texts) / median, 2), "seconds_median": round(median, 4),
                     "runs": [round(r, 4) for r in runs]})
    overhead = rows[1]["seconds_median"] / rows[0]["seconds_median"] if rows[0]["seconds_median"] else None
    print(f"{len(texts)} documents, {chars} characters, model {nlp.meta.get('name')} {nlp.meta.get('version')}, "
          f"batch {args.batch_size}, {args.repeats} runs after a warm-up")
    print(f"{'side':34} {'docs/s (median)':>16} {'docs/s (best)':>14} {'s (median)':>11}")
    for r in rows:
        print(f"{r['side']:34} {r['docs_per_sec_median']:>16} {r['docs_per_sec_best']:>14} {r['seconds_median']:>11}")
    if overhead:
        print(f"claimgraph time / model time: {overhead:.2f}")
    with_models = rows[2]["seconds_median"] / rows[1]["seconds_median"] if rows[1]["seconds_median"] else None
    if with_models:
        print(f"throughput with the trained models / rules only: {with_models:.2f}")
    result = {"documents": len(texts), "characters": chars, "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
              "model_version": nlp.meta.get("version"), "batch_size": args.batch_size, "repeats": args.repeats,
              "sides": rows, "time_ratio": round(overhead, 3) if overhead else None,
              "models_throughput_ratio": round(with_models, 3) if with_models else None}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
