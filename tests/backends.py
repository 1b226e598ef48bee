"""The two store backends the store, analysis, web and e2e tests run against: SQLite files and PostgreSQL.

PostgreSQL comes from `CLAIMGRAPH_TEST_PG` (an admin URL; `.ci/run` starts a throwaway cluster and sets it) or,
when that is unset, from a throwaway cluster these tests start themselves with `scripts/pg-throwaway`. When CI
provides the URL and the server does not answer, the tests fail; otherwise a machine without PostgreSQL skips
the PostgreSQL half and says why. Every test store is its own database, dropped at the end of the session;
copies of a prepared store are `CREATE DATABASE ... TEMPLATE`, which PostgreSQL makes by copying files.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
PG_ENV = "CLAIMGRAPH_TEST_PG"
THROWAWAY = ROOT / "scripts" / "pg-throwaway"
BACKENDS = ("sqlite", "postgresql")


class PostgresServer:
    """A server the tests may create and drop databases on, through an admin URL."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.created: list[str] = []
        self._names = itertools.count()
        self._prefix = f"cgtest_{os.getpid()}_"

    def _admin(self):  # noqa: ANN202 - a psycopg connection
        import psycopg

        return psycopg.connect(self.admin_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True,
                               connect_timeout=10)

    def check(self) -> str:
        with self._admin() as conn:
            return conn.execute("SHOW server_version").fetchone()[0]

    def url_of(self, name: str) -> str:
        return make_url(self.admin_url).set(drivername="postgresql", database=name).render_as_string(
            hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`, a URL nobody is connected to); returns its URL."""
        name = f"{self._prefix}{next(self._names)}"
        sql = f'CREATE DATABASE "{name}"'
        if template:
            sql += f' TEMPLATE "{make_url(template).database}"'
        with self._admin() as conn:
            conn.execute(sql)
        self.created.append(name)
        return self.url_of(name)

    def drop_all(self) -> None:
        with self._admin() as conn:
            for name in reversed(self.created):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


class Throwaway:
    """A cluster started for this test session in a temporary folder, removed at the end."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="claimgraph-pg-"))
        self.folder.chmod(0o755)  # the cluster runs as `nobody` when the tests run as root
        self.url: str | None = None
        self.error = ""

    def start(self) -> str | None:
        if shutil.which("bash") is None or not THROWAWAY.exists():
            self.error = "scripts/pg-throwaway is missing"
            return None
        done = subprocess.run(["bash", str(THROWAWAY), "start", str(self.folder / "cluster")], capture_output=True,
                              text=True, timeout=120)
        if done.returncode != 0:
            lines = (done.stderr.strip() or "failed").splitlines()
            self.error = lines[-1]
            return None
        self.url = done.stdout.strip()
        return self.url

    def stop(self) -> None:
        subprocess.run(["bash", str(THROWAWAY), "stop", str(self.folder / "cluster")], capture_output=True,
                       timeout=120)
        shutil.rmtree(self.folder, ignore_errors=True)


def copy_sqlite(url: str, folder: Path) -> str:
    """A copy of a SQLite store, with its write-ahead log when one is there."""
    source = Path(make_url(url).database)
    target = folder / source.name
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
    return f"sqlite:///{target}"
