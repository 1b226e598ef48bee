"""Page contexts of the curation pages (one claim with its review forms, the review queue, the audit log, merge
suggestions, an entity's curation panel, tokens); each page and its /api/v1 twin come from one of these."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from claimgraph.analysis.curation import decisions_for
from claimgraph.analysis.entities import find_entity
from claimgraph.analysis.grading import GRADE_LABELS
from claimgraph.analysis.review import claim_state, document_entities, get_claim
from claimgraph.analysis.suggestions import merge_suggestions
from claimgraph.store.audit import audit_entries
from claimgraph.store.models import DocumentRow
from claimgraph.store.stories import also_published
from claimgraph.store.tokens import list_tokens, token_json
from claimgraph.types import CERTAINTIES, RELATION_TYPES, SYMMETRIC_RELATIONS

DOSSIER_SUGGESTIONS = 5


@dataclass
class ClaimContext:
    claim: dict
    document: dict
    edge: dict | None
    history: list[dict]
    entities: list[dict]  # what ends and source may be corrected to: the document's entities
    relation_types: list[str] = field(default_factory=lambda: list(RELATION_TYPES))
    certainties: list[str] = field(default_factory=lambda: list(CERTAINTIES))
    also_published: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("relation_types", "certainties")}


def _edge(session: Session, claim: dict) -> dict | None:
    s, rel, o = claim["subject_id"], claim["relation"], claim["object_id"]
    if not s or not o or s == o:
        return None
    if rel in SYMMETRIC_RELATIONS and o < s:
        s, o = o, s
    row = session.execute(text("SELECT grade, n_sources, n_denials, n_claims, contradiction FROM edges "
                               "WHERE subject_id = :s AND relation = :r AND object_id = :o"),
                          {"s": s, "r": rel, "o": o}).first()
    if row is None:
        return None
    return {"subject_id": s, "relation": rel, "object_id": o, "grade": row[0], "grade_label": GRADE_LABELS[row[0]],
            "n_sources": row[1], "n_denials": row[2], "n_claims": row[3], "contradiction": row[4]}


def claim_context(session: Session, claim_id: int) -> ClaimContext:
    row = get_claim(session, claim_id)
    claim = claim_state(session, row)
    doc = session.get(DocumentRow, row.doc_id)
    document = {"id": doc.id, "title": doc.title or doc.source, "publication": doc.publication,
                "published": doc.published}
    history = audit_entries(session, target=f"claim:{claim_id}", per_page=100).entries
    return ClaimContext(claim, document, _edge(session, claim), history, document_entities(session, row.doc_id),
                        also_published=also_published(session, [row.doc_id]).get(row.doc_id, []))


@dataclass
class AuditContext:
    entries: list[dict]
    total: int
    page: int
    pages: int
    filters: dict

    def to_json(self) -> dict:
        return asdict(self)


def audit_context(session: Session, actor: str | None = None, action: str | None = None, target: str | None = None,
                  page: int = 1) -> AuditContext:
    found = audit_entries(session, actor=actor or None, action=action or None, target=target or None, page=page)
    return AuditContext(found.entries, found.total, found.page, found.pages,
                        {"actor": actor or "", "action": action or "", "target": target or ""})


@dataclass
class SuggestionsContext:
    suggestions: list[dict]

    def to_json(self) -> dict:
        return asdict(self)


def suggestions_context(session: Session, limit: int = 50) -> SuggestionsContext:
    return SuggestionsContext([s.to_json() for s in merge_suggestions(session, limit=limit)])


@dataclass
class EntityCurationContext:
    entity: dict
    suggestions: list[dict]
    documents: list[dict]  # each document naming the entity, with the names it uses: split buttons
    decisions: list[dict]  # analyst merges and splits that shaped it: undo buttons

    def to_json(self) -> dict:
        return asdict(self)


def entity_curation_context(session: Session, name_or_id: str) -> EntityCurationContext:
    row = find_entity(session, name_or_id)
    names: dict[str, list[str]] = {}
    for doc_id, name in session.execute(text("SELECT doc_id, name FROM entities WHERE canonical_id = :c "
                                             "ORDER BY doc_id, name"), {"c": row.id}):
        names.setdefault(doc_id, [])
        if name not in names[doc_id]:
            names[doc_id].append(name)
    docs = session.execute(text("SELECT id, title, source, publication, published FROM documents WHERE id IN "
                                "(SELECT doc_id FROM entities WHERE canonical_id = :c) ORDER BY published, id"),
                           {"c": row.id}).all()
    documents = [{"id": d[0], "title": d[1] or d[2], "publication": d[3], "published": d[4],
                  "names": names.get(d[0], [])} for d in docs]
    entity = {"id": row.id, "name": row.name, "type": row.type}
    suggestions = [s.to_json() for s in merge_suggestions(session, entity=row.id, limit=DOSSIER_SUGGESTIONS)]
    return EntityCurationContext(entity, suggestions, documents, decisions_for(session, row.id))


@dataclass
class TokensContext:
    tokens: list[dict]
    created: dict | None = None  # the token just made, shown once

    def to_json(self) -> dict:
        return asdict(self)


def tokens_context(session: Session, created: dict | None = None) -> TokensContext:
    return TokensContext([token_json(t) for t in list_tokens(session)], created)
