"""List references (e.g. QDi.290) for resolution, from the UN sanctions list parsed by the extraction gazetteer.

Extraction already tags mentions that match a listed name. Resolution looks again at each entity's whole set of
surface forms, so an actor named by a listed alias in one document and by its listed name in another gets the
same reference in both, and the two merge. Nothing of the list is in the repository: the XML is read by path at
run time (CLAIMGRAPH_GAZETTEER); without it, resolution attaches no references and works the same otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from claimgraph.resolve.normalize import EntityRecord, normalise_name, person_key

RefLookup = Callable[[EntityRecord], Sequence[str]]
MIN_NAME_LENGTH = 6  # shorter listed names (bare acronyms, single short words) match too much by accident
_LIST_TYPES = {"person": ("person",), "organization": ("organization", "group")}


class RefIndex:
    """Normalised listed names and aliases -> references, by entity type."""

    def __init__(self, entries: Sequence[tuple[str, str, Sequence[str]]]) -> None:
        """entries: (reference, listed type, [name, *aliases])."""
        self.index: dict[tuple[str, str], set[str]] = defaultdict(set)
        for ref, list_type, names in entries:
            for name in names:
                key = person_key(name) if list_type == "person" else normalise_name(name)
                if len(key) < MIN_NAME_LENGTH or (list_type == "person" and len(key.split()) < 2):
                    continue
                for etype in _LIST_TYPES.get(list_type, ()):
                    self.index[(etype, key)].add(ref)

    def __call__(self, record: EntityRecord) -> list[str]:
        fold = person_key if record.type == "person" else normalise_name
        refs: set[str] = set()
        for form in record.surface_forms:
            refs |= self.index.get((record.type, fold(form)), set())
        return sorted(refs)


@lru_cache(maxsize=2)
def load_ref_index(path: str) -> RefIndex:
    from claimgraph.extract.entities.gazetteer import parse_list

    return RefIndex([(r.ref, r.type, [r.name, *r.aliases]) for r in parse_list(Path(path))])


def lookup_from_default() -> RefLookup | None:
    """A lookup over the configured list, or None when there is no list file."""
    from claimgraph.extract.entities.gazetteer import gazetteer_path

    path = gazetteer_path()
    if path is None:
        return None
    try:
        return load_ref_index(str(path.resolve()))
    except (OSError, ValueError, SyntaxError):
        return None
