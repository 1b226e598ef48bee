"""Search over the store: FTS5 over documents and a name match over entities, for the web app and the CLI alike.

A query is bounded before it reaches SQLite: at most MAX_QUERY_CHARS characters and MAX_QUERY_TERMS distinct
words. Each word becomes one quoted FTS5 string (never parsed as FTS syntax), repeated words count once, so the
cost of a query grows with the number of distinct words and never with how often a word repeats; an over-long
query is refused with a SearchQueryError (HTTP 422) instead of burning a core for seconds.
"""

from __future__ import annotations

import re

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from claimgraph.errors import QueryError
from claimgraph.resolve import normalise_name
from claimgraph.store.db import is_sqlite
from claimgraph.store.models import FTS_TABLE, DocumentRow
from claimgraph.store.postgres_search import search_postgres

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 12
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # private markers around hits in snippets; callers turn them into markup

_WORD = re.compile(r"\w+")


class SearchQueryError(QueryError):
    """A query too long or with too many words to run (422 on the web, exit 1 in the CLI)."""

    code = "E510"
    http_status = 422


def search_terms(query: str | None) -> list[str]:
    """The distinct words of a query (first spelling kept, case-insensitive), or SearchQueryError if too big."""
    query = query or ""
    if len(query) > MAX_QUERY_CHARS:
        raise SearchQueryError(f"search query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})",
                               where="search")
    seen: dict[str, str] = {}
    for word in _WORD.findall(query):
        seen.setdefault(word.casefold(), word)
    if len(seen) > MAX_QUERY_TERMS:
        raise SearchQueryError(f"search query has too many words ({len(seen)}; at most {MAX_QUERY_TERMS})",
                               where="search")
    return list(seen.values())


def fts_query(terms: list[str]) -> str:
    """Each term as a quoted FTS5 string, ANDed: user input is never parsed as FTS syntax."""
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def find_documents(session: Session, terms: list[str], limit: int = 30, tokens: int = 14) -> list[dict]:
    """Documents holding every term, ranked, with a snippet (hits between HIT_OPEN/HIT_CLOSE): FTS5 on SQLite,
    tsvector + GIN on PostgreSQL (store/postgres_search.py), a case-insensitive match elsewhere (no snippet)."""
    if not terms:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return [{**r, "snippet": r["snippet"] or ""}
                for r in search_postgres(session, terms, limit, start=HIT_OPEN, stop=HIT_CLOSE, max_words=tokens)]
    if is_sqlite(session):
        rows = session.execute(text(
            f"SELECT d.id, d.title, d.publication, d.published, "
            f"snippet({FTS_TABLE}, 2, :o, :c, '…', :n) FROM {FTS_TABLE} JOIN documents d ON d.id = {FTS_TABLE}.doc_id "
            f"WHERE {FTS_TABLE} MATCH :q ORDER BY rank LIMIT :limit"),
            {"q": fts_query(terms), "o": HIT_OPEN, "c": HIT_CLOSE, "n": tokens, "limit": limit}).all()
        return [{"id": r[0], "title": r[1], "publication": r[2], "published": r[3], "snippet": r[4] or ""}
                for r in rows]
    conditions = [or_(DocumentRow.text.ilike(f"%{t}%"), DocumentRow.title.ilike(f"%{t}%")) for t in terms]
    rows = session.execute(select(DocumentRow.id, DocumentRow.title, DocumentRow.publication,
                                  DocumentRow.published).where(*conditions).limit(limit)).all()
    return [{"id": r[0], "title": r[1], "publication": r[2], "published": r[3], "snippet": ""} for r in rows]


def find_names(session: Session, query: str, limit: int = 30) -> list[dict]:
    """Canonical entities whose normalised name or an alias contains the (already bounded) query."""
    key = normalise_name(query)
    if not key:
        return []
    like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = session.execute(text(
        "SELECT id, name, type, n_documents FROM canonical_entities WHERE name_key LIKE :k ESCAPE '\\' OR id IN "
        "(SELECT canonical_id FROM canonical_aliases WHERE alias_key LIKE :k ESCAPE '\\') "
        "ORDER BY n_documents DESC, name LIMIT :limit"), {"k": like, "limit": limit}).all()
    return [{"id": r[0], "name": r[1], "type": r[2], "documents": r[3]} for r in rows]
