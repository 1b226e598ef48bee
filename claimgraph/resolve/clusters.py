"""Clustering: union the per-document entities that the rules link, re-apply analyst decisions, name the result.

Order matters and is fixed: exact names and shared list references first; then acronyms and bare surnames,
and bare organisation names without a leading qualifier, which merge only when they point at exactly one
cluster (an ambiguous "Kovac" stays alone); then fuzzy
spelling variants; finally the analyst's merges and splits, oldest first.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from claimgraph.disjoint_sets import DisjointSets
from claimgraph.resolve.candidates import candidate_pairs
from claimgraph.resolve.decisions import Decision
from claimgraph.resolve.normalize import EntityRecord, is_acronym_form, name_tokens, normalise_name, person_key
from claimgraph.resolve.scoring import (
    Match,
    acronym_match,
    exact_match,
    fuzzy_match,
    is_named,
    qualifier_match,
    short_form_match,
    surname_match,
)

RefLookup = Callable[[EntityRecord], Sequence[str]]


@dataclass(frozen=True)
class Link:
    """Why two member entities were put in one cluster."""

    a: str
    b: str
    rule: str
    score: float
    detail: str = ""

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "rule": self.rule, "score": self.score, "detail": self.detail}


@dataclass
class Followers:
    """The entities of one signature other than those clustered as records, summarised: they follow their
    representative and count only towards the cluster's name, type, aliases and size."""

    count: int = 0
    names: Counter[str] = field(default_factory=Counter)
    type_weight: int = 0  # sum over the entities of max(mentions, 1)
    forms: list[tuple[str, int, str]] = field(default_factory=list)  # (first member key, position, surface form)


@dataclass
class Cluster:
    id: str
    name: str
    type: str
    members: list[EntityRecord]
    links: list[Link] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    followers: list[Followers] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.members) + sum(f.count for f in self.followers)

    @property
    def aliases(self) -> list[str]:
        """Every surface form any document used, first-seen order (by member key), exact strings kept."""
        forms = [(m.key, i, f) for m in self.members for i, f in enumerate(m.surface_forms)]
        forms += [x for fs in self.followers for x in fs.forms]
        return list(dict.fromkeys(f for _, _, f in sorted(forms)))

    @property
    def documents(self) -> list[str]:
        return sorted({m.document_id for m in self.members})

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases, "refs": self.refs,
                "documents": self.documents, "members": [m.key for m in self.members],
                "links": [link.to_json() for link in self.links]}


def _unique_target(
    records: list[EntityRecord], uf: DisjointSets, pairs: Iterable[tuple[int, int]],
    match: Callable[[EntityRecord, EntityRecord], Match | None], identity: Callable[[EntityRecord], str],
) -> list[tuple[int, int, Match]]:
    """Pairs (partial, full) where every partial name in the partial's cluster points at one and only one full
    identity, counting full forms the cluster already holds (a record naming itself both ways counts too)."""
    proposals: dict[int, list[tuple[int, int, Match]]] = defaultdict(list)
    for i, j in pairs:
        for short, full in ((i, j), (j, i)):
            m = match(records[short], records[full])
            if m is not None:
                proposals[uf.find(short)].append((short, full, m))
    if proposals:  # every member of a proposing cluster that names itself both ways counts, paired or not
        for x in range(len(records)):
            root = uf.find(x)
            if root in proposals:
                m = match(records[x], records[x])
                if m is not None:
                    proposals[root].append((x, x, m))
    accepted = []
    for root, options in sorted(proposals.items()):
        outside = [o for o in options if uf.find(o[1]) != root]
        identities = {identity(records[full]) for _, full, _ in options}
        if outside and len(identities) == 1:
            accepted.append(min(outside, key=lambda o: (o[1], o[0])))
    return accepted


def _longest_form(record: EntityRecord) -> str:
    """Who a full name points at: the longest non-acronym form; for persons its first and last name only, so
    "Tavik Morrandel" and "Tavik Halden Morrandel" are not two rival identities."""
    forms = [f for f in record.surface_forms if not is_acronym_form(f)] or list(record.surface_forms)
    longest = max(forms, key=lambda f: (len(name_tokens(f)), len(f)))
    if record.type == "person":
        tokens = name_tokens(longest)
        return " ".join(tokens[:1] + tokens[-1:]) if len(tokens) > 1 else " ".join(tokens)
    return normalise_name(longest)


def _signature(record: EntityRecord) -> tuple:
    """Records with the same type, names and references are linked once, by their first representative;
    this keeps blocks small when an actor is named the same way in thousands of documents."""
    fold = person_key if record.type == "person" else normalise_name
    scope = "" if is_named(record) else record.document_id
    return (record.type, frozenset(fold(f) for f in record.surface_forms), tuple(sorted(record.refs)), scope)


def signature_key(record: EntityRecord) -> str:
    """The signature as a short stable string, stored with the resolution index."""
    kind, forms, refs, scope = _signature(record)
    raw = "\x1f".join([kind, scope, *sorted(forms), "\x1e", *refs])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def _link_records(records: list[EntityRecord],
                  too_large: Collection[tuple[str, str]] = ()) -> tuple[DisjointSets, list[Link]]:
    uf = DisjointSets(len(records))
    links: list[Link] = []
    first: dict[tuple, int] = {}
    reps: list[int] = []
    for i, record in enumerate(records):
        sig = _signature(record)
        if sig in first:
            uf.union(first[sig], i)
            links.append(Link(records[first[sig]].key, record.key, "name", 1.0, min(sig[1], default="")))
        else:
            first[sig] = i
            reps.append(i)
    sub = [records[i] for i in reps]
    sub_uf = DisjointSets(len(sub))
    pairs = candidate_pairs(sub, too_large)

    def join(i: int, j: int, m: Match) -> None:
        if sub_uf.union(i, j):
            links.append(Link(sub[i].key, sub[j].key, m.rule, m.score, m.detail))

    for i, j in sorted(pairs.get("exact", ())):
        m = exact_match(sub[i], sub[j])
        if m is not None:
            join(i, j, m)
    rules = (("acronym", acronym_match), ("qualifier", qualifier_match), ("short_form", short_form_match),
             ("surname", surname_match))
    for kind, rule in rules:
        for i, j, m in _unique_target(sub, sub_uf, sorted(pairs.get(kind, ())), rule, _longest_form):
            join(i, j, m)
    for i, j in sorted(pairs.get("fuzzy", ())):
        if sub_uf.find(i) != sub_uf.find(j):
            m = fuzzy_match(sub[i], sub[j])
            if m is not None:
                join(i, j, m)
    for k, index in enumerate(reps):
        uf.union(index, reps[sub_uf.find(k)])
    return uf, links


def _matches_name(record: EntityRecord, typed: str) -> bool:
    want = normalise_name(typed)
    return record.key == typed or any(normalise_name(f) == want for f in record.surface_forms)


def _groups_for(groups: list[list[int]], records: list[EntityRecord], keys: Sequence[str], typed: str) -> list[int]:
    """Indexes of the groups a decision refers to: by recorded member keys, else by the typed name."""
    wanted = set(keys)
    found = [g for g, members in enumerate(groups) if any(records[i].key in wanted for i in members)]
    if found:
        return found
    return [g for g, members in enumerate(groups) if any(_matches_name(records[i], typed) for i in members)]


def _apply_decisions(
    groups: list[list[int]], records: list[EntityRecord], decisions: Iterable[Decision], links: list[Link]
) -> list[list[int]]:
    for decision in decisions:
        if decision.kind == "merge" and decision.b is not None:
            targets = sorted(set(_groups_for(groups, records, decision.keys_a, decision.a))
                             | set(_groups_for(groups, records, decision.keys_b, decision.b)))
            if len(targets) < 2:
                continue
            first = groups[targets[0]]
            for g in targets[1:]:
                links.append(Link(records[first[0]].key, records[groups[g][0]].key, "analyst", 1.0,
                                  f"merge #{decision.id}: {decision.a} + {decision.b}"))
                first.extend(groups[g])
                groups[g] = []
        elif decision.kind == "split" and decision.document_id:
            for g in _groups_for(groups, records, decision.keys_a, decision.a):
                out = [i for i in groups[g] if records[i].document_id == decision.document_id]
                keep = [i for i in groups[g] if records[i].document_id != decision.document_id]
                if out and keep:
                    groups[g] = keep
                    groups.append(out)
        groups = [g for g in groups if g]
    return groups


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise_name(name)).strip("-") or "entity"


def _canonical_name(members: list[EntityRecord], followers: Sequence[Followers] = ()) -> str:
    """A full name (not an acronym, more than one word when there is one), then the one most documents use,
    then the plainest spelling (no title, nickname or hedge)."""
    counts = Counter(m.name for m in members)
    for f in followers:
        counts.update(f.names)
    return max(counts, key=lambda f: (not is_acronym_form(f), len(name_tokens(f)) > 1, counts[f],
                                      len(name_tokens(f)), -len(f), f))


def _canonical_type(members: list[EntityRecord], followers: Sequence[tuple[str, Followers]] = ()) -> str:
    counts: Counter[str] = Counter()
    for m in members:
        counts[m.type] += max(m.mentions, 1)
    for type_, f in followers:
        counts[type_] += f.type_weight
    return max(counts, key=lambda t: (counts[t], t))


def cluster_slug(name: str) -> str:
    return _slug(name)


def assign_ids(clusters: Sequence[tuple[str, int, str]]) -> list[str]:
    """Ids for (slug, members, first member key) triples: per slug, the cluster with the most members (then the
    smallest first member) takes the bare slug, every other one the slug plus a digest of its first member.
    An id depends only on its own cluster and the top one of its slug, so adding a document renames at most
    the clusters it touches and the slug's former top."""
    top: dict[str, tuple[int, str]] = {}
    for slug, size, first in clusters:
        rank = (-size, first)
        if slug not in top or rank < top[slug]:
            top[slug] = rank
    return [slug if top[slug] == (-size, first) else
            f"{slug}-{hashlib.sha1(first.encode('utf-8')).hexdigest()[:8]}"
            for slug, size, first in clusters]


def resolve_entities(
    records: Iterable[EntityRecord], decisions: Iterable[Decision] = (), lookup_refs: RefLookup | None = None,
    *, too_large: Collection[tuple[str, str]] = (), others: Sequence[tuple[str, int, str]] = (),
    followers: Mapping[str, Followers] | None = None,
) -> list[Cluster]:
    """Cluster per-document entities into canonical entities with stable, readable ids. An incremental run
    passes the blocks that are too large in the whole store (`too_large`) and the other stored clusters that
    share a slug with these (`others`: slug, members, first member key), and the entities of each signature
    it leaves out (`followers`, by signature key: they join the cluster of the signature's smallest record),
    so clusters and ids come out as a full run's."""
    records = sorted(records, key=lambda r: r.key)
    if lookup_refs is not None:
        records = [replace(r, refs=tuple(dict.fromkeys([*r.refs, *lookup_refs(r)]))) for r in records]
    uf, links = _link_records(records, too_large)
    by_root: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        by_root[uf.find(i)].append(i)
    groups = _apply_decisions([by_root[r] for r in sorted(by_root)], records, decisions, links)
    group_of = {records[i].key: g for g, members in enumerate(groups) for i in members}
    links_by_group: dict[int, list[Link]] = defaultdict(list)
    for link in links:
        if group_of[link.a] == group_of[link.b]:
            links_by_group[group_of[link.a]].append(link)
    led: dict[int, list[tuple[str, Followers]]] = defaultdict(list)  # group -> followers of its signatures
    if followers:
        leader: dict[str, int] = {}  # records are sorted by key: the first of a signature is its smallest
        for i, record in enumerate(records):
            leader.setdefault(signature_key(record), i)
        group_by_index = {i: g for g, members in enumerate(groups) for i in members}
        for sig, i in sorted(leader.items(), key=lambda x: x[1]):
            if sig in followers:
                led[group_by_index[i]].append((records[i].type, followers[sig]))
    clusters = []
    for g, members in enumerate(groups):
        member_records = [records[i] for i in members]
        refs = sorted({ref for m in member_records for ref in m.refs})
        extra = [f for _, f in led[g]]
        name = _canonical_name(member_records, extra)
        clusters.append(Cluster("", name, _canonical_type(member_records, led[g]), member_records,
                                links_by_group[g], refs, extra))
    triples = [(_slug(c.name), c.size, c.members[0].key) for c in clusters]
    for cluster, cid in zip(clusters, assign_ids([*triples, *others]), strict=False):
        cluster.id = cid
    clusters.sort(key=lambda c: c.id)
    return clusters
