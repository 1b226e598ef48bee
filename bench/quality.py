"""`make eval`: extraction quality, honestly measured.

1. 5-fold cross-validation by document on ../shared/eval/train: every article is scored by models trained on
   the other four folds (claimgraph/training/crossval.py): the rules alone, + the relation model, + the entity
   filter (what ships), + the event filter (measured, not shipped: it does not raise the score).
2. ../shared/eval/dev with the shipped models (never trained on dev).
Scores come from ../shared/eval/score.py itself; per relation type, a gold relation that accepts several types
counts under each of them. The script skips cleanly (exit 0) when ../shared is not beside the repo.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_SHARED = ROOT.parent / "shared"
PARTS = ("entities", "relations", "attributed", "events")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default ../shared)")
    ap.add_argument("--skip-cv", action="store_true", help="only score dev with the shipped models")
    ap.add_argument("--out", type=Path, default=None, help="keep the dev system JSON here")
    ap.add_argument("--json", type=Path, default=None, help="also write every score to this JSON file")
    return ap.parse_args(argv)


def score_dev(shared: Path, out: Path | None) -> dict:
    """The shipped pipeline over every dev article, scored in-process."""
    from claimgraph.extract.pipeline import extract_documents
    from claimgraph.ingest.sources import read_source
    from claimgraph.training.corpus import gold_names
    from claimgraph.training.scoring import score_documents

    folder = shared / "eval" / "dev"
    names = gold_names(folder)
    documents = [read_source(str(folder / f"{n}.txt"))[0] for n in names]
    pairs = []
    for name, extraction in zip(names, extract_documents(documents), strict=True):
        system = extraction.to_json()
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{name}.json").write_text(json.dumps(system, ensure_ascii=False, indent=1), encoding="utf-8")
        pairs.append((json.loads((folder / f"{name}.gold.json").read_text(encoding="utf-8")), system))
    return score_documents(shared, pairs)


def cross_validated(shared: Path) -> dict:
    from claimgraph.training.corpus import load_articles
    from claimgraph.training.crossval import cross_validate

    start = time.monotonic()
    articles = load_articles(shared / "eval" / "train")
    return cross_validate(shared, articles, progress=lambda m: print(f"  [{time.monotonic() - start:5.0f}s] {m}",
                                                                      file=sys.stderr))


def table(results: dict[str, dict]) -> str:
    lines = ["| set | " + " | ".join(f"{p} P / R / F1" for p in PARTS) + " |",
             "| --- |" + " --- |" * len(PARTS)]
    for name, r in results.items():
        cells = [f"{r[p]['precision']:.2f} / {r[p]['recall']:.2f} / **{r[p]['f1']:.2f}**" for p in PARTS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def type_table(results: dict[str, dict]) -> str:
    names = list(results)
    types = sorted({t for r in results.values() for t in r.get("per_type", {})})
    lines = ["| relation type | " + " | ".join(f"{n} P / R / F1 (gold n)" for n in names) + " |",
             "| --- |" + " --- |" * len(names)]
    for t in types:
        cells = []
        for n in names:
            x = results[n].get("per_type", {}).get(t)
            if x is None:
                cells.append("-")
                continue
            cells.append(f"{x['precision']:.2f} / {x['recall']:.2f} / {x['f1']:.2f} ({x['tp'] + x['fn']})")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if not (args.shared / "eval" / "score.py").is_file():
        print(f"eval: skipped, {args.shared / 'eval'} is absent")
        return 0
    results: dict[str, dict] = {}
    if not args.skip_cv and (args.shared / "eval" / "train").is_dir():
        for key, r in cross_validated(args.shared).items():
            results[f"train 5-fold CV: {key}"] = r
    results["dev (shipped models)"] = score_dev(args.shared, args.out)
    print(table(results))
    print()
    shown = {k: v for k, v in results.items() if k.startswith("dev") or "(shipped)" in k}
    print(type_table(shown))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
