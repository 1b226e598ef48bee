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

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import ClaimView, claims_in_documents, claims_touching, claims_with_sources
from claimgraph.analysis.edges import EdgeKey, canonical_degrees, rebuild_edges, refresh_edges, stored_edge_keys
from claimgraph.resolve import Decision, EntityRecord, normalise_name, resolve_entities
from claimgraph.resolve.candidates import MAX_BLOCK, UNLIMITED_KINDS, may_link
from claimgraph.resolve.clusters import Cluster, Followers, assign_ids, cluster_slug, signature_key
from claimgraph.store.models import DocumentRow, EntityRow
from claimgraph.store.resolution import (
    block_members,
    block_representatives,
    block_signatures_all,
    block_sizes,
    canonical_ids_of,
    clear_pending,
    cluster_member_counts,
    cluster_signatures,
    clusters_with_slugs,
    count_documents,
    entities_by_member_keys,
    entity_ids_by_member_key,
    index_keys,
    load_decisions,
    load_records,
    lock_state,
    needs_resolution,
    pending_documents,
    replace_clusters,
    save_clusters,
    set_full_needed,
    signature_followers,
    signature_followers_exact,
    signature_member_ids,
    signature_representative,
    signature_size,
    signature_sizes,
    signatures_of,
    write_index,
)
from claimgraph.store.resolution_models import CanonicalEntityRow, ResolutionLinkRow

RefLookup = Callable[[EntityRecord], Sequence[str]]
FULL_ABOVE = 0.3  # pending share of all documents above which a full rebuild is cheaper than regions


@dataclass
class ResolveSummary:
    """What a resolution run did and, when counted (`counts`), the size of the network after it: counting
    reads whole tables, so the runs that every ingest and command make leave the counts out (None)."""

    entities: int | None
    canonical: int | None
    merged: int | None  # canonical entities with members from more than one document
    decisions: int | None
    edges: int | None
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


def _summary(session: Session, mode: str, region: int = 0, refreshed: int = 0, counts: bool = True) -> ResolveSummary:
    if not counts:
        return ResolveSummary(None, None, None, None, None, {}, mode, region, refreshed)

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
    # the documents this run resolves: read before the entities, so a document another process commits while this
    # run works (PostgreSQL reads each statement afresh) stays pending for that process's own run
    pending = pending_documents(session)
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
    clear_pending(session, pending)
    set_full_needed(session, False)
    return _summary(session, "full", len(records))


def decision_entities(session: Session, decision: Decision) -> tuple[set[int], set[int]]:
    """(entities the decision's member keys name, entities named as typed)."""
    by_key = entities_by_member_keys(session, [*decision.keys_a, *decision.keys_b, decision.a,
                                               *([decision.b] if decision.b else [])])
    by_name: set[int] = set()
    for typed in (decision.a, decision.b):
        if typed and normalise_name(typed):
            by_name.update(pk for pk, _ in block_members(session, "name", normalise_name(typed)))
    return by_key, by_name


class _Region:
    """The closure of some entities under "clustering could link them", by signature. Entities with the same
    signature (type, names, references) are clustered through their representative (the smallest member key)
    alone, so the region holds signatures, searched from their representatives: blocks shared with another
    representative that the block's rule matches (every signature of an exact block), every signature of a
    block that has just grown too large (its pairs vanish), and everything an analyst decision names.
    Representatives, the new entities and those a decision picks by document are clustered as records; the
    other entities of each signature are only summarised (`Followers`), so a state named in thousands of
    documents costs a few aggregate queries, not thousands of records."""

    def __init__(self, session: Session, lookup_refs: RefLookup | None, new: Sequence[EntityRecord]) -> None:
        self.session, self.lookup_refs = session, lookup_refs
        self.new_ids = {r.extra["pk"] for r in new}
        self.records: dict[int, EntityRecord] = {}  # clustered as records
        self.reps: dict[str, EntityRecord] = {}  # signature -> representative
        self.full: set[str] = set()  # signatures clustered with every entity (their representative changed)
        self.expanded: set[str] = set()
        self.too_large: set[tuple[str, str]] = set()
        self.blocks: dict[tuple[str, str], dict[str, int] | None] = {}
        self.new_in_block: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # new entities by signature
        self.new_by_sig: dict[str, list[EntityRecord]] = defaultdict(list)
        self.split_out: set[int] = set()  # entities a split decision takes out of their signature's cluster
        self.old_member: dict[str, int | None] = {}  # signature led by a new entity -> one of its stored entities
        for r in new:
            sig = signature_key(r)
            self.new_by_sig[sig].append(r)
            for key in index_keys(r):
                self.new_in_block[key][sig] += 1

    def _load(self, ids: Collection[int]) -> list[EntityRecord]:
        return _augment(load_records(self.session, entity_ids=ids), self.lookup_refs) if ids else []

    def add_signatures(self, sigs: Collection[str]) -> None:
        wanted = [s for s in dict.fromkeys(sigs) if s not in self.reps]
        rep_ids = {}
        for sig in wanted:
            pk = signature_representative(self.session, sig)
            if pk is not None:
                rep_ids[sig] = pk
        loaded = {r.extra["pk"]: r for r in self._load(set(rep_ids.values()) - self.records.keys())}
        for sig, pk in rep_ids.items():
            rep = self.records.get(pk) or loaded[pk]
            self.reps[sig] = rep
            self.records[pk] = rep
            news = self.new_by_sig.get(sig, [])
            for r in news:
                self.records[r.extra["pk"]] = r
            if pk in self.new_ids and signature_size(self.session, sig) > len(news):
                self.full.add(sig)  # a new entity leads an old signature: its old links all change
                members = set(signature_member_ids(self.session, sig))
                self.old_member[sig] = min(members - self.new_ids, default=None)
                for r in self._load(members - self.records.keys()):
                    self.records[r.extra["pk"]] = r

    def grow(self, decisions: Sequence[Decision], seeds: Collection[str] = ()) -> list[EntityRecord]:
        """The region from the new entities and the `seeds` signatures, closed; its records."""
        self.add_signatures([*self.new_by_sig, *seeds])
        touch = [self._decision_signatures(d) for d in decisions]
        seen_clusters: set[str] = set()
        while True:
            todo = [sig for sig in self.reps if sig not in self.expanded]
            if todo:
                self.expanded.update(todo)
                self.add_signatures(self._step([self.reps[sig] for sig in todo]))
                continue
            missing = set()
            for sigs in touch:
                if sigs & self.reps.keys():
                    missing |= sigs - self.reps.keys()
            if not missing:
                # every cluster the region rewrites is rewritten whole: its other signatures join the region
                owners = canonical_ids_of(self.session, self.records.keys())
                clusters = {c for c in owners.values() if c}
                partial = self._partial_clusters(clusters - seen_clusters, owners, decisions)
                missing = cluster_signatures(self.session, partial) - self.reps.keys()
                seen_clusters |= clusters
            if not missing:
                break
            self.add_signatures(missing)
        self._add_decision_records(decisions)
        return list(self.records.values())

    def _partial_clusters(self, clusters: set[str], owners: Mapping[int, str | None],
                          decisions: Sequence[Decision]) -> set[str]:
        """Those of `clusters` that may have members whose signature is not in the region. Without split
        decisions every stored entity of a signature is in one cluster (signature mates are always joined),
        so a cluster is whole when the stored entities of the region's signatures in it are as many as its
        members; counting that way reads a hub as its signatures, not its thousands of members. The clusters
        that fail the count (or all, with a split decision) are read member by member."""
        if not clusters or any(d.kind == "split" for d in decisions):
            return clusters
        sizes = signature_sizes(self.session, self.reps.keys())
        counted: Counter[str] = Counter()
        for sig, rep in self.reps.items():
            stored = sizes.get(sig, 0) - len(self.new_by_sig.get(sig, ()))
            if stored <= 0:
                continue
            owner = owners.get(self.old_member.get(sig, rep.extra["pk"]))
            if owner is None:  # a stored entity without a cluster: count nothing, read the clusters
                return clusters
            counted[owner] += stored
        members = cluster_member_counts(self.session, clusters)
        return {c for c in clusters if members.get(c) != counted[c]}

    def _step(self, reps: Sequence[EntityRecord]) -> set[str]:
        """Signatures outside the region whose representative shares a linking block with one of `reps`."""
        found: set[str] = set()
        to_check: list[tuple[EntityRecord, str, dict[str, int]]] = []
        for record in reps:
            for kind, key in index_keys(record):
                if kind in ("name", "sig"):
                    continue
                if kind in UNLIMITED_KINDS:
                    found.update(block_signatures_all(self.session, kind, key))
                    continue
                members = self._block(kind, key)
                if members is None:
                    continue
                if (kind, key) in self.too_large:
                    found.update(members)  # grown too large just now: every signature in it
                else:
                    to_check.append((record, kind, members))
        wanted = {pk for _, _, members in to_check for sig, pk in members.items() if sig not in self.reps}
        loaded = {r.extra["pk"]: r for r in self._load(wanted - self.records.keys())}
        for record, kind, members in to_check:
            for sig, pk in members.items():
                if sig in self.reps or sig in found:
                    continue
                other = self.records.get(pk) or loaded.get(pk)
                if other is not None and may_link(record, other, kind):
                    found.add(sig)
        return found - self.reps.keys()

    def _block(self, kind: str, key: str) -> dict[str, int] | None:
        """Representatives of a limited block by signature, or None when it makes no pairs (too large before)."""
        if (kind, key) not in self.blocks:
            new = self.new_in_block.get((kind, key), Counter())
            sizes = block_sizes(self.session, kind, key, MAX_BLOCK + 1 + len(new))
            old = {sig for sig, n in sizes.items() if n > new[sig]}  # signatures with entities stored before
            if len(old) > MAX_BLOCK:  # too large before: it links nothing, now as then
                self.too_large.add((kind, key))
                self.blocks[(kind, key)] = None
            else:
                if len(old | new.keys()) > MAX_BLOCK:
                    self.too_large.add((kind, key))  # has just grown too large: its old pairs vanish
                self.blocks[(kind, key)] = block_representatives(self.session, kind, key)
        return self.blocks[(kind, key)]

    def _decision_entities(self, decision: Decision) -> tuple[set[int], set[int]]:
        return decision_entities(self.session, decision)

    def _decision_signatures(self, decision: Decision) -> set[str]:
        by_key, by_name = self._decision_entities(decision)
        return set(signatures_of(self.session, by_key | by_name).values())

    def _add_decision_records(self, decisions: Sequence[Decision]) -> None:
        """Entities a decision picks one by one are clustered as records: those of a split's document, and
        those named as typed when the decision's member keys name nothing any more."""
        wanted: set[int] = set()
        split_out: set[int] = set()
        for d in decisions:
            if d.kind == "split" and d.document_id:
                split_out |= {r.extra["pk"] for r in load_records(self.session, doc_ids=[d.document_id])}
            by_key, by_name = self._decision_entities(d)
            if not by_key:
                wanted |= by_name
        wanted |= split_out
        self.split_out |= split_out
        sigs = signatures_of(self.session, wanted)
        for sig, rep in self.reps.items():
            if rep.extra["pk"] in split_out and sig not in self.full:
                # a split takes the representative out and leaves the rest of its signature behind
                self.full.add(sig)
                wanted |= set(signature_member_ids(self.session, sig))
                sigs.update(dict.fromkeys(signature_member_ids(self.session, sig), sig))
        for r in self._load({pk for pk, sig in sigs.items() if sig in self.reps} - self.records.keys()):
            self.records[r.extra["pk"]] = r

    def followers(self) -> dict[str, Followers]:
        """The summary of each signature's entities not clustered as records: from the signature's aggregates,
        or read from its entities when a split moves one of its records to another cluster."""
        out = {}
        clustered: dict[str, list[EntityRecord]] = defaultdict(list)
        for r in self.records.values():
            clustered[signature_key(r)].append(r)
        for sig in self.reps:
            if sig in self.full:
                continue
            if any(r.extra["pk"] in self.split_out for r in clustered[sig]):
                summary = signature_followers_exact(self.session, sig, {r.extra["pk"] for r in clustered[sig]})
            else:
                summary = signature_followers(self.session, sig, clustered[sig])
            if summary is not None:
                out[sig] = summary
        return out

    def decisions_for_region(self, decisions: Sequence[Decision]) -> list[Decision]:
        """Decisions whose member keys name left-out entities also name those entities' representatives (the
        clusters they follow), so a decision finds the same clusters as in a full run."""
        keys = {k for d in decisions for k in (*d.keys_a, *d.keys_b)} - {r.key for r in self.records.values()}
        if not keys:
            return list(decisions)
        pk_of = entity_ids_by_member_key(self.session, keys)
        sig_of = signatures_of(self.session, set(pk_of.values()))
        rep_key = {key: self.reps[sig_of[pk]].key for key, pk in pk_of.items()
                   if sig_of.get(pk) in self.reps}

        def extend(keys_: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys([*keys_, *(rep_key[k] for k in keys_ if k in rep_key)]))

        return [replace(d, keys_a=extend(d.keys_a), keys_b=extend(d.keys_b)) for d in decisions]


def _renames(old: dict[str, tuple[str, int, str]], new_ids: dict[str, str]) -> list[tuple[str, str]]:
    """(old id, new id) of untouched clusters whose id changes, each id freed before it is taken."""
    moves = [(o, new_ids[o]) for o in old if new_ids[o] != o]
    return sorted(moves, key=lambda m: m[1] == old[m[0]][0])  # demotions (new id has a digest) first


def resolve_documents(session: Session, doc_ids: Collection[str],
                      lookup_refs: RefLookup | None = None, *, counts: bool = True) -> ResolveSummary:
    """Incremental run for documents stored since the last resolution. The caller commits."""
    if lock_state(session):
        return resolve_network(session, lookup_refs)
    return _resolve_region(session, doc_ids, lookup_refs, counts=counts)


def resolve_decision(session: Session, decision: Decision, lookup_refs: RefLookup | None = None) -> ResolveSummary:
    """Apply an analyst decision just recorded, incrementally: the region grows from the entities it names
    (and from documents awaiting resolution, if any), and every recorded decision is replayed on it, so the
    network is the one a full rebuild gives. The caller commits."""
    if lock_state(session):
        return resolve_network(session, lookup_refs)
    pending = pending_documents(session)
    if pending and _mostly_new(session, len(pending)):
        return resolve_network(session, lookup_refs)
    by_key, by_name = decision_entities(session, decision)
    seeds = set(signatures_of(session, by_key | by_name).values())
    return _resolve_region(session, pending, lookup_refs, seeds=seeds)


def _resolve_region(session: Session, doc_ids: Collection[str], lookup_refs: RefLookup | None, *,
                    seeds: Collection[str] = (), counts: bool = True) -> ResolveSummary:
    """Re-cluster the region of the new documents' entities and of the `seeds` signatures; replace its
    canonical rows and regrade the edges whose claims changed owner."""
    new = _augment(load_records(session, doc_ids=doc_ids), lookup_refs)
    write_index(session, new)
    decisions = load_decisions(session)
    region = _Region(session, lookup_refs, new)
    records = region.grow(decisions, seeds)
    followers = region.followers()
    old_cid = canonical_ids_of(session, [r.extra["pk"] for r in records])
    old_ids = {c for c in old_cid.values() if c}
    clusters = resolve_entities(records, region.decisions_for_region(decisions), too_large=region.too_large,
                                followers=followers)
    old_slugs = set(session.scalars(select(CanonicalEntityRow.slug).where(CanonicalEntityRow.id.in_(old_ids))))
    slugs = {cluster_slug(c.name) for c in clusters} | old_slugs
    others = clusters_with_slugs(session, slugs, old_ids)
    triples = [(cluster_slug(c.name), c.size, c.members[0].key) for c in clusters]
    ids = assign_ids([*triples, *[(slug, n, first) for _, slug, n, first in others]])
    for cluster, cid in zip(clusters, ids, strict=False):
        cluster.id = cid
    renamed = _renames({cid: (slug, n, first) for cid, slug, n, first in others},
                       {cid: ids[len(clusters) + i] for i, (cid, *_rest) in enumerate(others)})
    new_cid = {m.extra["pk"]: c.id for c in clusters for m in c.members}
    moved = [pk for pk in new_cid if pk not in region.new_ids and old_cid.get(pk) != new_cid[pk]]
    follower_moves = []
    for sig in followers:
        rep = region.reps[sig]
        old, now = old_cid.get(rep.extra["pk"]), new_cid[rep.extra["pk"]]
        if old and old != now:
            follower_moves.append((sig, old, now, rep.key))
            moved.extend(pk for pk in signature_member_ids(session, sig) if pk not in new_cid)
    # which canonical entities changed owner of existing claims: their edges are graded again
    dirty = {old_cid[pk] for pk in moved if old_cid.get(pk)} | {new_cid[pk] for pk in moved if pk in new_cid}
    dirty |= {x for m in follower_moves for x in m[1:3]} | {x for pair in renamed for x in pair}
    keys: set[EdgeKey] = stored_edge_keys(session, dirty)
    n_documents, uncounted = _document_counts(session, clusters, old_cid, region.new_ids)
    # how many edges touched every id whose row is rewritten or renamed, read before the rows change
    rewritten = {c.id for c in clusters} | old_ids | {x for pair in renamed for x in pair}
    degrees = dict.fromkeys(rewritten, 0) | canonical_degrees(session, rewritten)
    replace_clusters(session, old_ids, clusters, renamed, follower_moves, n_documents)
    count_documents(session, uncounted)
    keys |= _edge_keys(claims_touching(session, sorted(dirty)))
    keys |= _edge_keys(claims_in_documents(session, doc_ids))
    keys |= _edge_keys(claims_with_sources(session, moved))
    refreshed = refresh_edges(session, keys, degrees)
    clear_pending(session, doc_ids)
    return _summary(session, "incremental", len(records), refreshed, counts)


def _document_counts(session: Session, clusters: Sequence[Cluster], old_cid: dict[int, str | None],
                     new_ids: Collection[int]) -> tuple[dict[str, int], list[str]]:
    """Documents naming each cluster, where it is known without counting: a cluster read whole (no followers)
    from its members, and a cluster that is one former cluster plus new documents' entities from the former
    count plus those documents (they are new, so none was counted before). The rest must be counted."""
    former = [{old_cid.get(m.extra["pk"]) for m in c.members if m.extra["pk"] not in new_ids} for c in clusters]
    owners: dict[str | None, int] = defaultdict(int)  # former cluster -> how many clusters hold its members now
    for olds in former:
        for old in olds:
            owners[old] += 1
    whole = {i: next(iter(olds)) for i, olds in enumerate(former)
             if clusters[i].followers and len(olds) == 1 and None not in olds and owners[next(iter(olds))] == 1}
    stored = dict(session.execute(select(CanonicalEntityRow.id, CanonicalEntityRow.n_documents)
                                  .where(CanonicalEntityRow.id.in_(sorted(set(whole.values()))))).all())
    known: dict[str, int] = {}
    uncounted: list[str] = []
    for i, c in enumerate(clusters):
        if not c.followers:
            known[c.id] = len(c.documents)
        elif whole.get(i) in stored:
            known[c.id] = stored[whole[i]] + len({m.document_id for m in c.members if m.extra["pk"] in new_ids})
        else:
            uncounted.append(c.id)
    return known, uncounted


def _edge_keys(claims: Sequence[ClaimView]) -> set[EdgeKey]:
    return {c.edge_key for c in claims if c.subject != c.object}


def _mostly_new(session: Session, pending: int) -> bool:
    """Whether the pending documents are more than FULL_ABOVE of all, counting no further than needed."""
    limit = int(pending / FULL_ABOVE) + 1
    seen = session.scalar(select(func.count()).select_from(select(DocumentRow.id).limit(limit).subquery())) or 0
    return pending > FULL_ABOVE * seen


def resolve_pending(session: Session, lookup_refs: RefLookup | None = None,
                    progress: Progress | None = None, *, counts: bool = True) -> ResolveSummary:
    """Resolve what awaits resolution: incrementally, or in full when asked for or when most of the store is
    new. The caller commits."""
    pending = pending_documents(session)
    if not pending and not needs_resolution(session):
        return _summary(session, "none", counts=counts)
    has_network = session.scalar(select(EntityRow.id).where(EntityRow.canonical_id.is_not(None)).limit(1))
    if has_network is None or _mostly_new(session, len(pending)):
        return resolve_network(session, lookup_refs, progress)
    return resolve_documents(session, pending, lookup_refs, counts=counts)


def resolve_store(engine: Engine, lookup_refs: RefLookup | None | bool = True, *,
                  full: bool = False, counts: bool = True) -> ResolveSummary:
    """Resolve what awaits resolution (or everything, `full`) in its own transaction; lookup_refs True means
    the configured sanctions list."""
    lookup = default_ref_lookup() if lookup_refs is True else (lookup_refs or None)
    with Session(engine) as session, session.begin():
        return resolve_network(session, lookup) if full else resolve_pending(session, lookup, counts=counts)


def finish_pending(engine: Engine, lookup_refs: RefLookup | None | bool = True) -> ResolveSummary | None:
    """What every command does on opening the store: finish a resolution an earlier process did not (without
    counting the network afterwards)."""
    with Session(engine) as session:
        if not needs_resolution(session):
            return None
    return resolve_store(engine, lookup_refs, counts=False)

