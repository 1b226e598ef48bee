"""Analyst decisions (merge two canonical entities, split one document's entity out) as replayable records.

A decision names entities by the stable keys of their members at the time it was made (document id + local
entity id), plus the names the analyst typed as a fallback, so it applies again after re-extraction or
re-resolution in the order it was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Decision:
    kind: str  # "merge" | "split"
    a: str  # what the analyst typed for the first entity
    b: str | None = None  # merge: the second entity
    document_id: str | None = None  # split: the document whose entity is taken out
    keys_a: tuple[str, ...] = field(default=())
    keys_b: tuple[str, ...] = field(default=())
    id: int | None = None
    created: str | None = None
    note: str | None = None

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "a": self.a, "b": self.b, "document_id": self.document_id,
                "created": self.created, "note": self.note}
