"""A Ctrl-C during a batch write waits for the write and its report: the summary counts what the store holds."""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import claimgraph.process as process
from claimgraph.interrupts import deferred_interrupt


def ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


@pytest.fixture(autouse=True)
def python_sigint():
    """Python's own Ctrl-C handler for each test: a run started in the background of a script (as CI may be)
    inherits SIGINT ignored, and there a terminal's Ctrl-C would not reach the code under test at all."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_deferred_interrupt_raises_after_the_block():
    done = []
    with pytest.raises(KeyboardInterrupt):
        with deferred_interrupt():
            ctrl_c()
            done.append("rest of the block")
    assert done == ["rest of the block"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_deferred_interrupt_wins_over_an_error_in_the_block():
    """The ingest loop recovers from ordinary errors and goes on; a Ctrl-C held during one must still stop it."""
    with pytest.raises(KeyboardInterrupt) as stopped:
        with deferred_interrupt():
            ctrl_c()
            raise ValueError("a write that failed")
    assert isinstance(stopped.value.__context__, ValueError)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_deferred_interrupt_without_a_signal_is_silent():
    with deferred_interrupt():
        pass
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_deferred_interrupt_leaves_other_handlers_alone():
    seen: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: seen.append(signum))
    try:
        with deferred_interrupt():
            ctrl_c()
        assert seen == [signal.SIGINT]
    finally:
        signal.signal(signal.SIGINT, previous)


def test_deferred_interrupt_outside_the_main_thread_runs_the_block():
    errors: list[BaseException] = []

    def body() -> None:
        try:
            with deferred_interrupt():
                pass
        except BaseException as err:  # noqa: BLE001 - reported to the test thread
            errors.append(err)

    worker = threading.Thread(target=body)
    worker.start()
    worker.join()
    assert errors == []


STORY = ("Saltmarsh Vanguard fighters attacked a police post near Kessel on {day} May 2023, officials in "
         "Valdoria said. Police arrested {n} suspects the next day.\n")


def test_ctrl_c_right_after_a_commit_is_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The signal lands after the first batch commits and before it is reported: that batch is still counted,
    the run stops there, and nothing later is written."""
    for n in range(6):
        (tmp_path / f"story-{n}.txt").write_text(STORY.format(day=n + 1, n=n + 2), encoding="utf-8")
    real = process.write_session
    commits: list[int] = []

    @contextmanager
    def commit_then_ctrl_c(engine):
        with real(engine) as session:
            yield session
        commits.append(1)
        if len(commits) == 1:
            ctrl_c()

    monkeypatch.setattr(process, "write_session", commit_then_ctrl_c)
    db = tmp_path / "store.db"
    summary = process.process_sources([str(tmp_path)], f"sqlite:///{db}", write_batch=2)
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM documents")).scalar()
    finally:
        engine.dispose()
    assert summary.interrupted
    assert commits == [1]
    assert (stored, summary.stored) == (2, 2)
