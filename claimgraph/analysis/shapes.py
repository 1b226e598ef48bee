"""JSON shapes of the analysis dataclasses without `dataclasses.asdict`'s deep copy.

`asdict` recurses and deep-copies every value; the dossier page built thousands of copies only to serialise
them once (about 60% of its time). These shapes are flat: each field's value as it is, lists and dicts copied
one level so a caller that edits the result cannot change the dataclass.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any


def shallow_json(obj: Any, skip: tuple[str, ...] = ()) -> dict:
    """The dataclass's fields (minus `skip`) as a dict; lists and dicts are copied, not deep-copied."""
    out = {}
    for f in fields(obj):
        if f.name in skip:
            continue
        value = getattr(obj, f.name)
        if isinstance(value, list):
            value = list(value)
        elif isinstance(value, dict):
            value = dict(value)
        out[f.name] = value
    return out


def json_list(value: object) -> list[str]:
    """A JSON list column read through raw SQL: a string on SQLite, a list on PostgreSQL, None when empty."""
    if not value:
        return []
    parsed = json.loads(value) if isinstance(value, str) else value
    return [str(v) for v in parsed] if isinstance(parsed, list) else []
