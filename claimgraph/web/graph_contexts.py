"""The graph explorer's contexts: the filters it was asked for, the filtered network, a node's neighbourhood
under the same filters, one edge with its claims, and the edges on screen for an export.

Every view of the explorer (the first drawing, click-to-expand, the path finder, the export) reads the same
`GraphQuery`, so what an analyst filtered out never comes back through another door.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimgraph.analysis import find_entity, neighbours
from claimgraph.analysis.claims import CERTAINTY_RANK, claims_for_edges, fetch_rows
from claimgraph.analysis.graph import GraphFilter, load_graph
from claimgraph.analysis.graph_filters import ClaimFilter, matching_edge_keys
from claimgraph.analysis.paths import EdgeFilter
from claimgraph.analysis.views import Namer, edges_out
from claimgraph.errors import QueryError
from claimgraph.exports import FORMATS
from claimgraph.store.models import DocumentRow
from claimgraph.types import RELATION_TYPES

MAX_GRAPH_NODES = 300
CERTAINTY_NAMES = {rank: name for name, rank in CERTAINTY_RANK.items()}
Edge = tuple[str, str, str]


@dataclass(frozen=True)
class GraphQuery:
    """The explorer's filters, as the query string carries them."""

    relations: tuple[str, ...] = ()
    min_certainty: str | None = None
    max_grade: int | None = None
    claimant: str | None = None
    publication: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        if self.min_certainty and self.min_certainty not in CERTAINTY_RANK:
            raise QueryError(f"unknown certainty {self.min_certainty!r}", code="E502")
        unknown = [r for r in self.relations if r not in RELATION_TYPES]
        if unknown:
            raise QueryError(f"unknown relation type {unknown[0]!r}", code="E502")

    @property
    def claim_filter(self) -> ClaimFilter:
        return ClaimFilter(claimant=self.claimant, publication=self.publication, date_from=self.date_from,
                           date_to=self.date_to)

    @property
    def active(self) -> bool:
        return bool(self.relations or self.min_certainty or self.max_grade or self.claim_filter.active)

    def passing_keys(self, session: Session) -> set[Edge] | None:
        """Edge keys the claim filters let through (None: no claim filter, every edge passes)."""
        f = self.claim_filter
        return matching_edge_keys(session, f) if f.active else None

    def edge_filter(self, session: Session) -> EdgeFilter:
        """The same filters for the frontier searches (expand, paths)."""
        return EdgeFilter(min_certainty=self.min_certainty, relations=list(self.relations) or None,
                          max_grade=self.max_grade, only=self.passing_keys(session))

    def to_json(self) -> dict:
        return {"relations": list(self.relations), "min_certainty": self.min_certainty, "max_grade": self.max_grade,
                "claimant": self.claimant, "publication": self.publication, "date_from": self.date_from,
                "date_to": self.date_to}

    def params(self) -> list[tuple[str, str]]:
        """The filters as query parameters (what /graph reads), empty ones left out."""
        out = [("relation", r) for r in self.relations]
        for key, value in self.to_json().items():
            if key != "relations" and value not in (None, ""):
                out.append((key, str(value)))
        return out

    @property
    def query(self) -> str:
        return urlencode(self.params())


def graph_query(relations: Sequence[str] | None = None, min_certainty: str | None = None,
                max_grade: int | None = None, claimant: str | None = None, publication: str | None = None,
                date_from: str | None = None, date_to: str | None = None) -> GraphQuery:
    """A GraphQuery from form values: blanks are no filter; QueryError E502 for an unknown relation or certainty."""
    return GraphQuery(tuple(r for r in (relations or []) if r), min_certainty or None, max_grade or None,
                      (claimant or "").strip() or None, publication or None, (date_from or "").strip() or None,
                      (date_to or "").strip() or None)


@dataclass
class GraphContext:
    filters: dict
    relation_types: list[str]
    publications: list[str]
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    truncated: bool = False
    query: str = ""  # the filters as a query string, for links that keep them (export, path finder)
    formats: tuple[str, ...] = FORMATS

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("formats")
        return data


def _cy_edge(s: str, rel: str, o: str, grade: int, certainty: int | None, n_sources: int, n_denials: int) -> dict:
    """One edge as the explorer draws it: colour by grade, line by the best certainty among its affirmations."""
    return {"id": f"{s}|{rel}|{o}", "source": s, "target": o, "relation": rel, "grade": grade,
            "certainty": CERTAINTY_NAMES.get(certainty or 0, "unknown"), "sources": n_sources, "denials": n_denials}


def _publications(session: Session) -> list[str]:
    return [p for (p,) in session.execute(select(DocumentRow.publication).where(DocumentRow.publication.is_not(None))
                                          .distinct().order_by(DocumentRow.publication))]


def graph_context(session: Session, q: GraphQuery, max_nodes: int = MAX_GRAPH_NODES,
                  expanded: Sequence[str] = ()) -> GraphContext:
    """The network under the filters, as Cytoscape elements; the best-connected `max_nodes` are kept, and the
    neighbourhoods of the `expanded` nodes (under the same filters) are added, as the explorer shows them."""
    ctx = GraphContext(q.to_json(), sorted(RELATION_TYPES), _publications(session), query=q.query)
    graph = load_graph(session, GraphFilter(min_certainty=q.min_certainty, max_grade=q.max_grade,
                                            relations=list(q.relations) or None))
    keep = q.passing_keys(session)
    edges = [(s, o, d) for s, o, d in graph.edges(data=True) if keep is None or (s, d["relation"], o) in keep]
    degree: dict[str, int] = {}
    for s, o, _d in edges:
        degree[s] = degree.get(s, 0) + 1
        degree[o] = degree.get(o, 0) + 1
    chosen = set(sorted(degree, key=lambda n: (-degree[n], n))[:max_nodes])
    ctx.truncated = len(degree) > len(chosen)
    ctx.nodes = [{"id": n, "label": graph.nodes[n].get("name", n), "type": graph.nodes[n].get("type", ""),
                  "degree": degree[n]} for n in sorted(chosen)]
    ctx.edges = [_cy_edge(s, d["relation"], o, d["grade"], d.get("max_certainty"), d["n_sources"], d["n_denials"])
                 for s, o, d in edges if s in chosen and o in chosen]
    for node in expanded:
        _merge(ctx, expand_context(session, node, q))
    return ctx


def _merge(ctx: GraphContext, more: GraphContext) -> None:
    seen_nodes = {n["id"] for n in ctx.nodes}
    seen_edges = {e["id"] for e in ctx.edges}
    ctx.nodes += [n for n in more.nodes if n["id"] not in seen_nodes]
    ctx.edges += [e for e in more.edges if e["id"] not in seen_edges]


def _edge_details(session: Session, keys: Iterable[Edge]) -> dict[Edge, tuple]:
    """(max_certainty, n_sources, n_denials) of each stored edge among keys."""
    wanted = set(keys)
    out: dict[Edge, tuple] = {}
    subjects = sorted({k[0] for k in wanted})
    for start in range(0, len(subjects), 500):
        part = subjects[start:start + 500]
        names = ", ".join(f":s{i}" for i in range(len(part)))
        sql = ("SELECT subject_id, relation, object_id, max_certainty, n_sources, n_denials FROM edges "
               f"WHERE subject_id IN ({names})")
        for s, rel, o, certainty, n_sources, n_denials in fetch_rows(session, sql, {f"s{i}": v for i, v in
                                                                                     enumerate(part)}):
            if (s, rel, o) in wanted:
                out[(s, rel, o)] = (certainty, n_sources, n_denials)
    return out


def expand_context(session: Session, name_or_id: str, q: GraphQuery | None = None, depth: int = 1) -> GraphContext:
    """One entity's neighbourhood under the explorer's filters, as Cytoscape elements (click-to-expand and the
    dossier's small graph)."""
    q = q or GraphQuery()
    hood = neighbours(session, name_or_id, depth=depth, edge_filter=q.edge_filter(session))
    centre = find_entity(session, hood.id)
    ctx = GraphContext({**q.to_json(), "center": hood.id, "depth": depth}, sorted(RELATION_TYPES), [], query=q.query)
    ctx.nodes = [{"id": hood.id, "label": hood.name, "type": centre.type, "degree": len(hood.neighbours)}]
    ctx.nodes += [{"id": n.id, "label": n.name, "type": n.type, "degree": 0} for n in hood.neighbours]
    keys = [(e["subject_id"], e["relation"], e["object_id"]) for e in hood.edges]
    details = _edge_details(session, keys)
    ctx.edges = [_cy_edge(s, rel, o, e["grade"], *details.get((s, rel, o), (None, 0, 0)))
                 for (s, rel, o), e in zip(keys, hood.edges, strict=True)]
    return ctx


@dataclass
class EdgeContext:
    """One edge of the graph with every claim behind it (the explorer's side panel)."""

    edge: dict

    def to_json(self) -> dict:
        return {"edge": self.edge}


def edge_context(session: Session, subject: str, relation: str, obj: str) -> EdgeContext:
    """The stored edge (subject, relation, object) with its grade and claims; QueryError E520 when none."""
    key = (subject, relation, obj)
    found = edges_out(session, claims_for_edges(session, [key]), Namer(session), [key])
    if not found:
        raise QueryError(f"no edge {subject} {relation} {obj}", code="E520")
    return EdgeContext(found[0].to_json())
