"""PostgreSQL full-text search: a generated tsvector over title and text, with a GIN index (SQLite has FTS5).

The column is weighted (title A, text B; angle brackets read as spaces) and kept up to date by PostgreSQL
itself, so writes need no trigger or extra statement. Nothing happens on SQLite.

Revision ID: 0005_postgres_search
Revises: 0004_entity_degree
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0005_postgres_search"
down_revision = "0004_entity_degree"
branch_labels = None
depends_on = None

SEARCH_COLUMN = "search_vector"
SEARCH_INDEX = "ix_documents_search_vector"
TS_CONFIG = "english"
INDEXED_CHARS = 1_000_000  # a tsvector holds at most 1 MB: longer texts are searched by their first million characters


def searchable(expression: str) -> str:
    """Angle brackets become spaces: PostgreSQL's parser reads `<...>` as markup and would drop the words inside,
    and stored texts are plain text, where `<script>` is words an analyst may look for."""
    return f"translate({expression}, '<>', '  ')"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    title = searchable("coalesce(title, '')")
    body = searchable(f"left(text, {INDEXED_CHARS})")
    op.execute(
        f"ALTER TABLE documents ADD COLUMN {SEARCH_COLUMN} tsvector GENERATED ALWAYS AS ("
        f"setweight(to_tsvector('{TS_CONFIG}', {title}), 'A') || "
        f"setweight(to_tsvector('{TS_CONFIG}', {body}), 'B')) STORED"
    )
    op.execute(f"CREATE INDEX {SEARCH_INDEX} ON documents USING gin ({SEARCH_COLUMN})")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")
    op.execute(f"ALTER TABLE documents DROP COLUMN IF EXISTS {SEARCH_COLUMN}")
