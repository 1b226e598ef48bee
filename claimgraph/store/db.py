"""Opening the store: engine with SQLite pragmas, schema migrated to head on open, sessions.

`open_store(url)` is the one entry point: it creates the file if missing, runs the Alembic migrations
programmatically (no alembic.ini; the scripts ship inside the package) and returns an Engine. Two backends:
a SQLite file (one analyst) and PostgreSQL through psycopg 3 (a team); `postgresql://` URLs get the psycopg
driver. Migrations run under a lock (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so processes
opening a new store at the same moment migrate it once.
"""

from __future__ import annotations

import os
import sqlite3
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError, SQLAlchemyError
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
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):  # SQLAlchemy's default driver would be psycopg2; we ship psycopg 3
            url = "postgresql+psycopg://" + url[len(plain):]
    return url


def is_sqlite(bind: Engine | Session) -> bool:
    engine = bind.get_bind() if isinstance(bind, Session) else bind
    return engine.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    """WAL so readers never block the writer, FKs enforced, and wait instead of failing on a busy file."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: switching to WAL waits for other openers
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _switch_to_wal(cursor, attempts: int = 50) -> None:  # noqa: ANN001
    """`PRAGMA journal_mode=WAL`, retried: SQLite may answer SQLITE_BUSY to a journal-mode switch at once, without
    calling the busy handler, while another connection is opening the same new file."""
    for attempt in range(attempts):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if ("locked" not in str(err) and "busy" not in str(err)) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


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


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session inside one write transaction. On SQLite the write lock is taken at BEGIN (IMMEDIATE): a
    transaction that reads first cannot be upgraded to a writer once another process has committed, and SQLite
    then answers "database is locked" at once instead of waiting (savepoints open such a reading transaction)."""
    with Session(engine) as session, session.begin():
        take_write_lock(session)
        yield session


def lock_key(name: str) -> int:
    """A stable 32-bit key for a PostgreSQL advisory lock named `name`."""
    return zlib.crc32(f"claimgraph:{name}".encode())


def lock_store(conn: Connection, name: str) -> None:
    """Hold a store-wide lock called `name` until conn's transaction ends (PostgreSQL; SQLite's writer lock
    already serialises write transactions)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_key(name)})


def take_write_lock(session: Session) -> None:
    """On SQLite, take the writer lock at the start of a write transaction (BEGIN IMMEDIATE; others wait up to
    the busy timeout). A deferred transaction that reads first and writes later fails at once ("database is
    locked") when another process committed in between; one that starts as a writer cannot."""
    conn = session.connection()
    if conn.dialect.name == "sqlite" and not conn.connection.driver_connection.in_transaction:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def _migration_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the store's migration lock: BEGIN IMMEDIATE takes SQLite's write lock up front
    (others wait up to the busy timeout); PostgreSQL takes a transaction-scoped advisory lock."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
            return
        with conn.begin():
            lock_store(conn, "migrate")
            yield conn


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is already there). The revision is read again
    under the lock, so of several processes opening a new store only the first migrates it."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    try:
        if current_revision(engine) == head_revision():
            return
        with _migration_transaction(engine) as conn:
            if MigrationContext.configure(conn).get_current_revision() == head_revision():
                return
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except (OperationalError, ProgrammingError) as err:
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
