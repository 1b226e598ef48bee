"""Migration 0007_review_audit on a store holding a network (SQLite and PostgreSQL): down to 0006 (through
0008_resolution_aggregates, which follows it) and up again keeps every claim, and the claims come back
unreviewed, with the curation tables empty."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from claimgraph.store.db import alembic_config, current_revision, head_revision

CURATION_TABLES = {"claim_reviews", "audit_log", "suggestion_dismissals", "api_tokens", "document_stories",
                   "story_bands"}


def test_migration_0007_down_and_up_keeps_claims(store):
    with store.connect() as conn:
        claims = conn.execute(text("SELECT count(*) FROM claims")).scalar()
        conn.execute(text("UPDATE claims SET review = 'confirmed'"))
        conn.commit()
    assert head_revision() == "0008_resolution_aggregates"
    url = store.url.render_as_string(hide_password=False)
    with store.begin() as conn:
        config = alembic_config(url)
        config.attributes["connection"] = conn
        command.downgrade(config, "0006_incremental_resolution")
    assert current_revision(store) == "0006_incremental_resolution"
    tables = set(inspect(store).get_table_names())
    assert not CURATION_TABLES & tables
    assert "review" not in {c["name"] for c in inspect(store).get_columns("claims")}
    with store.begin() as conn:
        config = alembic_config(url)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert CURATION_TABLES <= set(inspect(store).get_table_names())
    with store.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM claims WHERE review IS NULL")).scalar() == claims
