"""Paths and neighbourhoods, found by expanding frontiers through the indexed `edges` table in SQL.

Only the entities within reach are read: `find_paths` grows the frontier of whichever end has fewer open nodes
until the two hop budgets add up to `max_hops`, keeps the nodes whose distances to both ends add up to at most
`max_hops`, and runs Yen's k-shortest simple paths (networkx) on that small graph. Direction is ignored for
reachability ("A member_of X, B member_of X" links A and B) and kept in every hop's evidence.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass, field

import networkx as nx
from sqlalchemy.orm import Session

from claimgraph.analysis.claims import CERTAINTY_RANK, NOT_REJECTED, claims_for_edges, fetch_rows
from claimgraph.analysis.entities import entity_names, find_entity
from claimgraph.analysis.views import EdgeOut, Namer, edges_out
from claimgraph.errors import QueryError

DEFAULT_MAX_HOPS = 3
DEFAULT_K = 3
MAX_FRONTIER = 20_000  # stop expanding beyond this many entities; a hub-heavy network stays answerable

Edge = tuple[str, str, str]


@dataclass
class EdgeFilter:
    min_certainty: str | None = None
    relations: Sequence[str] | None = None
    source: str | None = None  # a publication name or a claimant (any name of the entity), case-insensitive
    max_grade: int | None = None  # the worst grade kept (1 confirmed ... 6 cannot be judged)
    only: Set[Edge] | None = None  # keep only these edge keys (what a claim filter let through)


def _in_list(prefix: str, values: Sequence[str]) -> tuple[str, dict]:
    names = ", ".join(f":{prefix}{i}" for i in range(len(values)))
    return names, {f"{prefix}{i}": v for i, v in enumerate(values)}


def _source_clause(session: Session, source: str) -> tuple[str, dict]:
    """Edges with at least one affirming claim from `source` (publication or claimant)."""
    try:
        claimant = find_entity(session, source).id
    except QueryError:
        claimant = None
    cond = "lower(d.publication) = lower(:src)"
    params: dict = {"src": source}
    if claimant:
        cond += " OR sc.canonical_id = :src_id"
        params["src_id"] = claimant
    if source.casefold() == "author":
        cond += " OR c.source_id IS NULL"
    sql = ("EXISTS (SELECT 1 FROM claims c JOIN entities s ON s.id = c.subject_id "
           "JOIN entities o ON o.id = c.object_id JOIN documents d ON d.id = c.doc_id "
           "LEFT JOIN entities sc ON sc.id = c.source_id "
           f"WHERE c.polarity = 'positive' AND {NOT_REJECTED} AND c.relation = edges.relation AND ("
           "(s.canonical_id = edges.subject_id AND o.canonical_id = edges.object_id) OR "
           "(s.canonical_id = edges.object_id AND o.canonical_id = edges.subject_id)) "
           f"AND ({cond}))")
    return sql, params


def _filters(session: Session, f: EdgeFilter) -> tuple[list[str], dict]:
    where, params = ["n_sources > 0"], {}
    if f.min_certainty:
        where.append("max_certainty >= :mc")
        params["mc"] = CERTAINTY_RANK[f.min_certainty]
    if f.max_grade:
        where.append("grade <= :mg")
        params["mg"] = f.max_grade
    if f.relations:
        names, p = _in_list("r", list(f.relations))
        where.append(f"relation IN ({names})")
        params.update(p)
    if f.source:
        clause, p = _source_clause(session, f.source)
        where.append(clause)
        params.update(p)
    return where, params


def expand(session: Session, frontier: Iterable[str], f: EdgeFilter,
           landing: set[str] | None = None) -> dict[Edge, int]:
    """Every edge touching the frontier that passes the filter, with its grade (two index lookups per batch);
    with `landing`, only edges whose other end is in that set (the last step of a meet-in-the-middle)."""
    frontier = list(frontier)
    where, params = _filters(session, f)
    small_landing = landing is not None and len(landing) <= 500
    if small_landing:
        names, p = _in_list("l", sorted(landing))
        params.update(p)
    out: dict[Edge, int] = {}
    for start in range(0, len(frontier), 500):
        names_f, p = _in_list("n", frontier[start:start + 500])
        for column, other in (("subject_id", "object_id"), ("object_id", "subject_id")):
            extra = f" AND {other} IN ({names})" if small_landing else ""
            sql = (f"SELECT subject_id, relation, object_id, grade FROM edges WHERE {column} IN ({names_f}) AND "
                   + " AND ".join(where) + extra)
            for s, rel, o, grade in fetch_rows(session, sql, {**params, **p}):
                if f.only is not None and (s, rel, o) not in f.only:
                    continue
                if landing is None or (o if column == "subject_id" else s) in landing:
                    out[(s, rel, o)] = grade
    return out


def _cost(session: Session, frontier: list[str]) -> int:
    """How many edge rows expanding this frontier would read (stored degrees)."""
    total = 0
    for start in range(0, len(frontier), 500):
        names, p = _in_list("n", frontier[start:start + 500])
        total += fetch_rows(session, f"SELECT coalesce(sum(degree), 0) FROM canonical_entities WHERE id IN ({names})",
                            p)[0][0]
    return total


def _ball(session: Session, start: str, depth: int, f: EdgeFilter) -> tuple[dict[str, int], dict[Edge, int]]:
    """Distances from `start` up to `depth` hops and the edges seen on the way (with their grades)."""
    dist = {start: 0}
    edges: dict[Edge, int] = {}
    frontier = [start]
    for level in range(1, depth + 1):
        if not frontier or len(dist) > MAX_FRONTIER:
            break
        found = expand(session, frontier, f)
        edges.update(found)
        frontier = _advance(found, dist, level)
    return dist, edges


def _advance(found: Iterable[Edge], dist: dict[str, int], level: int) -> list[str]:
    nxt = []
    for s, _rel, o in found:
        for node in (s, o):
            if node not in dist:
                dist[node] = level
                nxt.append(node)
    return nxt


def _meet(session: Session, a: str, b: str, max_hops: int, f: EdgeFilter) -> dict[Edge, int]:
    """Edges of every path of at most max_hops between a and b. Each step grows the side whose frontier has
    fewer edges to read (so a hub is expanded last, or never); the last step keeps only edges landing in the
    other side's ball. Every edge of such a path touches a node expanded from one side or the other."""
    dist = {a: {a: 0}, b: {b: 0}}
    frontier = {a: [a], b: [b]}
    level = {a: 0, b: 0}
    edges: dict[Edge, int] = {}
    for step in range(max_hops):
        if not frontier[a] or not frontier[b]:
            break
        cost = {side: _cost(session, frontier[side]) for side in (a, b)}
        side = a if cost[a] <= cost[b] else b
        other = b if side == a else a
        last = step == max_hops - 1
        if len(dist[side]) > MAX_FRONTIER:
            break
        found = expand(session, frontier[side], f, landing=set(dist[other]) if last else None)
        edges.update(found)
        level[side] += 1
        frontier[side] = _advance(found, dist[side], level[side])
    return edges


@dataclass
class Hop:
    source_id: str
    source: str
    target_id: str
    target: str
    edges: list[EdgeOut]  # every edge between the two, either direction, with its claims

    def to_json(self) -> dict:
        return {"from_id": self.source_id, "from": self.source, "to_id": self.target_id, "to": self.target,
                "edges": [e.to_json() for e in self.edges]}


@dataclass
class Path:
    nodes: list[str]
    names: list[str]
    hops: list[Hop]

    @property
    def length(self) -> int:
        return len(self.hops)

    def to_json(self) -> dict:
        return {"length": self.length, "nodes": self.nodes, "names": self.names,
                "hops": [h.to_json() for h in self.hops]}


@dataclass
class PathResult:
    source_id: str
    source: str
    target_id: str
    target: str
    max_hops: int
    paths: list[Path] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"from_id": self.source_id, "from": self.source, "to_id": self.target_id, "to": self.target,
                "max_hops": self.max_hops, "paths": [p.to_json() for p in self.paths]}


def find_paths(session: Session, a: str, b: str, max_hops: int = DEFAULT_MAX_HOPS,
               min_certainty: str | None = None, source: str | None = None, k: int = DEFAULT_K,
               relations: Sequence[str] | None = None, edge_filter: EdgeFilter | None = None) -> PathResult:
    """Up to k shortest simple paths from a to b within max_hops, each hop with its edges and their claims;
    `edge_filter`, when given, replaces the filter made of min_certainty, relations and source."""
    if max_hops < 1 or k < 1:
        raise QueryError("max-hops and k must be at least 1", code="E502")
    if min_certainty and min_certainty not in CERTAINTY_RANK:
        raise QueryError(f"unknown certainty {min_certainty!r}", code="E502")
    ra, rb = find_entity(session, a), find_entity(session, b)
    f = edge_filter or EdgeFilter(min_certainty, relations, source)
    result = PathResult(ra.id, ra.name, rb.id, rb.name, max_hops)
    if ra.id == rb.id:
        return result
    found = _meet(session, ra.id, rb.id, max_hops, f)
    whole = nx.Graph()
    relations_between: dict[frozenset[str], list[Edge]] = {}
    for edge in sorted(found):
        s, _rel, o = edge
        whole.add_edge(s, o)
        relations_between.setdefault(frozenset((s, o)), []).append(edge)
    if ra.id not in whole or rb.id not in whole:
        return result
    from_a = nx.single_source_shortest_path_length(whole, ra.id, cutoff=max_hops)
    from_b = nx.single_source_shortest_path_length(whole, rb.id, cutoff=max_hops)
    keep = [n for n in from_a if n in from_b and from_a[n] + from_b[n] <= max_hops]
    graph = whole.subgraph(keep)
    if ra.id not in graph or rb.id not in graph:
        return result
    name = Namer(session)
    try:
        candidates = nx.shortest_simple_paths(graph, ra.id, rb.id)
        chosen = []
        for nodes in itertools.islice(candidates, k):
            if len(nodes) - 1 > max_hops:
                break
            chosen.append(nodes)
    except nx.NetworkXNoPath:
        chosen = []
    name.load(n for nodes in chosen for n in nodes)
    hop_claims: dict[Edge, list] = {}  # claims per edge, read once even when paths share a hop
    for nodes in chosen:
        hops = []
        for x, y in itertools.pairwise(nodes):
            keys = relations_between[frozenset((x, y))]
            missing = [key for key in keys if key not in hop_claims]
            for claim in claims_for_edges(session, missing) if missing else []:
                hop_claims.setdefault(claim.edge_key, []).append(claim)
            for key in missing:
                hop_claims.setdefault(key, [])
            claims = [c for key in keys for c in hop_claims[key]]
            hops.append(Hop(x, name(x), y, name(y), edges_out(session, claims, name, keys)))
        result.paths.append(Path(list(nodes), [name(n) for n in nodes], hops))
    return result


@dataclass
class Neighbour:
    id: str
    name: str
    type: str
    depth: int

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "type": self.type, "depth": self.depth}


@dataclass
class Neighbourhood:
    id: str
    name: str
    depth: int
    neighbours: list[Neighbour]
    edges: list[dict]  # subject, relation, object (ids and names), grade

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "depth": self.depth,
                "neighbours": [n.to_json() for n in self.neighbours], "edges": self.edges}


def neighbours(session: Session, name_or_id: str, depth: int = 1, relations: Sequence[str] | None = None,
               min_certainty: str | None = None, edge_filter: EdgeFilter | None = None) -> Neighbourhood:
    """Entities within `depth` hops (either direction), nearest first, and the edges that reach them;
    `edge_filter`, when given, replaces the filter made of relations and min_certainty."""
    if depth < 1:
        raise QueryError("depth must be at least 1", code="E502")
    row = find_entity(session, name_or_id)
    dist, edges = _ball(session, row.id, depth, edge_filter or EdgeFilter(min_certainty, relations))
    ids = [n for n in dist if n != row.id]
    names = Namer(session)
    names.load(ids + [row.id])
    types = {cid: r.type for cid, r in entity_names(session, ids).items()}
    out = sorted((Neighbour(n, names(n), types.get(n, ""), dist[n]) for n in ids), key=lambda x: (x.depth, x.name))
    edge_list = [{"subject_id": s, "subject": names(s), "relation": rel, "object_id": o, "object": names(o),
                  "grade": grade} for (s, rel, o), grade in sorted(edges.items())]
    return Neighbourhood(row.id, row.name, depth, out, edge_list)
