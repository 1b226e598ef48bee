"""Curation: claim reviews and the review state of each claim, the audit log, dismissed merge suggestions,
people's tokens (hashed), and near-duplicate stories (MinHash per document, LSH band keys).

Revision ID: 0007_review_audit
Revises: 0006_incremental_resolution
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_review_audit"
down_revision = "0006_incremental_resolution"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("review", sa.String(16), nullable=True))
        batch.add_column(sa.Column("review_key", sa.Text(), nullable=True))
    op.create_index("ix_claims_review", "claims", ["review"])
    op.create_table(
        "claim_reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("doc_id", sa.String(16), nullable=False),
        sa.Column("claim_key", sa.Text(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_claim_reviews_doc_id_claim_key", "claim_reviews", ["doc_id", "claim_key"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    for column in ("created", "actor", "action", "target"):
        op.create_index(f"ix_audit_log_{column}", "audit_log", [column])
    op.create_table(
        "suggestion_dismissals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("keys_a", sa.JSON(), nullable=False),
        sa.Column("keys_b", sa.JSON(), nullable=False),
        sa.Column("name_a", sa.Text(), nullable=False),
        sa.Column("name_b", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_table(
        "document_stories",
        sa.Column("doc_id", sa.String(16), primary_key=True),
        sa.Column("story_id", sa.String(16), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_document_stories_story_id", "document_stories", ["story_id"])
    op.create_table(
        "story_bands",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("doc_id", sa.String(16), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(16), nullable=False),
    )
    op.create_index("ix_story_bands_doc_id", "story_bands", ["doc_id"])
    op.create_index("ix_story_bands_band_key", "story_bands", ["band", "key"])


def downgrade() -> None:
    op.drop_table("story_bands")
    op.drop_table("document_stories")
    op.drop_table("api_tokens")
    op.drop_table("suggestion_dismissals")
    op.drop_table("audit_log")
    op.drop_table("claim_reviews")
    op.drop_index("ix_claims_review", "claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("review_key")
        batch.drop_column("review")
