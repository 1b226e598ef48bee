"""Disjoint sets over 0..n-1 whose root is always the smallest member, so clusters come out in a stable order.

Both in-document alias merging and cross-document resolution cluster by union; a root that depends only on the
members (not on union order) keeps their output deterministic.
"""

from __future__ import annotations

from collections import defaultdict


class DisjointSets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        """Join a's and b's sets; False when they were already one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return out
