"""Page runs take turns in a dashboard process: at most TURNS at once, the others wait in the order they came.

Streamlit runs every session's script in a thread of its own, and the threads share one interpreter. When a room
opens the dashboard at once, every run advances a little at a time and all of them finish near the end of the
crowd's time. Taking turns, the first to come finish first and the last no later than before: the median
session waits about half as long. Two turns, so that one run's Python overlaps another's query (DuckDB works
outside the interpreter's lock). A run waits at most WAIT seconds: a long run (a large import, an export)
holding a turn delays the others, it never stops them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

TURNS = 2
WAIT = 15.0

_turns = threading.BoundedSemaphore(TURNS)


@contextmanager
def turn(turns: threading.BoundedSemaphore = _turns, wait: float = WAIT) -> Iterator[bool]:
    """Hold one of the process's turns for the block (given back however the block ends: st.stop, a rerun);
    yields whether the turn came before `wait` seconds passed."""
    got = turns.acquire(timeout=wait)
    try:
        yield got
    finally:
        if got:
            turns.release()
