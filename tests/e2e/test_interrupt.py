"""A killed or interrupted ingest leaves no half-written document, and a re-run completes the batch."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from claimgraph.extract.pipeline import extract_document
from claimgraph.ingest.sources import read_source
from claimgraph.store.db import open_store, resolve_url
from claimgraph.store.queries import load_extraction

N_ARTICLES = 60
GROUPS = ["Brotherhood of the Grey Lantern", "Saltmarsh Vanguard", "Order of the Copper Reed", "Free Hollow Front"]
PLACES = ["Kessel", "Tarnow Ridge", "Port Ilvane", "Maraske"]
PEOPLE = ["Anton Brask", "Ilse Varnhold", "Dmitar Ocalan", "Renna Cosh"]
STATES = ["Ostrava", "Valdoria", "Nerisca"]


def article(n: int) -> str:
    """A short fictional wire story; n makes each one different (and so a different document)."""
    group, place, person, state = (GROUPS[n % 4], PLACES[(n // 4) % 4], PEOPLE[(n // 2) % 4], STATES[n % 3])
    return (
        f"{group} blamed for attack number {n} near {place}\n\n"
        f"By Staff Reporter {n}\n\n"
        f"{person}, a commander of the {group}, ordered the attack on a police post near {place} on "
        f"{1 + n % 28} May 2023, according to officials in {state}. The blast killed {n % 9 + 1} officers and "
        f"wounded {n % 13 + 2} others.\n\n"
        f"The {group} is funded by the government of {state}, investigators said, although a spokesman for "
        f"the {state} foreign ministry denied any link to the group. It is possible that fighters trained by "
        f"the group crossed into {place} from the north.\n\n"
        f"Police arrested {n % 5 + 1} suspects in {place} on the following day. {person} remains at large.\n"
    )


def _default_sigint() -> None:
    """A test run started in the background of a script inherits SIGINT ignored (bash does that to
    asynchronous jobs); the ingest under test must see Ctrl-C as a terminal would deliver it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def claimgraph(*args: str, **kwargs) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "claimgraph", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint, **kwargs)


def stored_documents(db: str) -> int:
    url = make_url(resolve_url(db))
    if url.get_backend_name() == "sqlite":  # read-only: never create the file before ingest does
        url = make_url(f"sqlite:///file:{url.database}?mode=ro&uri=true")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar()
    except OperationalError:  # file not there yet
        return 0
    except ProgrammingError:  # schema not there yet
        return 0
    finally:
        engine.dispose()


def wait_for_documents(process: subprocess.Popen[str], db: str, at_least: int) -> None:
    """Wait until the running ingest has committed some documents (the test is about state, not speed)."""
    while stored_documents(db) < at_least:
        if process.poll() is not None:
            pytest.fail(f"ingest ended before it was interrupted: {process.stderr.read()}")
        time.sleep(0.02)


@pytest.fixture
def corpus(tmp_path: Path, backend) -> tuple[Path, str]:
    folder = tmp_path / "wire"
    folder.mkdir()
    for n in range(N_ARTICLES):
        (folder / f"story-{n:03d}.txt").write_text(article(n), encoding="utf-8")
    return folder, backend.empty()


def assert_consistent(db: str, nlp) -> int:
    """Integrity holds, nothing hangs without its parent, and every stored document has all its rows."""
    engine = open_store(db)
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            assert conn.execute(text("PRAGMA integrity_check")).all() == [("ok",)]
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        orphans = {
            "entities": "SELECT count(*) FROM entities WHERE doc_id NOT IN (SELECT id FROM documents)",
            "mentions": "SELECT count(*) FROM mentions WHERE entity_id NOT IN (SELECT id FROM entities)",
            "claims": "SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)",
            "events": "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)",
            "participants": "SELECT count(*) FROM event_participants WHERE event_id NOT IN (SELECT id FROM events)",
        }
        if sqlite:
            orphans["fts"] = "SELECT count(*) FROM documents_fts WHERE doc_id NOT IN (SELECT id FROM documents)"
        assert {name: conn.execute(text(sql)).scalar() for name, sql in orphans.items()} == dict.fromkeys(orphans, 0)
        documents = conn.execute(text("SELECT id, source FROM documents")).all()
        index = ("SELECT count(*) FROM documents_fts" if sqlite
                 else "SELECT count(*) FROM documents WHERE search_vector IS NOT NULL")
        assert conn.execute(text(index)).scalar() == len(documents)
    try:
        with Session(engine) as session:
            for doc_id, source in documents:
                expected = extract_document(read_source(source)[0], nlp).to_json()
                assert load_extraction(session, doc_id).to_json() == expected, source
    finally:
        engine.dispose()
    return len(documents)


def rerun_completes(folder: Path, db: str, before: int) -> None:
    rerun = claimgraph("ingest", str(folder), "--db", db)
    stdout, stderr = rerun.communicate(timeout=1800)
    assert rerun.returncode == 0, stderr
    assert stdout == (f"{N_ARTICLES} inputs: {N_ARTICLES - before} stored, 0 replaced, {before} skipped, "
                      "0 failed\n")
    assert stored_documents(db) == N_ARTICLES


@pytest.mark.slow
def test_interrupt_kill_9_leaves_whole_documents(corpus, nlp):
    folder, db = corpus
    process = claimgraph("ingest", str(folder), "--db", db, "--write-batch", "2")
    wait_for_documents(process, db, at_least=3)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    stored = assert_consistent(db, nlp)
    assert 3 <= stored < N_ARTICLES
    rerun_completes(folder, db, stored)
    assert assert_consistent(db, nlp) == N_ARTICLES


@pytest.mark.slow
def test_interrupt_ctrl_c_rolls_back_and_exits_130(corpus, nlp):
    folder, db = corpus
    process = claimgraph("ingest", str(folder), "--db", db, "--write-batch", "2")
    wait_for_documents(process, db, at_least=2)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130
    assert stderr.splitlines()[-1] == "claimgraph: interrupted; documents not yet committed were rolled back"
    stored = assert_consistent(db, nlp)
    assert stdout.startswith(f"{N_ARTICLES} inputs: {stored} stored, 0 replaced, 0 skipped, 0 failed")
    assert 2 <= stored < N_ARTICLES


def _rows(db: str, sql: str) -> list[tuple]:
    engine = create_engine(resolve_url(db))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


NETWORK = [
    "SELECT id, name, type, aliases, n_documents, degree, n_members FROM canonical_entities ORDER BY id",
    "SELECT doc_id, local_id, canonical_id FROM entities ORDER BY doc_id, local_id",
    "SELECT subject_id, relation, object_id, n_claims, n_sources, n_denials, grade, contradiction FROM edges "
    "ORDER BY subject_id, relation, object_id",
]


@pytest.mark.slow
@pytest.mark.issue(11)
def test_interrupt_kill_9_during_resolution_is_finished_by_the_next_command(tmp_path, backend):
    """All documents committed, resolution running: kill -9. The next command (any: here `stats`) finds
    documents awaiting resolution, resolves them, and the network is the one a full rebuild gives (on both
    backends: PostgreSQL rolls the killed transaction back when the connection drops)."""
    folder, db = tmp_path / "wire", backend.empty()
    folder.mkdir()
    for n in range(N_ARTICLES):
        (folder / f"story-{n:03d}.txt").write_text(article(n), encoding="utf-8")
    first = claimgraph("ingest", str(folder), "--db", db)
    assert first.wait(timeout=1800) == 0
    caught = False
    for attempt in range(3):  # the kill must land after the last document commits and before resolution does
        more = tmp_path / f"more{attempt}"
        more.mkdir()
        for n in range(N_ARTICLES):
            (more / f"story-{n:03d}.txt").write_text(article(1000 * (attempt + 1) + n), encoding="utf-8")
        total = stored_documents(db) + N_ARTICLES
        process = claimgraph("ingest", str(more), "--db", db)
        wait_for_documents(process, db, at_least=total)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        if _rows(db, "SELECT count(*) FROM resolution_pending")[0][0] > 0:
            caught = True
            break
    assert caught, "resolution always finished before the kill landed"
    assert _rows(db, "SELECT count(*) FROM entities WHERE canonical_id IS NULL")[0][0] > 0
    stats = claimgraph("stats", "--db", db)
    stdout, stderr = stats.communicate(timeout=600)
    assert stats.returncode == 0, stderr
    assert _rows(db, "SELECT count(*) FROM resolution_pending") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM entities WHERE canonical_id IS NULL") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM claims c JOIN entities s ON s.id = c.subject_id "
                     "LEFT JOIN canonical_entities ce ON ce.id = s.canonical_id WHERE ce.id IS NULL") == [(0,)]
    after = [_rows(db, sql) for sql in NETWORK]
    assert after[2], "no edges"
    full = claimgraph("resolve", "--full", "--db", db)
    assert full.wait(timeout=600) == 0
    assert [_rows(db, sql) for sql in NETWORK] == after
