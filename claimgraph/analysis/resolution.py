"""Running resolution over the store: a full rebuild, or an incremental run for the documents stored since.

Full (`resolve_network`): cluster every per-document entity, re-apply analyst decisions, rebuild the index,
the canonical tables and every edge. Incremental (`resolve_documents`): the new documents' entities find,
through the blocking-key index, the stored entities their rules could link them to; that search is repeated
from every entity it reaches (and from the entities an analyst decision names) until nothing new comes in.
The region found is closed under everything clustering looks at, so clustering it alone gives the clusters
a full run would give; only its canonical rows are replaced, and only edges whose claims changed owner (or
that carry a new document's claims) are graded again. `tests/analysis/test_incremental.py` checks incremental
== full over random ingest orders.

Every resolution first writes the state row (the lock), and removes the documents it resolved from
`resolution_pending` in the same transaction, so a killed run leaves them pending for the next command.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass, field, replace

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import ClaimView, claims_in_documents, claims_touching, claims_with_sources
from claimgraph.analysis.edges import EdgeKey, rebuild_edges, refresh_edges, stored_edge_keys, update_degrees
from claimgraph.resolve import Decision, EntityRecord, normalise_name, resolve_entities
from claimgraph.resolve.candidates import MAX_BLOCK, UNLIMITED_KINDS, may_link
from claimgraph.resolve.clusters import assign_ids, cluster_slug, signature_key
from claimgraph.store.models import DocumentRow, EntityRow
from claimgraph.store.resolution import (
    block_members,
    block_signatures,
    canonical_ids_of,
    clear_pending,
    clusters_with_slugs,
    entities_by_member_keys,
    index_keys,
    load_decisions,
    load_records,
    lock_state,
    needs_resolution,
    pending_documents,
    replace_clusters,
    save_clusters,
    set_full_needed,
    write_index,
)
from claimgraph.store.resolution_models import CanonicalEntityRow, ResolutionLinkRow

RefLookup = Callable[[EntityRecord], Sequence[str]]
FULL_ABOVE = 0.3  # pending share of all documents above which a full rebuild is cheaper than regions


@dataclass
class ResolveSummary:
    entities: int
    canonical: int
    merged: int  # canonical entities with members from more than one document
    decisions: int
    edges: int
    links_by_rule: dict[str, int] = field(default_factory=dict)
    mode: str = "full"  # full | incremental | none
    region: int = 0  # per-document entities re-clustered (incremental)
    edges_refreshed: int = 0

    def to_json(self) -> dict:
        return asdict(self)


def default_ref_lookup() -> RefLookup | None:
    """List references from the sanctions-list gazetteer when it is available."""
    from claimgraph.resolve.gazetteer import lookup_from_default

    return lookup_from_default()


def _augment(records: Sequence[EntityRecord], lookup_refs: RefLookup | None) -> list[EntityRecord]:
    if lookup_refs is None:
        return list(records)
    return [replace(r, refs=tuple(dict.fromkeys([*r.refs, *lookup_refs(r)]))) for r in records]


def _summary(session: Session, mode: str, region: int = 0, refreshed: int = 0) -> ResolveSummary:
    def count(sql: str) -> int:
        return int(session.scalar(text(sql)) or 0)

    rules = {rule: n for rule, n in session.execute(select(ResolutionLinkRow.rule, func.count())
                                                    .group_by(ResolutionLinkRow.rule))}
    return ResolveSummary(
        count("SELECT count(*) FROM entities"), count("SELECT count(*) FROM canonical_entities"),
        count("SELECT count(*) FROM canonical_entities WHERE n_documents > 1"),
        count("SELECT count(*) FROM analyst_decisions"), count("SELECT count(*) FROM edges"),
        dict(sorted(rules.items())), mode, region, refreshed)


RESOLVE_STAGES = ("read entities", "cluster", "save canonical entities", "rebuild edges")
Progress = Callable[[int, int, str], None]


def resolve_network(session: Session, lookup_refs: RefLookup | None = None,
                    progress: Progress | None = None) -> ResolveSummary:
    """Full rebuild: resolve every entity, re-apply analyst decisions, rebuild index and edges. The caller
    commits. `progress(done, total, stage)` hears of each finished stage of RESOLVE_STAGES."""
    total = len(RESOLVE_STAGES)

    def finished(stage: int) -> None:
        if progress:
            progress(stage + 1, total, RESOLVE_STAGES[stage])

    lock_state(session)
    records = _augment(load_records(session), lookup_refs)
    decisions = load_decisions(session)
    finished(0)
    clusters = resolve_entities(records, decisions)
    finished(1)
    save_clusters(session, clusters)
    write_index(session, records, replace_all=True)
    finished(2)
    rebuild_edges(session)
    finished(3)
    clear_pending(session)
    set_full_needed(session, False)
    return _summary(session, "full", len(records))


class _Region:
    """The closure of some entities under "clustering could link them". Entities with the same signature
    (type, names, references) are clustered through their representative (the smallest member key) only, so
    the region grows by whole signatures and searches from representatives: blocks shared with a record that
    a rule matches (all members of an exact block), every entity of a block that has just grown too large
    (its pairs vanish), and everything an analyst decision names together."""

    def __init__(self, session: Session, lookup_refs: RefLookup | None, new: Sequence[EntityRecord]) -> None:
        self.session, self.lookup_refs = session, lookup_refs
        self.new_ids = {r.extra["pk"] for r in new}
        self.records: dict[int, EntityRecord] = {}
        self.by_sig: dict[str, list[EntityRecord]] = defaultdict(list)
        self.complete: set[str] = set()  # signatures whose every entity is in the region
        self.expanded: set[int] = set()  # representatives searched from
        self.too_large: set[tuple[str, str]] = set()
        self.members: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self.new_sigs: dict[tuple[str, str], set[str]] = defaultdict(set)
        for r in new:
            for key in index_keys(r):
                self.new_sigs[key].add(signature_key(r))

    def grow(self, start: Sequence[EntityRecord], decisions: Sequence[Decision]) -> list[EntityRecord]:
        self._add(start)
        decision_sets = [self._decision_entities(d) for d in decisions]
        while True:
            self._complete_signatures()
            reps = [min(records, key=lambda r: r.key) for records in self.by_sig.values()]
            reps = [r for r in reps if r.extra["pk"] not in self.expanded]
            if reps:
                self.expanded.update(r.extra["pk"] for r in reps)
                self._add(self._load(self._step(reps)))
                continue
            missing = set().union(*[ids for ids in decision_sets if ids & self.records.keys()]) \
                if decision_sets else set()
            missing -= self.records.keys()
            if not missing:
                return list(self.records.values())
            self._add(self._load(missing))

    def _add(self, records: Sequence[EntityRecord]) -> None:
        for r in records:
            if r.extra["pk"] not in self.records:
                self.records[r.extra["pk"]] = r
                self.by_sig[signature_key(r)].append(r)

    def _complete_signatures(self) -> None:
        for sig in [s for s in self.by_sig if s not in self.complete]:
            self.complete.add(sig)
            ids = {pk for pk, _ in block_members(self.session, "sig", sig)} - self.records.keys()
            self._add(self._load(ids))

    def _load(self, ids: Collection[int]) -> list[EntityRecord]:
        return _augment(load_records(self.session, entity_ids=ids), self.lookup_refs) if ids else []

    def _step(self, frontier: Sequence[EntityRecord]) -> set[int]:
        """Entities outside the region that a representative in the frontier shares a linking block with."""
        found: set[int] = set()
        to_check: list[tuple[EntityRecord, str, list[tuple[int, str]]]] = []
        for record in frontier:
            for kind, key in index_keys(record):
                if kind in ("name", "sig"):
                    continue
                members = self._block(kind, key)
                if members is None:
                    continue
                if kind in UNLIMITED_KINDS or (kind, key) in self.too_large:
                    found.update(pk for pk, _ in members)  # everything in it (a block grown too large too)
                else:
                    to_check.append((record, kind, members))
        # one record per signature decides for all of its entities (same names, same rules)
        reps: dict[str, int] = {}
        for _, _, members in to_check:
            for pk, sig in members:
                if sig not in self.complete and (sig not in reps or pk < reps[sig]):
                    reps[sig] = pk
        loaded = {r.extra["pk"]: r for r in self._load(set(reps.values()) - self.records.keys())}
        loaded.update(self.records)
        by_sig = {sig: loaded[pk] for sig, pk in reps.items() if pk in loaded}
        for record, kind, members in to_check:
            for pk, sig in members:
                if sig in self.complete or pk in found:
                    continue
                other = by_sig.get(sig)
                if other is not None and may_link(record, other, kind):
                    found.add(pk)
        return found - self.records.keys()

    def _block(self, kind: str, key: str) -> list[tuple[int, str]] | None:
        """Members of a block, or None when the block makes no pairs (it was already too large)."""
        if (kind, key) in self.members:
            return self.members[(kind, key)]
        members: list[tuple[int, str]] | None
        if kind in UNLIMITED_KINDS or kind == "sig":
            members = block_members(self.session, kind, key)
        else:
            old = block_signatures(self.session, kind, key, self.new_ids, MAX_BLOCK + 1)
            if len(old) > MAX_BLOCK:  # too large before: it links nothing, now as then
                self.too_large.add((kind, key))
                members = None
            else:
                members = block_members(self.session, kind, key)
                if len(old | self.new_sigs.get((kind, key), set())) > MAX_BLOCK:
                    self.too_large.add((kind, key))  # has just grown too large: its old pairs vanish
        self.members[(kind, key)] = members or []
        return members

    def _decision_entities(self, decision: Decision) -> set[int]:
        """Every entity the decision could refer to: its recorded member keys and anything named as typed."""
        ids = entities_by_member_keys(self.session, [*decision.keys_a, *decision.keys_b, decision.a,
                                                     *([decision.b] if decision.b else [])])
        for typed in (decision.a, decision.b):
            if typed and normalise_name(typed):
                ids.update(pk for pk, _ in block_members(self.session, "name", normalise_name(typed)))
        return ids


def _renames(old: dict[str, tuple[str, int, str]], new_ids: dict[str, str]) -> list[tuple[str, str]]:
    """(old id, new id) of untouched clusters whose id changes, each id freed before it is taken."""
    moves = [(o, new_ids[o]) for o in old if new_ids[o] != o]
    return sorted(moves, key=lambda m: m[1] == old[m[0]][0])  # demotions (new id has a digest) first


def resolve_documents(session: Session, doc_ids: Collection[str],
                      lookup_refs: RefLookup | None = None) -> ResolveSummary:
    """Incremental run for documents stored since the last resolution. The caller commits."""
    if lock_state(session):
        return resolve_network(session, lookup_refs)
    new = _augment(load_records(session, doc_ids=doc_ids), lookup_refs)
    write_index(session, new)
    decisions = load_decisions(session)
    region = _Region(session, lookup_refs, new)
    records = region.grow(new, decisions)
    old_cid = canonical_ids_of(session, [r.extra["pk"] for r in records])
    old_ids = {c for c in old_cid.values() if c}
    clusters = resolve_entities(records, decisions, too_large=region.too_large)
    old_slugs = set(session.scalars(select(CanonicalEntityRow.slug).where(CanonicalEntityRow.id.in_(old_ids))))
    slugs = {cluster_slug(c.name) for c in clusters} | old_slugs
    others = clusters_with_slugs(session, slugs, old_ids)
    triples = [(cluster_slug(c.name), len(c.members), c.members[0].key) for c in clusters]
    ids = assign_ids([*triples, *[(slug, n, first) for _, slug, n, first in others]])
    for cluster, cid in zip(clusters, ids, strict=False):
        cluster.id = cid
    renamed = _renames({cid: (slug, n, first) for cid, slug, n, first in others},
                       {cid: ids[len(clusters) + i] for i, (cid, *_rest) in enumerate(others)})
    # which canonical entities changed owner of existing claims: their edges are graded again
    new_cid = {m.extra["pk"]: c.id for c in clusters for m in c.members}
    moved = [pk for pk in new_cid if pk not in region.new_ids and old_cid.get(pk) != new_cid[pk]]
    dirty = {old_cid[pk] for pk in moved if old_cid.get(pk)} | {new_cid[pk] for pk in moved}
    dirty |= {x for pair in renamed for x in pair}
    keys: set[EdgeKey] = stored_edge_keys(session, dirty)
    replace_clusters(session, old_ids, clusters, renamed)
    keys |= _edge_keys(claims_touching(session, sorted(dirty)))
    keys |= _edge_keys(claims_in_documents(session, doc_ids))
    keys |= _edge_keys(claims_with_sources(session, moved))
    refreshed = refresh_edges(session, keys)
    update_degrees(session, {c.id for c in clusters} | {new for _, new in renamed})  # rows were rewritten
    clear_pending(session, doc_ids)
    return _summary(session, "incremental", len(records), refreshed)


def _edge_keys(claims: Sequence[ClaimView]) -> set[EdgeKey]:
    return {c.edge_key for c in claims if c.subject != c.object}


def resolve_pending(session: Session, lookup_refs: RefLookup | None = None,
                    progress: Progress | None = None) -> ResolveSummary:
    """Resolve what awaits resolution: incrementally, or in full when asked for or when most of the store is
    new. The caller commits."""
    pending = pending_documents(session)
    if not pending and not needs_resolution(session):
        return _summary(session, "none")
    n_docs = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
    has_network = session.scalar(select(EntityRow.id).where(EntityRow.canonical_id.is_not(None)).limit(1))
    if has_network is None or len(pending) > FULL_ABOVE * n_docs:
        return resolve_network(session, lookup_refs, progress)
    return resolve_documents(session, pending, lookup_refs)


def resolve_store(engine: Engine, lookup_refs: RefLookup | None | bool = True, *,
                  full: bool = False) -> ResolveSummary:
    """Resolve what awaits resolution (or everything, `full`) in its own transaction; lookup_refs True means
    the configured sanctions list."""
    lookup = default_ref_lookup() if lookup_refs is True else (lookup_refs or None)
    with Session(engine) as session, session.begin():
        return resolve_network(session, lookup) if full else resolve_pending(session, lookup)


def finish_pending(engine: Engine) -> ResolveSummary | None:
    """What every command does on opening the store: finish a resolution an earlier process did not."""
    with Session(engine) as session:
        if not needs_resolution(session):
            return None
    return resolve_store(engine)

