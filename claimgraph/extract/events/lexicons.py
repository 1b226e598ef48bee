"""The event cue lexicons (extract/lexicons/events_*.json), read through the one lexicon loader."""

from __future__ import annotations

from claimgraph.extract.lexicons import read_lexicon


def load_lexicon(name: str) -> dict:
    """The parsed JSON of lexicons/events_<name>.json (cached; treat as read-only)."""
    return read_lexicon(f"events_{name}.json")
