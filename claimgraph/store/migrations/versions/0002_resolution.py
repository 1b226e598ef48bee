"""Cross-document network: canonical entities, aliases, resolution links, analyst decisions, edges.

Revision ID: 0002_resolution
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_resolution"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "canonical_entities",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("refs", sa.JSON(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
    )
    op.create_index("ix_canonical_entities_name", "canonical_entities", ["name"])
    op.create_index("ix_canonical_entities_name_key", "canonical_entities", ["name_key"])
    op.create_index("ix_canonical_entities_type", "canonical_entities", ["type"])
    op.create_table(
        "canonical_aliases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("alias_key", sa.Text(), nullable=False),
        sa.Column("canonical_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_canonical_aliases_alias_key", "canonical_aliases", ["alias_key"])
    op.create_index("ix_canonical_aliases_canonical_id", "canonical_aliases", ["canonical_id"])
    op.create_table(
        "resolution_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("canonical_id", sa.String(64), nullable=False),
        sa.Column("member_a", sa.String(96), nullable=False),
        sa.Column("member_b", sa.String(96), nullable=False),
        sa.Column("rule", sa.String(32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_resolution_links_canonical_id", "resolution_links", ["canonical_id"])
    op.create_table(
        "analyst_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("a", sa.Text(), nullable=False),
        sa.Column("b", sa.Text(), nullable=True),
        sa.Column("document_id", sa.String(16), nullable=True),
        sa.Column("keys_a", sa.JSON(), nullable=False),
        sa.Column("keys_b", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "edges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("subject_id", sa.String(64), nullable=False),
        sa.Column("relation", sa.String(32), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("n_claims", sa.Integer(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("n_denials", sa.Integer(), nullable=False),
        sa.Column("max_certainty", sa.Integer(), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("contradiction", sa.String(16), nullable=True),
        sa.Column("first_date", sa.String(32), nullable=True),
        sa.Column("last_date", sa.String(32), nullable=True),
    )
    op.create_index("ix_edges_subject_relation_object", "edges", ["subject_id", "relation", "object_id"],
                    unique=True)
    op.create_index("ix_edges_object_id", "edges", ["object_id"])
    op.create_index("ix_edges_relation", "edges", ["relation"])
    op.create_index("ix_edges_grade", "edges", ["grade"])


def downgrade() -> None:
    for table in ("edges", "analyst_decisions", "resolution_links", "canonical_aliases", "canonical_entities"):
        op.drop_table(table)
