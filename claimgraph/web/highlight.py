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
    bounds = {0, n}
    for m in (*mentions, *claims):
        if 0 <= m.start < m.end <= n:
            bounds.update((m.start, m.end))
    cuts = sorted(bounds)
    first_seen: set[int] = set()
    parts: list[str] = []
    for x, y in zip(cuts, cuts[1:], strict=False):
        piece = str(escape(text[x:y]))
        covering = [m for m in mentions if m.start <= x and y <= m.end]
        if covering:
            m = min(covering, key=lambda c: c.end - c.start)
            href = f"/entities/{m.entity}" if m.entity else "#"
            piece = (f'<a class="ent ent-{escape(m.type)}" href="{escape(href)}" data-entity="{escape(m.entity)}" '
                     f'title="{escape(m.name)} ({escape(m.type)})">{piece}</a>')
        in_claims = [c for c in claims if c.start <= x and y <= c.end]
        if in_claims:
            ids = " ".join(str(c.id) for c in in_claims)
            anchors = "".join(f'<span id="claim-{c.id}" class="anchor"></span>' for c in in_claims
                              if c.id not in first_seen)
            first_seen.update(c.id for c in in_claims)
            title = " | ".join(c.label for c in in_claims)
            piece = f'{anchors}<span class="ev" data-claims="{ids}" title="{escape(title)}">{piece}</span>'
        parts.append(piece)
    return Markup("".join(parts))
