"""Initial schema: documents, entities, mentions, claims, events, event participants; FTS5 on SQLite.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FTS_TABLE = "documents_fts"


def _fk(table: str, column: str, target: str, *, nullable: bool = False) -> sa.Column:
    ref_table = target.split(".")[0]
    return sa.Column(
        column, sa.Integer() if ref_table != "documents" else sa.String(16),
        sa.ForeignKey(target, name=f"fk_{table}_{column}_{ref_table}", ondelete="CASCADE"), nullable=nullable,
    )


def _evidence() -> list[sa.Column]:
    return [
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(128), nullable=False),
    ]


def _index(table: str, *columns: str) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns))


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("subtitle", sa.Text()),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("published", sa.String(32)),
        sa.Column("publication", sa.Text()),
        sa.Column("volume", sa.String(64)),
        sa.Column("issue", sa.String(64)),
        sa.Column("url", sa.Text()),
        sa.Column("dateline_place", sa.Text()),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    _index("documents", "published")

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("entities", "doc_id", "documents.id"),
        sa.Column("local_id", sa.String(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("refs", sa.JSON(), nullable=False),
        sa.Column("rule", sa.String(128), nullable=False),
        sa.Column("canonical_id", sa.String(64)),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.UniqueConstraint("doc_id", "local_id", name="uq_entities_doc_id_local_id"),
    )
    for column in ("doc_id", "name", "type", "canonical_id"):
        _index("entities", column)

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("mentions", "entity_id", "entities.id"),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    _index("mentions", "entity_id")

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("claims", "doc_id", "documents.id"),
        _fk("claims", "subject_id", "entities.id"),
        sa.Column("relation", sa.String(32), nullable=False),
        _fk("claims", "object_id", "entities.id"),
        _fk("claims", "source_id", "entities.id", nullable=True),
        sa.Column("source_is_author", sa.Boolean(), nullable=False),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("polarity", sa.String(16), nullable=False),
        *_evidence(),
        sa.Column("date", sa.String(32)),
        sa.Column("cue", sa.Text()),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    for column in ("doc_id", "relation", "object_id", "source_id"):
        _index("claims", column)
    op.create_index("ix_claims_subject_relation_object", "claims", ["subject_id", "relation", "object_id"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("events", "doc_id", "documents.id"),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("subtype", sa.String(64)),
        sa.Column("date", sa.String(32)),
        _fk("events", "location_id", "entities.id", nullable=True),
        sa.Column("killed", sa.Integer()),
        sa.Column("wounded", sa.Integer()),
        sa.Column("arrested", sa.Integer()),
        sa.Column("weapons", sa.JSON(), nullable=False),
        _fk("events", "source_id", "entities.id", nullable=True),
        sa.Column("source_is_author", sa.Boolean(), nullable=False),
        sa.Column("certainty", sa.String(16), nullable=False),
        *_evidence(),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    for column in ("doc_id", "type", "date", "location_id"):
        _index("events", column)

    op.create_table(
        "event_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("event_participants", "event_id", "events.id"),
        sa.Column("role", sa.String(32), nullable=False),
        _fk("event_participants", "entity_id", "entities.id"),
        sa.PrimaryKeyConstraint("id", name="pk_event_participants"),
    )
    _index("event_participants", "event_id")
    _index("event_participants", "entity_id")

    if op.get_bind().dialect.name == "sqlite":
        _create_fts()


def _create_fts() -> None:
    """Full-text index over title, text and entity names; title and text follow documents through triggers,
    entity names are filled by claimgraph.store.write after the entities are stored."""
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        "doc_id UNINDEXED, title, text, entities, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
        f"INSERT INTO {FTS_TABLE}(doc_id, title, text, entities) VALUES (new.id, new.title, new.text, ''); END"
    )
    op.execute(
        f"CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
        f"DELETE FROM {FTS_TABLE} WHERE doc_id = old.id; END"
    )
    op.execute(
        f"CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
        f"UPDATE {FTS_TABLE} SET title = new.title, text = new.text WHERE doc_id = old.id; END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    for table in ("event_participants", "events", "claims", "mentions", "entities", "documents"):
        op.drop_table(table)
