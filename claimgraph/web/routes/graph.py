"""Graph explorer (filters, click-to-expand, an edge's claims, export of what is on screen) and the path
finder with evidence per hop; every one of them under the same filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from claimgraph.analysis import find_paths
from claimgraph.exports.from_store import network_from_store
from claimgraph.web.deps import SessionDep, is_htmx, respond
from claimgraph.web.downloads import check_format, export_download
from claimgraph.web.graph_contexts import GraphQuery, edge_context, expand_context, graph_context, graph_query

router = APIRouter()


def _query(relation: list[str] = Query(default=[]), min_certainty: str | None = None,
           max_grade: int | None = Query(None, ge=1, le=6), claimant: str | None = None,
           publication: str | None = None, date_from: str | None = None, date_to: str | None = None) -> GraphQuery:
    return graph_query(relation, min_certainty, max_grade, claimant, publication, date_from, date_to)


Filters = Annotated[GraphQuery, Depends(_query)]
Expanded = Annotated[list[str], Query(description="nodes the analyst expanded (their neighbourhoods are added)")]


@dataclass
class PathsContext:
    a: str
    b: str
    max_hops: int
    result: dict | None
    filters: dict
    query: str  # the explorer's filters as a query string (the form carries them on)

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "max_hops": self.max_hops, "filters": self.filters, "result": self.result}


@router.get("/graph", include_in_schema=False)
def graph_page(request: Request, session: SessionDep, q: Filters) -> Response:
    return respond(request, "graph.html", graph_context(session, q))


@router.get("/api/v1/graph", tags=["graph"])
def graph_api(request: Request, session: SessionDep, q: Filters, expand: Expanded = []) -> Response:  # noqa: B006
    """The filtered network as Cytoscape nodes and edges (the best-connected few hundred nodes), each edge with
    its grade, best certainty and source count; `expand` adds those nodes' neighbourhoods under the filters."""
    return respond(request, "graph.html", graph_context(session, q, expanded=expand), api=True)


@router.get("/api/v1/graph/expand", tags=["graph"])
def expand_api(request: Request, session: SessionDep, id: str, q: Filters,
               depth: int = Query(1, ge=1, le=3)) -> Response:
    """One entity's neighbourhood under the same filters as the graph, as Cytoscape elements."""
    return respond(request, "graph.html", expand_context(session, id, q, depth), api=True)


def _edge(request: Request, session: SessionDep, api: bool, s: str, r: str, o: str) -> Response:
    ctx = edge_context(session, s, r, o)
    if api:
        return respond(request, "edge.html", ctx, api=True)
    return respond(request, "_edge.html" if is_htmx(request) else "edge.html", ctx)


@router.get("/graph/edge", include_in_schema=False)
def edge_page(request: Request, session: SessionDep, s: str, r: str, o: str) -> Response:
    return _edge(request, session, False, s, r, o)


@router.get("/api/v1/graph/edge", tags=["graph"])
def edge_api(request: Request, session: SessionDep, s: str, r: str, o: str) -> Response:
    """One edge (subject id, relation, object id) with its grade and every claim: source, certainty, evidence."""
    return _edge(request, session, True, s, r, o)


@router.get("/graph/export/{fmt}", tags=["graph"])
def graph_export(session: SessionDep, fmt: str, q: Filters, expand: Expanded = []) -> Response:  # noqa: B006
    """What the explorer shows (the filtered graph plus the expanded neighbourhoods) in an export format."""
    check_format(fmt)
    ctx = graph_context(session, q, expanded=expand)
    keys = [(e["source"], e["relation"], e["target"]) for e in ctx.edges]
    stem = "graph-filtered" if q.active or expand else "graph"
    return export_download(network_from_store(session, edges=keys), fmt, stem)


def _paths(request: Request, session: SessionDep, api: bool, a: str, b: str, max_hops: int,
           q: GraphQuery) -> Response:
    result = find_paths(session, a, b, max_hops=max_hops, edge_filter=q.edge_filter(session)).to_json() \
        if a and b else None
    ctx = PathsContext(a, b, max_hops, result, q.to_json(), q.query)
    if api:
        return respond(request, "paths.html", ctx, api=True)
    return respond(request, "_paths.html" if is_htmx(request) else "paths.html", ctx)


@router.get("/paths", include_in_schema=False)
def paths_page(request: Request, session: SessionDep, q: Filters, a: str = "", b: str = "",
               max_hops: int = Query(3, ge=1, le=5)) -> Response:
    return _paths(request, session, False, a, b, max_hops, q)


@router.get("/api/v1/paths", tags=["graph"])
def paths_api(request: Request, session: SessionDep, q: Filters, a: str = "", b: str = "",
              max_hops: int = Query(3, ge=1, le=5)) -> Response:
    """Up to three shortest paths between two entities under the graph's filters, each hop with its edges and
    their claims."""
    return _paths(request, session, True, a, b, max_hops, q)
