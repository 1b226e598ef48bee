"""Loading the event cue lexicons (JSON data files under extract/lexicons/, named events_*.json)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@lru_cache(maxsize=32)
def load_lexicon(name: str) -> dict:
    """The parsed JSON of lexicons/events_<name>.json (cached; treat as read-only)."""
    return json.loads((LEXICON_DIR / f"events_{name}.json").read_text(encoding="utf-8"))
