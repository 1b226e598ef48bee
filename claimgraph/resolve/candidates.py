"""Blocking: which pairs of entities are worth scoring, found through shared keys instead of all pairs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from claimgraph.resolve.normalize import (
    EntityRecord,
    acronym_of,
    is_acronym_form,
    name_tokens,
    normalise_name,
    person_key,
    surname,
)

_FAMILY = {"group": "organization", "place": "state"}
MAX_BLOCK = 200  # a key shared by more entities than this is a common word, not a name


def _keys(record: EntityRecord) -> Iterator[tuple[str, str]]:
    """(kind, key) pairs; kind says which rule the key feeds."""
    for form in record.surface_forms:
        norm = person_key(form) if record.type == "person" else normalise_name(form)
        if norm:
            yield "exact", norm
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
        for token in norm.split():
            if len(token) >= 4:
                yield "fuzzy", token[:4]
    for ref in record.refs:
        yield "exact", f"ref:{ref}"


def candidate_pairs(records: Iterable[EntityRecord]) -> dict[str, set[tuple[int, int]]]:
    """Index pairs (i < j) grouped by the key kind that brought them together."""
    records = list(records)
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        for key in set(_keys(record)):
            blocks[key].append(i)
    pairs: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for (kind, _key), members in blocks.items():
        if len(members) < 2 or (kind != "exact" and len(members) > MAX_BLOCK):
            continue
        if kind == "exact":  # equality is transitive: a chain per type family links the whole block
            last: dict[str, int] = {}
            multiword = not _key.startswith("ref:")  # one-word names are checked by exact_match
            for i in members:
                family = _FAMILY.get(records[i].type, records[i].type)
                if family in last:
                    pairs[kind].add((last[family], i))
                last[family] = i
                if multiword and records[i].type != "group":  # identical full names link across types
                    if "*" in last:
                        pairs[kind].add((last["*"], i))
                    last["*"] = i
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                pairs[kind].add((i, j) if i < j else (j, i))
    return pairs
