"""Corroboration: how many independent sources stand behind an edge.

Two claims come from the same source when they share a claimant (the same named speaker, or the author of the
same publication; a document without a publication counts as its own), when their documents are one story
(near-duplicates: the same article reformatted or re-posted, store/stories.py) or when their evidence is the
same text (a wire story reprinted by two outlets: equal after normalising case and spacing, or at least
WIRE_SIMILARITY similar). The number of independent sources is the number of groups that remain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from claimgraph.analysis.claims import ClaimView

WIRE_SIMILARITY = 90.0  # rapidfuzz ratio (0-100) above which two evidence sentences are one story


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def same_story(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    return na == nb or fuzz.ratio(na, nb) >= WIRE_SIMILARITY


def source_groups(claims: Sequence[ClaimView]) -> list[list[ClaimView]]:
    """Claims partitioned into independent sources, first-seen order."""
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    first_by_claimant: dict[str, int] = {}
    first_by_story: dict[str, int] = {}
    for i, claim in enumerate(claims):
        story = f"{claim.story}|{claim.source}" if claim.story else None  # a re-post repeats its original's claimants
        for key, first in ((claim.claimant, first_by_claimant), (story, first_by_story)):
            if key is None:
                continue
            if key in first:
                union(i, first[key])
            else:
                first[key] = i
    texts = [_norm(c.evidence) for c in claims]
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            if claims[i].document_id != claims[j].document_id and find(i) != find(j) and (
                    texts[i] == texts[j] or fuzz.ratio(texts[i], texts[j]) >= WIRE_SIMILARITY):
                union(i, j)
    groups: dict[int, list[ClaimView]] = {}
    for i, claim in enumerate(claims):
        groups.setdefault(find(i), []).append(claim)
    return list(groups.values())

