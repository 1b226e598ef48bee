"""Full-text search on PostgreSQL: the generated `documents.search_vector` (migration 0005) behind a GIN index.

The words are joined into a `plainto_tsquery`, so user input is never parsed as query syntax and every word must
match (as FTS5 does on SQLite). Ranking is `ts_rank`; snippets come from `ts_headline`, computed only for the
rows that are returned, over the text as it was indexed (angle brackets read as spaces, see migration 0005).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

TS_CONFIG = "english"


def search_postgres(session: Session, words: list[str], limit: int, *, start: str = "[", stop: str = "]",
                    max_words: int = 12) -> list[dict]:
    """Documents matching every word, best first: id, title, publication, published and a snippet with each
    hit between `start` and `stop`."""
    if not words:
        return []
    options = f"StartSel={start}, StopSel={stop}, MaxWords={max_words}, MinWords={max(1, max_words // 2)}"
    rows = session.execute(
        text(
            f"WITH q AS (SELECT plainto_tsquery('{TS_CONFIG}', :words) AS query), "
            "hits AS (SELECT d.id, d.title, d.publication, d.published, d.text, ts_rank(d.search_vector, q.query) "
            "AS rank FROM documents d, q WHERE d.search_vector @@ q.query ORDER BY rank DESC, d.id LIMIT :limit) "
            "SELECT hits.id, hits.title, hits.publication, hits.published, "
            f"ts_headline('{TS_CONFIG}', translate(hits.text, '<>', '  '), q.query, :options) AS snippet "
            "FROM hits, q ORDER BY hits.rank DESC, hits.id"
        ),
        {"words": " ".join(words), "limit": limit, "options": options},
    ).all()
    return [{"id": r.id, "title": r.title, "publication": r.publication, "published": r.published,
             "snippet": r.snippet} for r in rows]
