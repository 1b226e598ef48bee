"""MUC-4 role-filler benchmark: extract every SPLIT/text/*.txt, write extraction JSON, print score_muc.py's summary.

usage: python bench/muc4.py --shared ../shared --split dev|test|train [--limit N] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# MUC-4 incident types (attack, bombing, arson, kidnapping, murder, attempts and threats) map to our attack, killing
# and plot events; arrests, designations and training are not MUC incidents, so their participants are not scored.
MUC_EVENT_TYPES = ("attack", "killing", "plot")


def muc_view(extraction: dict) -> dict:
    """The extraction JSON with only the events that MUC-4 templates describe."""
    return {**extraction, "events": [e for e in extraction.get("events") or [] if e.get("type") in MUC_EVENT_TYPES]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--n-process", type=int, default=2)
    args = ap.parse_args(argv)
    split_dir = args.shared / "benchmarks" / "muc4" / args.split
    if not (split_dir / "text").is_dir():
        print(f"skipped: {split_dir} not found (MUC-4 lives in ../shared)")
        return 0
    from claimgraph.extract.pipeline import extract_documents, load_nlp
    from claimgraph.ingest.sources import read_source

    out = args.out or ROOT / "bench" / "results" / f"muc4-{args.split}"
    out.mkdir(parents=True, exist_ok=True)
    files = sorted((split_dir / "text").glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    documents = [read_source(str(f))[0] for f in files]
    started = time.perf_counter()
    for f, extraction in zip(files, extract_documents(documents, load_nlp(), n_process=args.n_process), strict=True):
        (out / f"{f.stem}.json").write_text(json.dumps(muc_view(extraction.to_json()), indent=1), encoding="utf-8")
    elapsed = time.perf_counter() - started
    print(f"extracted {len(files)} documents in {elapsed:.1f} s -> {out}")
    scorer = args.shared / "benchmarks" / "muc4" / "score_muc.py"
    result = subprocess.run([sys.executable, str(scorer), str(split_dir), str(out)], capture_output=True, text=True,
                            check=False)
    print(result.stdout, end="")
    if result.returncode:
        print(result.stderr, end="", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
