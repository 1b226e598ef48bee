"""Typed page contexts: each page and its JSON twin are built from one of these dataclasses.

Builders take a session and plain arguments, read through store queries and the analysis API, and never touch
the request, so they are shared by pages, the /api/v1 twins and the tests.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

from markupsafe import Markup
from sqlalchemy import Text, cast, func, select
from sqlalchemy.orm import Session, defer, selectinload

from claimgraph.analysis import contradictions, dossier, find_entity, timeline
from claimgraph.analysis.incidents import incidents
from claimgraph.analysis.timeline import TIMELINE_TYPES
from claimgraph.analysis.watch import list_watchlists
from claimgraph.errors import QueryError
from claimgraph.exports import FORMATS
from claimgraph.store.models import ClaimRow, DocumentRow, EntityRow, EventRow
from claimgraph.store.queries import find_document
from claimgraph.store.search import HIT_CLOSE, HIT_OPEN, find_documents, find_names, search_terms
from claimgraph.store.stories import also_published
from claimgraph.web.highlight import ClaimMark, MentionMark, highlight


def _doc_meta(row: DocumentRow) -> dict:
    return {"id": row.id, "title": row.title, "subtitle": row.subtitle, "authors": list(row.authors or []),
            "published": row.published, "publication": row.publication, "volume": row.volume, "issue": row.issue,
            "url": row.url, "source": row.source, "kind": row.kind, "dateline_place": row.dateline_place}


@dataclass
class ArchiveContext:
    page: int
    pages: int
    total: int
    year: str | None
    publication: str | None
    author: str | None
    issue: str | None
    years: list[dict]
    publications: list[str]
    documents: list[dict]

    def to_json(self) -> dict:
        return asdict(self)


def archive_context(session: Session, page: int = 1, year: str | None = None, publication: str | None = None,
                    author: str | None = None, issue: str | None = None, per_page: int = 20) -> ArchiveContext:
    """Documents newest first, filtered by year, publication, author and issue, one page at a time."""
    where = []
    if year:
        where.append(DocumentRow.published.like(f"{year[:4]}%"))
    if publication:
        where.append(DocumentRow.publication == publication)
    if issue:
        where.append(DocumentRow.issue == issue)
    if author:
        encoded = json.dumps(author)[1:-1].replace("%", r"\%").replace("_", r"\_")
        # part of a name is enough ("Ashdale" finds "Corin Ashdale"), in any case
        where.append(cast(DocumentRow.authors, Text).ilike(f"%{encoded}%", escape="\\"))
    total = session.scalar(select(func.count()).select_from(DocumentRow).where(*where)) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    rows = session.scalars(select(DocumentRow).options(defer(DocumentRow.text)).where(*where)
                           .order_by(DocumentRow.published.is_(None), DocumentRow.published.desc(), DocumentRow.id)
                           .offset((page - 1) * per_page).limit(per_page)).all()
    year_col = func.substr(DocumentRow.published, 1, 4)
    years = [{"year": y, "documents": n} for y, n in session.execute(
        select(year_col, func.count()).where(DocumentRow.published.is_not(None)).group_by(year_col)
        .order_by(year_col.desc()))]
    pubs = [p for (p,) in session.execute(select(DocumentRow.publication).where(DocumentRow.publication.is_not(None))
                                          .distinct().order_by(DocumentRow.publication))]
    claims = dict(session.execute(select(ClaimRow.doc_id, func.count()).where(
        ClaimRow.doc_id.in_([r.id for r in rows])).group_by(ClaimRow.doc_id)).all())
    docs = [{**_doc_meta(r), "claims": claims.get(r.id, 0)} for r in rows]
    return ArchiveContext(page, pages, total, year, publication, author, issue, years, pubs, docs)


@dataclass
class ReaderContext:
    document: dict
    view: str  # "full" (text beside claims) | "single" (one column, everything below) | "print"
    body: Markup
    entities: list[dict]
    claims: list[dict]
    events: list[dict]
    also_published: list[dict] = field(default_factory=list)  # near-duplicates of this text (store/stories.py)

    def to_json(self) -> dict:
        data = {k: v for k, v in asdict(self).items() if k not in ("body", "view")}
        data["document"] = {**self.document}
        return data


def reader_context(session: Session, doc_id: str, view: str = "full") -> ReaderContext:
    row = find_document(session, doc_id)
    entities = session.scalars(select(EntityRow).options(selectinload(EntityRow.mentions))
                               .where(EntityRow.doc_id == row.id).order_by(EntityRow.id)).all()
    by_id = {e.id: e for e in entities}
    mentions = [MentionMark(m.start, m.end, e.canonical_id or "", e.name, e.type) for e in entities
                for m in e.mentions]
    claims = []
    for c in session.scalars(select(ClaimRow).where(ClaimRow.doc_id == row.id).order_by(ClaimRow.id)):
        s, o = by_id.get(c.subject_id), by_id.get(c.object_id)
        source = by_id.get(c.source_id) if c.source_id is not None else None
        claims.append({"id": c.id, "subject": s.name if s else "?", "subject_id": s.canonical_id if s else None,
                       "relation": c.relation, "object": o.name if o else "?",
                       "object_id": o.canonical_id if o else None, "source": source.name if source else "author",
                       "source_id": source.canonical_id if source else None, "certainty": c.certainty,
                       "polarity": c.polarity, "rule": c.rule, "date": c.date, "cue": c.cue,
                       "evidence": c.evidence_text, "evidence_start": c.evidence_start,
                       "evidence_end": c.evidence_end, "review": c.review})
    marks = [ClaimMark(c["id"], c["evidence_start"], c["evidence_end"],
                       f"{c['subject']} {'not ' if c['polarity'] == 'negative' else ''}{c['relation']} {c['object']}"
                       f" — source: {c['source']}, certainty: {c['certainty']}, rule: {c['rule']}") for c in claims]
    events = [{"id": e.id, "type": e.type, "subtype": e.subtype, "date": e.date, "certainty": e.certainty,
               "killed": e.killed, "wounded": e.wounded, "arrested": e.arrested, "weapons": list(e.weapons or []),
               "location": by_id[e.location_id].name if e.location_id in by_id else None,
               "location_id": by_id[e.location_id].canonical_id if e.location_id in by_id else None,
               "evidence": e.evidence_text,
               "evidence_start": e.evidence_start, "evidence_end": e.evidence_end,
               "participants": [{"role": p.role, "name": by_id[p.entity_id].name if p.entity_id in by_id else "?",
                                 "id": by_id[p.entity_id].canonical_id if p.entity_id in by_id else None}
                                for p in e.participants]}
              for e in session.scalars(select(EventRow).options(selectinload(EventRow.participants))
                                       .where(EventRow.doc_id == row.id).order_by(EventRow.id))]
    ents = [{"id": e.canonical_id, "local_id": e.local_id, "name": e.name, "type": e.type,
             "mentions": len(e.mentions)} for e in entities]
    meta = {**_doc_meta(row), "text": row.text}
    return ReaderContext(meta, view, highlight(row.text, mentions, marks), ents, claims, events,
                         also_published(session, [row.id]).get(row.id, []))


@dataclass
class EntityContext:
    dossier: dict
    contradictions: list[dict]
    exports: list[str]
    incidents: list[dict] = field(default_factory=list)  # its events, each with every report of it
    sort: str = "grade"
    sorts: tuple[str, ...] = ()
    watchlist: int | None = None  # the watchlist that watches this entity, if one does
    show: int = 5  # links shown per relation before the rest fold away

    def to_json(self) -> dict:
        return {"entity": self.dossier, "contradictions": self.contradictions, "exports": self.exports,
                "incidents": self.incidents, "sort": self.sort, "watchlist": self.watchlist}


def _latest(edge: dict) -> str:
    return max((c.get("date") or c.get("published") or "" for c in edge["claims"]), default="")


def _other(edge: dict, entity_id: str) -> str:
    return (edge["object"] if edge["subject_id"] == entity_id else edge["subject"]).casefold()


EDGE_SORTS = ("grade", "sources", "name", "recent")  # how the dossier may order each relation's links


def _sorted_edges(edges: list[dict], sort: str, me: str) -> list[dict]:
    """Best grade first (then most sources); most sources first; by the other end's name; newest claim first."""
    if sort == "sources":
        return sorted(edges, key=lambda e: (-e["n_sources"], e["grade"], _other(e, me)))
    if sort == "name":
        return sorted(edges, key=lambda e: (_other(e, me), e["grade"]))
    by_grade = sorted(edges, key=lambda e: (e["grade"], -e["n_sources"], _other(e, me)))
    return sorted(by_grade, key=_latest, reverse=True) if sort == "recent" else by_grade


def entity_context(session: Session, name_or_id: str, sort: str = "grade", show: int = 5) -> EntityContext:
    """The dossier with each relation's links in the chosen order (grade, sources, name or recent), its
    incidents and whether a watchlist follows it."""
    if sort not in EDGE_SORTS:
        raise QueryError(f"unknown order {sort!r}; choose from {', '.join(EDGE_SORTS)}", code="E502")
    d = dossier(session, name_or_id)
    data = d.to_json()
    data["relations"] = {rel: _sorted_edges(edges, sort, d.id) for rel, edges in data["relations"].items()}
    watching = next((w.id for w in list_watchlists(session) if w.kind == "entity" and w.a == d.name), None)
    return EntityContext(data, [c.to_json() for c in contradictions(session, d.id)], list(FORMATS),
                         [i.to_json() for i in incidents(session, d.id)], sort, EDGE_SORTS, watching, show)


@dataclass
class TimelineContext:
    entity: str | None
    entity_name: str | None
    items: list[dict]
    types: list[str] = field(default_factory=list)  # the kinds asked for (none: every kind)
    all_types: tuple[str, ...] = TIMELINE_TYPES
    query: str = ""  # entity and types as a query string (the visual timeline loads the JSON twin with it)

    def to_json(self) -> dict:
        return {"entity": self.entity, "entity_name": self.entity_name, "types": self.types,
                "all_types": list(self.all_types), "items": self.items}


def timeline_context(session: Session, entity: str | None = None,
                     types: list[str] | None = None) -> TimelineContext:
    """Incidents (with casualty counts, weapons and every report) and dated claims, for one entity or all;
    `types` keeps those event types and "claim"."""
    entity_id = find_entity(session, entity).id if entity else None
    name = find_entity(session, entity).name if entity else None
    wanted = [t for t in (types or []) if t]
    items = [i.to_json() for i in timeline(session, entity_id, wanted)]
    query = urlencode([*((("entity", entity_id),) if entity_id else ()), *(("type", t) for t in wanted)])
    return TimelineContext(entity, name, items, wanted, TIMELINE_TYPES, query)


@dataclass
class SearchContext:
    q: str
    documents: list[dict]
    entities: list[dict]

    def to_json(self) -> dict:
        data = asdict(self)
        for d in data["documents"]:
            d.pop("snippet_html", None)
        return data


def _snippet_markup(snippet: str | None) -> Markup:
    """FTS snippet with private markers around hits: escape everything, then turn markers into <mark>."""
    if not snippet:
        return Markup("")
    escaped = str(Markup.escape(snippet))
    return Markup(escaped.replace(HIT_OPEN, "<mark>").replace(HIT_CLOSE, "</mark>"))


def search_context(session: Session, q: str, limit: int = 30) -> SearchContext:
    """Full-text search over documents (FTS5, ranked, with snippets) and over entity names and aliases.
    The query is bounded by `search_terms` (SearchQueryError, 422, when too long)."""
    terms = search_terms(q)
    if not terms:
        return SearchContext(q or "", [], [])
    docs = find_documents(session, terms, limit)
    for d in docs:
        d["snippet_html"] = _snippet_markup(d["snippet"])
        d["snippet"] = d["snippet"].replace(HIT_OPEN, "").replace(HIT_CLOSE, "")
    return SearchContext(q, docs, find_names(session, q, limit))
