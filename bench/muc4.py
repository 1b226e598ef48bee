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


# MUC-4's physical target is a thing (building, vehicle, installation); a named town or country goes in the
# incident's location slot and a named organisation is no physical target, unless its name ends in a facility noun
# ("... Bridge", "... Embassy"). Unnamed target phrases ("a bus", "the power station") are always kept.
_NAMED_NON_PHYSICAL = ("organization", "place", "state")


def _physical(entity: dict, facility_nouns: set[str]) -> bool:
    if entity["id"].startswith("np_") or entity.get("type") not in _NAMED_NON_PHYSICAL:
        return True
    last = (entity.get("name") or "").lower().split()[-1:] or [""]
    return last[0] in facility_nouns or last[0].rstrip("s") in facility_nouns


def muc_view(extraction: dict) -> dict:
    """The extraction JSON restricted to what MUC-4 templates describe: incident events, physical targets."""
    from claimgraph.extract.events.lexicons import load_lexicon

    facility_nouns = set(load_lexicon("roles")["target_nouns"])
    entities = {e["id"]: e for e in extraction.get("entities") or []}
    events = []
    for event in extraction.get("events") or []:
        if event.get("type") not in MUC_EVENT_TYPES:
            continue
        kept = [p for p in event.get("participants") or [] if p.get("role") != "target"
                or p.get("entity") not in entities or _physical(entities[p["entity"]], facility_nouns)]
        events.append({**event, "participants": kept})
    return {**extraction, "events": events}


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
