"""Opening the store: engine with SQLite pragmas, schema migrated to head on open, sessions.

`open_store(url)` is the one entry point: it creates the file if missing, runs the Alembic migrations
programmatically (no alembic.ini; the scripts ship inside the package) and returns an Engine.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from claimgraph.errors import StoreError
from claimgraph.settings import get_settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000


def resolve_url(url: str | None = None) -> str:
    """The database URL: explicit, else CLAIMGRAPH_DB, else sqlite:///claimgraph.db. A bare path means SQLite."""
    url = url or get_settings().db_url
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def is_sqlite(bind: Engine | Session) -> bool:
    engine = bind.get_bind() if isinstance(bind, Session) else bind
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    """WAL so readers never block the writer, FKs enforced, and wait instead of failing on a busy file."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL with the SQLite pragmas installed; does not touch the schema."""
    url = resolve_url(url)
    try:
        parsed = make_url(url)
        engine = create_engine(parsed)
    except (ArgumentError, SQLAlchemyError, ImportError) as err:
        raise StoreError(f"cannot open database ({err})", where=url, code="E401") from err
    if engine.dialect.name == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            parent = Path(database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"directory {parent} does not exist", where=url, code="E401")
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(url: str) -> Config:
    """Alembic configuration without an ini file: the scripts folder inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is already there)."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    try:
        if current_revision(engine) == head_revision():
            return
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except OperationalError as err:
        raise StoreError(f"cannot migrate database ({err.orig})", where=str(engine.url), code="E403") from err


def open_store(url: str | None = None, *, create: bool = True) -> Engine:
    """Engine for the store at URL, schema migrated to head; create=False refuses a missing SQLite file."""
    engine = make_engine(url)
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        if not path.exists():
            if not create:
                raise StoreError("no database here; run `claimgraph ingest PATH` first", where=database,
                                 code="E405")
            _create_private(path)
    migrate(engine)
    return engine


def _create_private(path: Path) -> None:
    """An empty SQLite file readable by its owner only (SQLite gives its -wal and -shm files the same mode)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # another process created it first
    except OSError as err:
        raise StoreError(f"cannot create database ({err.strerror or err})", where=str(path), code="E401") from err


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
