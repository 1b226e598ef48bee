"""`make bench`: extraction speed (characters per second) of one long document, from 10k to 1M characters.

Each document is the demo corpus's article bodies repeated in order until the length is reached, cut at a
paragraph. Extraction goes through `extract_document` (windows of paragraphs for anything over WINDOW_CHARS),
after a warm-up on one article. Linear time shows as flat chars/s across lengths.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results" / "extract_long.json"
LENGTHS = (10_000, 30_000, 100_000, 300_000, 1_000_000)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lengths", type=int, nargs="+", default=list(LENGTHS), help="document lengths in characters")
    ap.add_argument("--out", type=Path, default=RESULTS)
    return ap.parse_args(argv)


def long_text(length: int) -> str:
    """Demo article bodies repeated until `length` characters, cut after the last whole paragraph."""
    from claimgraph.ingest.sources import read_source

    bodies = [d.text for p in sorted((ROOT / "examples").glob("*.txt")) for d in read_source(str(p))]
    parts, size = [], 0
    while size < length:
        for body in bodies:
            for para in body.split("\n\n"):
                if size + len(para) + 2 > length:
                    return "\n\n".join(parts)
                parts.append(para)
                size += len(para) + 2
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from claimgraph.extract.pipeline import WINDOW_CHARS, extract_document, load_nlp
    from claimgraph.ingest.document import Document, Metadata

    nlp = load_nlp()
    meta = Metadata(title="Long document", published="2024-05-01")
    extract_document(Document(text=long_text(5_000), metadata=meta), nlp)  # warm-up: model, lexicons, models
    rows = []
    for length in args.lengths:
        text = long_text(length)
        started = time.perf_counter()
        extraction = extract_document(Document(text=text, metadata=meta), nlp)
        seconds = time.perf_counter() - started
        rows.append({"chars": len(text), "seconds": round(seconds, 2), "chars_per_s": round(len(text) / seconds),
                     "entities": len(extraction.entities), "claims": len(extraction.relations),
                     "events": len(extraction.events)})
        print(f"{len(text):>9} chars  {seconds:8.2f} s  {len(text) / seconds:8.0f} chars/s  "
              f"{len(extraction.relations)} claims", flush=True)
    peak_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(f"peak memory of the process (all lengths): {peak_mb} MB")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"window_chars": WINDOW_CHARS, "peak_rss_mb": peak_mb, "runs": rows},
                                   indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
