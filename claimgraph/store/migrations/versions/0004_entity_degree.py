"""Canonical entities: number of edges (degree), so path search can weigh a frontier without counting edges.

Revision ID: 0004_entity_degree
Revises: 0003_watch
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_entity_degree"
down_revision = "0003_watch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("canonical_entities") as batch:
        batch.add_column(sa.Column("degree", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("canonical_entities") as batch:
        batch.drop_column("degree")
