"""List references (e.g. QDi.290) for resolution, from the UN sanctions list loaded by the extraction gazetteer.

Nothing of the list is in the repository: the XML is read by path at run time. Without the file or the loader,
resolution attaches no references and everything else works the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from claimgraph.resolve.normalize import EntityRecord

RefLookup = Callable[[EntityRecord], Sequence[str]]


def lookup_from_default() -> RefLookup | None:
    """A lookup over the default gazetteer, or None when it cannot be loaded."""
    return None
