"""`python -m claimgraph.training train|cv`: rebuild the shipped models, or cross-validate them.

    train  fit every model on ../shared/eval/train and write extract/models/data/*.npz (`make train`)
    cv     5-fold cross-validation by document on train, printed as JSON (used by `make eval`)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console

from claimgraph.extract.models.entity_merge import MERGE_FILE
from claimgraph.extract.models.entity_types import TYPES_FILE
from claimgraph.extract.models.event_locations import LOCATIONS_FILE
from claimgraph.extract.models.filters import ENTITY_FILE, EVENT_FILE
from claimgraph.extract.models.relation_model import RELATIONS_FILE
from claimgraph.extract.models.unnamed_groups import GROUPS_FILE
from claimgraph.progress import ProgressReport
from claimgraph.training.corpus import load_articles
from claimgraph.training.crossval import NER_MODES, cross_validate, train_all

DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"
err = Console(stderr=True)


def _progress(start: float, quiet: bool):
    def say(message: str) -> None:
        if not quiet:
            err.print(f"[{time.monotonic() - start:6.1f}s] {message}", highlight=False)
    return say


def _stages(report: ProgressReport, total: int):
    """A `progress(message)` callback for the training code that counts its stages (each message starts one)
    into `report`, so the bar shows counts and an ETA."""
    started = 0

    def stage(message: str) -> None:
        nonlocal started
        report(started, total, message)
        started += 1
    return stage


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m claimgraph.training", description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("train", "cv"))
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default ../shared)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--ner-update", choices=NER_MODES, default=None,
                    help="cv only: also update spaCy's NER on the other folds (measured, not shipped)")
    ap.add_argument("--relation-fraction", type=float, default=1.0, metavar="SHARE",
                    help="cv only: fit each fold's relation model on this share of its training articles "
                         "(a learning curve; default 1)")
    args = ap.parse_args(argv)
    if not 0.0 < args.relation_fraction <= 1.0:
        ap.error(f"--relation-fraction {args.relation_fraction}: must be in (0, 1]")
    train_dir = args.shared / "eval" / "train"
    if not train_dir.is_dir():
        print(f"claimgraph.training: {train_dir} is absent; nothing to do", file=sys.stderr)
        return 0 if args.command == "cv" else 1
    say = _progress(time.monotonic(), args.quiet)
    articles = load_articles(train_dir, quiet=args.quiet)
    say(f"parsed {len(articles)} articles")
    if args.command == "cv":
        with ProgressReport("cv", quiet=args.quiet, console=err) as report:
            stages = 6 * args.folds  # groups, merges, types, relations, event places and filters, each once per fold
            stages += args.folds if args.ner_update else 0
            scores = cross_validate(args.shared, articles, args.folds, _stages(report, stages),
                                    ner_update=args.ner_update, relation_fraction=args.relation_fraction)
            report(stages, stages, "scored")
        print(json.dumps(scores, indent=1))
        return 0
    with ProgressReport("train", quiet=args.quiet, console=err) as report:
        # groups, merges, types, relations, event places (all, then per fold), entity filter
        stages = 5 * args.folds + 6
        models = train_all(args.shared, articles, args.folds, _stages(report, stages))
        report(stages, stages, "fitted")
    RELATIONS_FILE.parent.mkdir(parents=True, exist_ok=True)
    assert models.groups is not None and models.merges is not None and models.types is not None
    assert models.relations is not None and models.locations is not None
    assert models.filters.entities is not None
    for part, path in ((models.groups, GROUPS_FILE), (models.merges, MERGE_FILE), (models.types, TYPES_FILE)):
        part.model.info = {**(part.model.info or {}), "threshold": str(part.threshold)}
        part.model.save(path)
    models.relations.model.info = {**(models.relations.model.info or {}),
                                   "threshold": str(models.relations.threshold)}
    models.relations.model.save(RELATIONS_FILE)
    models.locations.model.save(LOCATIONS_FILE)
    keep = models.filters.entities
    keep.model.info = {**(keep.model.info or {}), "threshold": str(keep.threshold)}
    keep.model.save(ENTITY_FILE)
    EVENT_FILE.unlink(missing_ok=True)  # measured by `make eval`, shipped only when it pays (see crossval.py)
    for path in (GROUPS_FILE, MERGE_FILE, TYPES_FILE, RELATIONS_FILE, LOCATIONS_FILE, ENTITY_FILE):
        say(f"wrote {path.name} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
