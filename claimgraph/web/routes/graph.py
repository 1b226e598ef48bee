"""Graph explorer (filters, click-to-expand) and the path finder with evidence per hop."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from claimgraph.analysis import find_paths
from claimgraph.web.contexts import expand_context, graph_context
from claimgraph.web.deps import SessionDep, is_htmx, respond

router = APIRouter()


@dataclass
class PathsContext:
    a: str
    b: str
    max_hops: int
    result: dict | None

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "max_hops": self.max_hops, "result": self.result}


def _graph(request: Request, session: SessionDep, api: bool, relation: list[str], min_certainty: str | None,
           max_grade: int | None, claimant: str | None, publication: str | None, date_from: str | None,
           date_to: str | None) -> Response:
    ctx = graph_context(session, relation, min_certainty or None, max_grade, claimant or None, publication or None,
                        date_from or None, date_to or None)
    return respond(request, "graph.html", ctx, api=api)


@router.get("/graph", include_in_schema=False)
def graph_page(request: Request, session: SessionDep, relation: list[str] = Query(default=[]),
               min_certainty: str | None = None, max_grade: int | None = Query(None, ge=1, le=6),
               claimant: str | None = None, publication: str | None = None, date_from: str | None = None,
               date_to: str | None = None) -> Response:
    return _graph(request, session, False, relation, min_certainty, max_grade, claimant, publication, date_from,
                  date_to)


@router.get("/api/v1/graph", tags=["graph"])
def graph_api(request: Request, session: SessionDep, relation: list[str] = Query(default=[]),
              min_certainty: str | None = None, max_grade: int | None = Query(None, ge=1, le=6),
              claimant: str | None = None, publication: str | None = None, date_from: str | None = None,
              date_to: str | None = None) -> Response:
    """The filtered network as Cytoscape nodes and edges (the best-connected few hundred nodes)."""
    return _graph(request, session, True, relation, min_certainty, max_grade, claimant, publication, date_from,
                  date_to)


@router.get("/api/v1/graph/expand", tags=["graph"])
def expand_api(request: Request, session: SessionDep, id: str, depth: int = Query(1, ge=1, le=3)) -> Response:
    """One entity's neighbourhood as Cytoscape elements (click to expand a node)."""
    return respond(request, "graph.html", expand_context(session, id, depth), api=True)


def _paths(request: Request, session: SessionDep, api: bool, a: str, b: str, max_hops: int,
           min_certainty: str | None) -> Response:
    result = find_paths(session, a, b, max_hops=max_hops, min_certainty=min_certainty or None).to_json() \
        if a and b else None
    ctx = PathsContext(a, b, max_hops, result)
    if api:
        return respond(request, "paths.html", ctx, api=True)
    return respond(request, "_paths.html" if is_htmx(request) else "paths.html", ctx)


@router.get("/paths", include_in_schema=False)
def paths_page(request: Request, session: SessionDep, a: str = "", b: str = "",
               max_hops: int = Query(3, ge=1, le=5), min_certainty: str | None = None) -> Response:
    return _paths(request, session, False, a, b, max_hops, min_certainty)


@router.get("/api/v1/paths", tags=["graph"])
def paths_api(request: Request, session: SessionDep, a: str = "", b: str = "",
              max_hops: int = Query(3, ge=1, le=5), min_certainty: str | None = None) -> Response:
    """Up to three shortest paths between two entities, each hop with its edges and their claims."""
    return _paths(request, session, True, a, b, max_hops, min_certainty)
