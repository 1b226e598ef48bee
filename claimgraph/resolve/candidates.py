"""Blocking: which pairs of entities are worth scoring, found through shared keys instead of all pairs.

The same keys are stored as the resolution index, so that a new document's entities find the stored entities
they may join without scanning the store. An unnamed collective ("the police") can only be the same as another
mention in its own document, so its name keys are scoped to that document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator

from claimgraph.resolve.normalize import (
    EntityRecord,
    acronym_of,
    is_acronym_form,
    name_tokens,
    normalise_name,
    person_key,
    surname,
)
from claimgraph.resolve.scoring import (
    Match,
    acronym_match,
    fuzzy_match,
    is_named,
    qualifier_match,
    short_form_match,
    surname_match,
)

_FAMILY = {"group": "organization", "place": "state"}
MAX_BLOCK = 200  # a key shared by more entities than this is a common word, not a name
UNLIMITED_KINDS = frozenset({"exact"})  # blocks of these kinds are never too large (equality is transitive)


def blocking_keys(record: EntityRecord) -> Iterator[tuple[str, str]]:
    """(kind, key) pairs; kind says which rule the key feeds."""
    named = is_named(record)
    local = f"{record.document_id}|"
    for form in record.surface_forms:
        norm = person_key(form) if record.type == "person" else normalise_name(form)
        if norm:
            if named:
                yield "exact", norm
            yield "exact", local + norm  # same-document equality, named or not
        if record.type == "person":
            tokens = name_tokens(form)
            if len(tokens) == 1:
                yield "surname", tokens[0]
            last = surname(form)
            if last:
                yield "surname", last
        else:
            if is_acronym_form(form):
                yield "acronym", norm.replace(" ", "")
            for acro in acronym_of(form):
                yield "acronym", acro
            words = norm.split()
            if words:
                yield "short_form", f"{record.document_id}:{words[-1]}"
            if len(words) >= 2:
                yield "qualifier", norm
            if len(words) >= 3:
                yield "qualifier", " ".join(words[1:])
            if len(words) >= 4 and words[-2] == "of":
                yield "qualifier", " ".join(words[:-2])
        if named:
            for token in norm.split():
                if len(token) >= 4:
                    yield "fuzzy", token[:4]
    for ref in record.refs:
        yield "exact", f"ref:{ref}" if named else f"{local}ref:{ref}"


def _cross_type(record: EntityRecord, key: str) -> bool:
    """Whether exact_match links this record to one of another type family through `key`: identical names of
    two words or more (not for unnamed groups), or a one-word proper noun ('Tolvesk') of a non-person."""
    local = f"{record.document_id}|"
    name = key[len(local):] if key.startswith(local) else key
    if record.type == "group" or name.startswith("ref:"):
        return False
    if len(name.split()) >= 2:
        return True
    return record.type != "person" and any(
        normalise_name(f) == name and f[:1].isupper() and not f.isupper() and f.isalpha()
        for f in record.surface_forms)


def _exact_pairs(records: list[EntityRecord], key: str, members: list[int]) -> Iterator[tuple[int, int]]:
    """A chain through every record of an exact block that exact_match links: within a type family all of
    them (document-scoped keys hold one document, unscoped ones only named entities), across families those
    `_cross_type` allows. Every pair matches, so adding a record never breaks a chain."""
    last: dict[str, int] = {}
    for i in members:
        family = _FAMILY.get(records[i].type, records[i].type)
        if family in last:
            yield last[family], i
        last[family] = i
        if _cross_type(records[i], key):
            if "*" in last:
                yield last["*"], i
            last["*"] = i


def oversized(kind: str, size: int) -> bool:
    """Whether a block of this kind with `size` distinct entities makes no pairs."""
    return kind not in UNLIMITED_KINDS and size > MAX_BLOCK


def candidate_pairs(records: Iterable[EntityRecord],
                    too_large: Collection[tuple[str, str]] = ()) -> dict[str, set[tuple[int, int]]]:
    """Index pairs (i < j) grouped by the key kind that brought them together. `too_large`: blocks known to be
    oversized in a larger store than these records (an incremental run sees only part of each block)."""
    records = list(records)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        for key in set(blocking_keys(record)):
            blocks[key].append(i)
    pairs: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for (kind, key), members in blocks.items():
        if len(members) < 2 or oversized(kind, len(members)) or (kind, key) in too_large:
            continue
        if kind == "exact":
            pairs[kind].update(_exact_pairs(records, key, members))
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                pairs[kind].add((i, j) if i < j else (j, i))
    return pairs


_PAIR_RULES: dict[str, Callable[[EntityRecord, EntityRecord], Match | None]] = {
    "acronym": acronym_match, "qualifier": qualifier_match, "short_form": short_form_match,
    "surname": surname_match, "fuzzy": fuzzy_match,
}


def may_link(a: EntityRecord, b: EntityRecord, kind: str) -> bool:
    """Whether two records sharing a block of this kind can influence each other's cluster: the block's rule
    matches them one way or the other. Exact blocks answer yes for every pair (a cheap superset)."""
    rule = _PAIR_RULES.get(kind)
    if rule is None:
        return kind == "exact"
    return rule(a, b) is not None or rule(b, a) is not None
