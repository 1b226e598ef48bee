"""Resolution aggregates, so that adding a document costs the same in a store of any size: the blocks of the
index by signature (`resolution_blocks`), per signature its entity count and type weight
(`resolution_signatures`) and its names (`resolution_forms`). `resolution_keys` keeps only the signature and
name keys of each entity. On SQLite the full-text row of a document is written with its entity names by
claimgraph.store.write (the insert trigger wrote it empty and the writer then had to find it again, which an
FTS5 table can only do by reading every row).

A store that already holds entities is marked `full_needed`: the next resolution rebuilds the index.

Revision ID: 0008_resolution_aggregates
Revises: 0007_review_audit
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_resolution_aggregates"
down_revision = "0007_review_audit"
branch_labels = None
depends_on = None

FTS_TABLE = "documents_fts"


def upgrade() -> None:
    op.create_table(
        "resolution_blocks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("sig", sa.String(20), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("first_member", sa.String(96), nullable=False),
        sa.Column("first_entity", sa.Integer(), nullable=False),
    )
    op.create_index("ix_resolution_blocks_kind_key_sig", "resolution_blocks", ["kind", "key", "sig"], unique=True)
    op.create_table(
        "resolution_signatures",
        sa.Column("sig", sa.String(20), primary_key=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("type_weight", sa.Integer(), nullable=False),
    )
    op.create_table(
        "resolution_forms",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sig", sa.String(20), nullable=False),
        sa.Column("form", sa.String(40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=True),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("first_member", sa.String(96), nullable=False),
    )
    op.create_index("ix_resolution_forms_sig_form", "resolution_forms", ["sig", "form"], unique=True)
    op.execute("UPDATE resolution_state SET full_needed = EXISTS (SELECT 1 FROM entities) WHERE id = 1")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS documents_fts_insert")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
            f"INSERT INTO {FTS_TABLE}(doc_id, title, text, entities) VALUES (new.id, new.title, new.text, ''); END"
        )
    op.execute("UPDATE resolution_state SET full_needed = EXISTS (SELECT 1 FROM entities) WHERE id = 1")
    op.drop_index("ix_resolution_forms_sig_form", "resolution_forms")
    op.drop_table("resolution_forms")
    op.drop_table("resolution_signatures")
    op.drop_index("ix_resolution_blocks_kind_key_sig", "resolution_blocks")
    op.drop_table("resolution_blocks")
