"""claimgraph.store.db: migrations create the schema on an empty file; pragmas; URLs; missing files."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from claimgraph.errors import StoreError
from claimgraph.store.db import current_revision, head_revision, open_store, resolve_url

TABLES = {"documents", "entities", "mentions", "claims", "events", "event_participants", "documents_fts"}


def test_db_migration_creates_schema_on_empty_file(tmp_path):
    path = tmp_path / "new.db"
    engine = open_store(f"sqlite:///{path}")
    engine.dispose()
    con = sqlite3.connect(path)
    names = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    assert TABLES <= names
    assert version == head_revision()


def test_db_migration_is_a_noop_when_at_head(db_path):
    engine = open_store(str(db_path))  # a bare path means SQLite
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_db_pragmas_wal_and_foreign_keys(db_path):
    engine = open_store(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    engine.dispose()


def test_db_url_from_environment(monkeypatch):
    from claimgraph.settings import get_settings

    monkeypatch.setenv("CLAIMGRAPH_DB", "sqlite:////tmp/elsewhere.db")
    get_settings.cache_clear()
    try:
        assert resolve_url() == "sqlite:////tmp/elsewhere.db"
        assert resolve_url("other.db") == "sqlite:///other.db"
    finally:
        get_settings.cache_clear()


def test_db_open_refuses_missing_file_for_readers(tmp_path):
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{tmp_path / 'absent.db'}", create=False)
    assert caught.value.code == "E405"
    assert not (tmp_path / "absent.db").exists()


def test_db_open_reports_missing_directory(tmp_path):
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}")
    assert caught.value.code == "E401"


def test_db_migration_sql_is_portable_to_postgresql(capsys):
    from alembic import command

    from claimgraph.store.db import alembic_config

    command.upgrade(alembic_config("postgresql://claimgraph@localhost/claimgraph"), "head", sql=True)
    sql = capsys.readouterr().out
    assert "CREATE TABLE claims" in sql
    assert '"end" INTEGER NOT NULL' in sql  # reserved word quoted
    assert "fts5" not in sql.lower()  # full-text index only on SQLite


def test_db_postgresql_url_gets_psycopg_3():
    assert resolve_url("postgresql://team@db.example/claims") == "postgresql+psycopg://team@db.example/claims"
    assert resolve_url("postgres://team@db.example/claims") == "postgresql+psycopg://team@db.example/claims"
    assert resolve_url("postgresql+psycopg://team@db.example/claims") == "postgresql+psycopg://team@db.example/claims"


def test_db_migration_creates_schema_on_each_backend(store_url):
    from sqlalchemy import inspect

    engine = open_store(store_url)
    try:
        assert current_revision(engine) == head_revision()
        inspector = inspect(engine)
        assert TABLES - {"documents_fts"} <= set(inspector.get_table_names())
        columns = {c["name"] for c in inspector.get_columns("documents")}
        if engine.dialect.name == "postgresql":  # PostgreSQL's own full-text search: tsvector + GIN
            assert "search_vector" in columns
            with engine.connect() as conn:
                method = conn.execute(text(
                    "SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    "JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'ix_documents_search_vector'")).scalar()
            assert method == "gin"
        else:
            assert "search_vector" not in columns
    finally:
        engine.dispose()


def test_db_concurrent_first_opens_migrate_once(backend):
    """Eight threads open the same new store at once: every one gets a store at head, none fails."""
    from concurrent.futures import ThreadPoolExecutor

    url = backend.empty()

    def open_once(_: int) -> str | None:
        engine = open_store(url)
        try:
            return current_revision(engine)
        finally:
            engine.dispose()

    with ThreadPoolExecutor(max_workers=8) as pool:
        revisions = list(pool.map(open_once, range(8)))
    assert revisions == [head_revision()] * 8
