"""Finding canonical entities: by id, by any surface form or list reference, and names for many ids at once."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from claimgraph.errors import QueryError
from claimgraph.resolve import normalise_name
from claimgraph.store.resolution_models import CanonicalEntityRow


def find_entity(session: Session, name_or_id: str) -> CanonicalEntityRow:
    """A canonical entity by id, by any surface form or by list reference; QueryError E501 if none.
    An ambiguous name picks the entity named so by the most documents."""
    row = session.get(CanonicalEntityRow, name_or_id)
    if row is not None:
        return row
    key = normalise_name(name_or_id)
    ids = session.scalars(text("SELECT canonical_id FROM canonical_aliases WHERE alias_key = :k"),
                          {"k": key}).all()
    if not ids:
        ids = session.scalars(select(CanonicalEntityRow.id).where(CanonicalEntityRow.name_key == key)).all()
    if not ids:
        raise QueryError(f"unknown entity {name_or_id!r}", where=name_or_id, code="E501")
    rows = [session.get(CanonicalEntityRow, i) for i in dict.fromkeys(ids)]
    rows = [r for r in rows if r is not None]
    exact = [r for r in rows if r.name_key == key]
    return max(exact or rows, key=lambda r: (r.n_documents, r.id))


def entity_names(session: Session, ids: Iterable[str]) -> dict[str, CanonicalEntityRow]:
    """Canonical rows for these ids, fetched 500 at a time (unknown ids are left out)."""
    ids = list(dict.fromkeys(ids))
    out: dict[str, CanonicalEntityRow] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in session.scalars(select(CanonicalEntityRow).where(CanonicalEntityRow.id.in_(chunk))):
            out[row.id] = row
    return out
