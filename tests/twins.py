"""The pair of same-name entities the curation tests merge (read from the demo store by a fixture in conftest)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Twins:
    keep: str  # the id the merge keeps
    twin: str  # the id it folds in
    name: str
