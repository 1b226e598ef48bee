"""Ctrl-C held back across a short critical section.

A batch write commits and then records what it committed. A Ctrl-C that lands between the two would leave the
store holding documents the run's summary does not count. Inside `deferred_interrupt()` SIGINT is noted, not
raised; it is raised as KeyboardInterrupt once the section is over, so the commit and its report stay together.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold SIGINT until the block ends, then raise it. Only the main thread receives signals, and only Python's
    own handler raises KeyboardInterrupt; anywhere else (a web worker thread, SIGINT ignored or handled by the
    caller) the block runs as it is."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:  # even when the block failed: a caller that recovers from errors must still stop
            raise KeyboardInterrupt
