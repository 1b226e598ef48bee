"""The store: SQLAlchemy models, Alembic migrations, one-transaction-per-document writes and read queries."""
