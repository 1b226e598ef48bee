"""Progress of long work (ingest, resolve, export, train) on stderr: counts and an ETA.

On a terminal it is a Rich progress bar; when stderr is a pipe or a file it is plain lines (one every tenth of the
work or every `PLAIN_EVERY` seconds, and the last), since a redrawn bar in a log is only noise; `quiet` silences
it. Work that finishes within `PROGRESS_DELAY` seconds, or has at most `min_items` items, shows nothing: it is
over before a bar would help. Results stay on stdout; errors are printed by the caller and are never silenced.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

PROGRESS_DELAY = 1.0  # seconds of work before anything is shown
PLAIN_EVERY = 10.0  # seconds between plain lines, at most
PLAIN_STEPS = 10  # plain lines per run, besides the time-driven ones

Clock = Callable[[], float]


def _duration(seconds: float) -> str:
    return str(timedelta(seconds=round(max(seconds, 0))))


class ProgressReport:
    """Report `update(done, total, item)` calls as a bar or as plain lines. Use as a context manager, or call
    `stop()`; it also serves as the `(done, total, item)` callback that `process_sources` takes."""

    def __init__(self, label: str, *, quiet: bool = False, console: Console | None = None, min_items: int = 0,
                 delay: float | None = None, clock: Clock = time.monotonic) -> None:
        self.label, self.quiet, self.min_items = label, quiet, min_items
        self.console = console or Console(stderr=True)
        self.delay = PROGRESS_DELAY if delay is None else delay
        self.clock = clock
        self.started = clock()
        self.bar: Progress | None = None
        self.task = None
        self.last_line: tuple[float, int] | None = None  # (time, tenth of the work) of the last plain line

    def __call__(self, done: int, total: int, item: str = "") -> None:
        self.update(done, total, item)

    def __enter__(self) -> ProgressReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _shown(self, total: int) -> bool:
        return not self.quiet and total > self.min_items and self.clock() - self.started >= self.delay

    def update(self, done: int, total: int, item: str = "") -> None:
        """done of total items are finished; item is what was finished last (a file, a stage)."""
        if not self._shown(total):
            return
        if self.console.is_terminal:
            self._draw(done, total, item)
        elif done > 0:
            self._line(done, total, item)

    def _draw(self, done: int, total: int, item: str) -> None:
        if self.bar is None:
            self.bar = Progress(TextColumn(self.label), BarColumn(), MofNCompleteColumn(), TextColumn("eta"),
                                TimeRemainingColumn(), TimeElapsedColumn(), TextColumn("{task.description}"),
                                console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=total)
        self.bar.update(self.task, completed=done, total=total, description=item)

    def _line(self, done: int, total: int, item: str) -> None:
        now = self.clock()
        step = done * PLAIN_STEPS // max(total, 1)
        if self.last_line is not None and done < total:
            last_time, last_step = self.last_line
            if step == last_step and now - last_time < PLAIN_EVERY:
                return
        self.last_line = (now, step)
        elapsed = now - self.started
        eta = elapsed / done * (total - done)
        what = f" {item}" if item else ""
        self.console.print(f"{self.label}: {done}/{total} ({100 * done // max(total, 1)}%) elapsed "
                           f"{_duration(elapsed)} eta {_duration(eta)}{what}",
                           markup=False, highlight=False, soft_wrap=True)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


__all__ = ["PROGRESS_DELAY", "ProgressReport"]
