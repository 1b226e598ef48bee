"""Times as people write them: "4 Dec 2026, 09:21 UTC" instead of ISO 8601 with microseconds."""

from __future__ import annotations

from datetime import UTC, datetime


def when(value: str | datetime | None) -> str:
    """A stored timestamp in words (UTC); anything that is not a timestamp is shown as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return f"{value.day} {value:%b %Y, %H:%M} UTC"
