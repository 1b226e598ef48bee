"""`make eval`: extract every ../shared/eval/dev/*.txt with the pipeline and score it with score.py.

Quality is measured by this command, never by a test: the gold set lives outside the repo, so the script
skips cleanly (exit 0) when ../shared is not beside it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_SHARED = ROOT.parent / "shared"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default ../shared)")
    ap.add_argument("--split", default="dev", help="folder under shared/eval holding *.txt and *.gold.json")
    ap.add_argument("--out", type=Path, default=None, help="keep the system JSON here (default: a temp folder)")
    ap.add_argument("--verbose", action="store_true", help="pass --verbose to score.py (missed/spurious lists)")
    ap.add_argument("--json", action="store_true", help="pass --json to score.py (all scores as JSON)")
    return ap.parse_args(argv)


def extract_folder(texts: list[Path], out_dir: Path) -> None:
    """One `<name>.json` per `<name>.txt`, written from the same pipeline `claimgraph extract` uses."""
    from claimgraph.extract.pipeline import extract_documents
    from claimgraph.ingest.sources import read_source

    documents = [read_source(str(path))[0] for path in texts]
    for path, extraction in zip(texts, extract_documents(documents), strict=True):
        target = out_dir / f"{path.stem}.json"
        target.write_text(json.dumps(extraction.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    gold_dir = args.shared / "eval" / args.split
    scorer = args.shared / "eval" / "score.py"
    if not gold_dir.is_dir() or not scorer.is_file():
        print(f"eval: skipped, {gold_dir} or {scorer} is absent", file=sys.stderr if args.json else sys.stdout)
        return 0
    texts = sorted(gold_dir.glob("*.txt"))
    if not texts:
        print(f"eval: skipped, no *.txt in {gold_dir}")
        return 0
    with tempfile.TemporaryDirectory(prefix="claimgraph-eval-") as tmp:
        out_dir = args.out or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        extract_folder(texts, out_dir)
        cmd = [sys.executable, str(scorer), "--gold", str(gold_dir), "--system", str(out_dir)]
        if args.verbose:
            cmd.append("--verbose")
        if args.json:
            cmd.append("--json")
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


def main(argv: list[str] | None = None) -> int:
    return run(parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
