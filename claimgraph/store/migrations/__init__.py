"""Alembic migrations, run programmatically by claimgraph.store.db.migrate (no alembic.ini)."""
