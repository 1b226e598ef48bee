"""Fill an ExportNetwork from the store: the analysis API for the graph, edges and claims; plain store queries
only for what analysis does not return (documents, events with their place, which documents name an entity).

Scope: the whole network, or the neighbourhood of one entity (`depth` hops over affirmed edges, either
direction), and only edges graded `min_grade` or better (1 is best). A scoped export keeps the edges among the
entities reached, including edges that only denials support, and the events those entities took part in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import networkx as nx
from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis import GraphFilter, find_entity, load_graph
from claimgraph.analysis.claims import AUTHOR, ClaimView, all_claims, claims_touching
from claimgraph.analysis.entities import entity_names
from claimgraph.analysis.shapes import json_list
from claimgraph.errors import QueryError
from claimgraph.exports.network import (
    ExportClaim,
    ExportDocument,
    ExportEdge,
    ExportEvent,
    ExportNetwork,
    ExportNode,
    ExportParticipant,
)

DEFAULT_DEPTH = 1
_CHUNK = 500


def _chunks(ids: Sequence, size: int = _CHUNK) -> Iterable[tuple[str, dict]]:
    for start in range(0, len(ids), size):
        part = ids[start:start + size]
        yield ", ".join(f":i{n}" for n in range(len(part))), {f"i{n}": v for n, v in enumerate(part)}


def _scope(graph: nx.MultiDiGraph, center: str, depth: int) -> set[str]:
    """Entities within `depth` hops of `center` over affirmed edges, in either direction."""
    affirmed = nx.Graph()
    affirmed.add_node(center)
    affirmed.add_edges_from((s, o) for s, o, data in graph.edges(data=True) if data.get("n_sources", 0) > 0)
    return set(nx.single_source_shortest_path_length(affirmed, center, cutoff=depth))


def _edge_dates(session: Session) -> dict[tuple[str, str, str], tuple[str | None, str | None]]:
    rows = session.execute(text("SELECT subject_id, relation, object_id, first_date, last_date FROM edges"))
    return {(s, r, o): (first, last) for s, r, o, first, last in rows}


def _claim(view: ClaimView, names: dict[str, str]) -> ExportClaim:
    source = AUTHOR if view.source == AUTHOR else names.get(view.source, view.source)
    return ExportClaim(view.document_id, view.subject, view.relation, view.object, source,
                       None if view.source == AUTHOR else view.source, view.certainty, view.polarity, view.evidence,
                       view.evidence_start, view.evidence_end, date=view.date, published=view.published,
                       rule=view.rule, review=view.review)


def _node_documents(session: Session, node_ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for names, params in _chunks(list(node_ids)):
        sql = (f"SELECT DISTINCT canonical_id, doc_id FROM entities WHERE canonical_id IN ({names}) "
               "ORDER BY canonical_id, doc_id")
        for cid, doc in session.execute(text(sql), params):
            out.setdefault(cid, []).append(doc)
    return out


def _documents(session: Session, doc_ids: Iterable[str]) -> list[ExportDocument]:
    wanted = sorted(set(doc_ids))
    out = []
    for names, params in _chunks(wanted):
        sql = ("SELECT id, title, source, url, publication, published, authors, text FROM documents "
               f"WHERE id IN ({names})")
        for doc_id, title, source, url, publication, published, authors, body in session.execute(text(sql), params):
            digest = hashlib.sha256(body.encode("utf-8")).hexdigest() if body is not None else None
            out.append(ExportDocument(doc_id, title, source, url, publication, published, json_list(authors),
                                      text_sha256=digest))
    return sorted(out, key=lambda d: (d.published or "", d.id))


_EVENTS_SQL = """
SELECT ev.id, ev.doc_id, ev.type, ev.subtype, ev.date, loc.canonical_id, ev.killed, ev.wounded, ev.arrested,
       ev.weapons, src.canonical_id, ev.certainty, ev.evidence_text, ev.evidence_start, ev.evidence_end
FROM events ev
LEFT JOIN entities loc ON loc.id = ev.location_id
LEFT JOIN entities src ON src.id = ev.source_id
ORDER BY ev.doc_id, ev.evidence_start, ev.id
"""
_PARTICIPANTS_SQL = """
SELECT p.event_id, p.role, e.canonical_id FROM event_participants p JOIN entities e ON e.id = p.entity_id
ORDER BY p.event_id, p.id
"""


def _events(session: Session, node_ids: set[str] | None, names: dict[str, str]) -> list[ExportEvent]:
    """Events with canonical participants; with `node_ids`, only events touching them, participants and place
    limited to them."""
    parts: dict[int, list[ExportParticipant]] = {}
    for event_id, role, cid in session.execute(text(_PARTICIPANTS_SQL)):
        if cid is not None and (node_ids is None or cid in node_ids):
            parts.setdefault(event_id, []).append(ExportParticipant(role, cid))
    out = []
    for (eid, doc, type_, subtype, date, loc, killed, wounded, arrested, weapons, src, certainty, evidence, start,
         end) in session.execute(text(_EVENTS_SQL)):
        if node_ids is not None:
            loc = loc if loc in node_ids else None
            if not parts.get(eid) and loc is None:
                continue
        source = names.get(src, src) if src else AUTHOR
        out.append(ExportEvent(doc, type_, evidence, start, end, subtype=subtype, date=date, location=loc,
                               participants=parts.get(eid, []), killed=killed, wounded=wounded, arrested=arrested,
                               weapons=json_list(weapons), source=source, certainty=certainty))
    return out


def network_from_store(session: Session, entity: str | None = None, depth: int | None = None,
                       min_grade: int | None = None,
                       edges: Iterable[tuple[str, str, str]] | None = None) -> ExportNetwork:
    """The network (or one entity's neighbourhood, or exactly the `edges` given as (subject, relation, object):
    what a graph view shows) as exporters see it. QueryError for an unknown entity or a bad depth or grade."""
    if min_grade is not None and not 1 <= min_grade <= 6:
        raise QueryError(f"grade must be 1 (confirmed) to 6 (cannot be judged), not {min_grade}", code="E502")
    if depth is not None and depth < 1:
        raise QueryError("depth must be at least 1", code="E502")
    graph = load_graph(session, GraphFilter(max_grade=min_grade, include_denied=True))
    scoped = entity is not None or min_grade is not None or edges is not None
    if edges is not None:
        graph = graph.edge_subgraph((s, o, rel) for s, rel, o in edges if graph.has_edge(s, o, rel)).copy()
    elif entity is not None:
        center = find_entity(session, entity).id
        keep = _scope(graph, center, depth or DEFAULT_DEPTH)
        graph = graph.subgraph(keep).copy()
    elif min_grade is not None:
        graph = graph.subgraph([n for n in graph if graph.degree(n) > 0]).copy()
    edge_keys = {(s, key, o) for s, o, key in graph.edges(keys=True)}
    node_ids = sorted(graph.nodes)
    rows = entity_names(session, node_ids)
    views = claims_touching(session, node_ids) if scoped else all_claims(session)
    views = [v for v in views if v.edge_key in edge_keys]
    source_rows = entity_names(session, {v.source for v in views if v.source != AUTHOR} - set(rows))
    names = {cid: r.name for cid, r in {**rows, **source_rows}.items()}
    by_edge: dict[tuple[str, str, str], list[ExportClaim]] = {}
    for view in views:
        by_edge.setdefault(view.edge_key, []).append(_claim(view, names))
    dates = _edge_dates(session)
    edges = []
    for s, o, rel, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        first, last = dates.get((s, rel, o), (None, None))
        edges.append(ExportEdge(s, rel, o, by_edge.get((s, rel, o), []), corroboration=data["n_sources"],
                                denials=data["n_denials"], grade=data["grade"], contradiction=data["contradiction"],
                                first_date=first, last_date=last))
    node_docs = _node_documents(session, node_ids)
    nodes = [ExportNode(cid, rows[cid].name, rows[cid].type, list(rows[cid].aliases or []),
                        list(rows[cid].refs or []), node_docs.get(cid, [])) for cid in node_ids if cid in rows]
    events = _events(session, set(node_ids) if scoped else None, names)
    doc_ids = {d for n in nodes for d in n.documents} | {c.document_id for e in edges for c in e.claims}
    doc_ids |= {e.document_id for e in events}
    return ExportNetwork(nodes, edges, _documents(session, doc_ids), events)


__all__ = ["network_from_store"]
