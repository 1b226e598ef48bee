"""Scoring through ../shared/eval/score.py itself (imported, not copied), so our numbers are the scorer's."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from types import ModuleType

PARTS = ("entities", "relations", "attributed", "events")


@lru_cache(maxsize=2)
def scorer(shared: Path) -> ModuleType:
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("claimgraph_shared_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_documents(shared: Path, pairs: list[tuple[dict, dict]]) -> dict:
    """Micro-averaged P/R/F1 over (gold, system) documents, plus relations per type."""
    s = scorer(shared)
    totals: dict[str, dict[str, int]] = {k: {"tp": 0, "fp": 0, "fn": 0} for k in PARTS}
    per_type: dict[str, dict[str, int]] = {}
    for gold, system in pairs:
        mapping = s.map_entities(gold["entities"], system.get("entities") or [])
        parts = {
            "entities": s.score_entities(gold["entities"], system.get("entities") or [], mapping),
            "relations": s.score_relations(gold["relations"], system.get("relations") or [], mapping),
            "events": s.score_events(gold["events"], system.get("events") or [], mapping),
        }
        parts["attributed"] = parts["relations"]["attributed"]
        for k in PARTS:
            for m in ("tp", "fp", "fn"):
                totals[k][m] += parts[k][m]
        for rtype in _types(gold, system):
            g = [r for r in gold["relations"] if rtype in s.as_list(r["type"])]
            mine = [r for r in system.get("relations") or [] if r.get("type") == rtype]
            res = s.score_relations(g, mine, mapping)
            t = per_type.setdefault(rtype, {"tp": 0, "fp": 0, "fn": 0})
            for m in ("tp", "fp", "fn"):
                t[m] += res[m]
    out = {k: s.prf(v["tp"], v["fp"], v["fn"]) for k, v in totals.items()}
    out["per_type"] = {k: s.prf(v["tp"], v["fp"], v["fn"]) for k, v in sorted(per_type.items())}
    return out


def _types(gold: dict, system: dict) -> set[str]:
    found = {r.get("type") for r in system.get("relations") or []}
    for r in gold["relations"]:
        found.update(r["type"] if isinstance(r["type"], list) else [r["type"]])
    return {t for t in found if isinstance(t, str)}
