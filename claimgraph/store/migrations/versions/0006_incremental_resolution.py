"""Incremental resolution: the blocking-key index, documents awaiting resolution, the resolution state row,
per canonical entity its slug, member count and first member (what its id is derived from), and an index
on resolution_links.member_b (links are replaced per member).

A store that already holds entities is marked `full_needed`: its index is built by the next resolution.

Revision ID: 0006_incremental_resolution
Revises: 0005_postgres_search
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_incremental_resolution"
down_revision = "0005_postgres_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("canonical_entities") as batch:
        batch.add_column(sa.Column("slug", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("n_members", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("first_member", sa.String(96), nullable=False, server_default=""))
    op.create_index("ix_canonical_entities_slug", "canonical_entities", ["slug"])
    op.create_index("ix_resolution_links_member_b", "resolution_links", ["member_b"])
    op.create_table(
        "resolution_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("sig", sa.String(20), nullable=False),
        sa.Column("member", sa.String(96), nullable=False),
    )
    op.create_index("ix_resolution_keys_entity_id", "resolution_keys", ["entity_id"])
    op.create_index("ix_resolution_keys_kind_key", "resolution_keys", ["kind", "key", "member", "sig", "entity_id"])
    op.create_table(
        "resolution_pending",
        sa.Column("doc_id", sa.String(16), primary_key=True),
    )
    op.create_table(
        "resolution_state",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("full_needed", sa.Boolean(), nullable=False),
    )
    # plain SQL so that offline (--sql) migration scripts carry it too
    op.execute("INSERT INTO resolution_state (id, version, full_needed) "
               "SELECT 1, 0, EXISTS (SELECT 1 FROM entities)")


def downgrade() -> None:
    op.drop_table("resolution_state")
    op.drop_table("resolution_pending")
    op.drop_index("ix_resolution_keys_kind_key", "resolution_keys")
    op.drop_index("ix_resolution_keys_entity_id", "resolution_keys")
    op.drop_table("resolution_keys")
    op.drop_index("ix_resolution_links_member_b", "resolution_links")
    op.drop_index("ix_canonical_entities_slug", "canonical_entities")
    with op.batch_alter_table("canonical_entities") as batch:
        batch.drop_column("first_member")
        batch.drop_column("n_members")
        batch.drop_column("slug")
