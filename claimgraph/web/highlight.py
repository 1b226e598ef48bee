"""The reader's article body: entity mentions and claim evidence marked by character offsets.

The text is cut at every mention and evidence boundary; each slice is escaped on its own before it is wrapped, so
markup in an article (a `<script>` quoted as text) can only ever come out as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class MentionMark:
    start: int
    end: int
    entity: str  # canonical id (link target), or "" when unresolved
    name: str
    type: str


@dataclass(frozen=True)
class ClaimMark:
    id: int
    start: int
    end: int
    label: str  # "subject relation object — source, certainty, rule", shown on hover


def highlight(text: str, mentions: Sequence[MentionMark], claims: Sequence[ClaimMark]) -> Markup:
    """HTML for text with <a class="ent"> around mentions and <span class="ev"> around claim evidence."""
    n = len(text)
    valid_m = [m for m in mentions if 0 <= m.start < m.end <= n]
    valid_c = [c for c in claims if 0 <= c.start < c.end <= n]
    cuts = sorted({0, n, *(m.start for m in (*valid_m, *valid_c)), *(m.end for m in (*valid_m, *valid_c))})
    opens: dict[int, list] = {}
    for mark in (*valid_m, *valid_c):
        opens.setdefault(mark.start, []).append(mark)
    active_m: list[MentionMark] = []
    active_c: list[ClaimMark] = []
    first_seen: set[int] = set()
    parts: list[str] = []
    for x, y in zip(cuts, cuts[1:], strict=False):
        # every mark starts and ends on a cut, so the marks open at x cover all of [x, y)
        active_m = [m for m in active_m if m.end > x]
        active_c = [c for c in active_c if c.end > x]
        for mark in opens.get(x, []):
            (active_m if isinstance(mark, MentionMark) else active_c).append(mark)
        piece = str(escape(text[x:y]))
        if active_m:
            m = min(active_m, key=lambda c: c.end - c.start)
            href = f"/entities/{m.entity}" if m.entity else "#"
            piece = (f'<a class="ent ent-{escape(m.type)}" href="{escape(href)}" data-entity="{escape(m.entity)}" '
                     f'title="{escape(m.name)} ({escape(m.type)})">{piece}</a>')
        if active_c:
            ids = " ".join(str(c.id) for c in active_c)
            anchors = "".join(f'<span id="claim-{c.id}" class="anchor"></span>' for c in active_c
                              if c.id not in first_seen)
            first_seen.update(c.id for c in active_c)
            title = " | ".join(c.label for c in active_c)
            # the slice where a claim begins is a tab stop (Enter opens the claim), the rest of it is not
            focus = ' tabindex="0"' if anchors else ""
            piece = f'{anchors}<span class="ev" data-claims="{ids}"{focus} title="{escape(title)}">{piece}</span>'
        parts.append(piece)
    return Markup("".join(parts))
