"""Page runs take turns in a dashboard process: at most TURNS at once; of the others, a view the process has drawn
before goes first, then the new ones, each in the order they came.

Streamlit runs every session's script in a thread of its own, and the threads share one interpreter. When a room
opens the dashboard at once, every run advances a little at a time and all of them finish near the end of the
crowd's time. Taking turns, the first to come finish first. A view is a page with its link's filters: drawn once,
its charts and tables are replayed from the process's caches (components/plots.py) at a tenth of the cost, so a
run for a view already drawn goes before the new views waiting (the shortest work first: the room's median falls,
nobody's work grows), and a run for a view being drawn waits for that run rather than drawing it again beside it.
Two turns, so that one run's Python overlaps another's query (DuckDB works outside the interpreter's lock). A run
waits at most WAIT seconds in all: a long run (a large import, an export) holding a turn delays the others, it
never stops them.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Iterator
from contextlib import contextmanager

TURNS = 2
WAIT = 15.0
DRAWN, NEW = 0, 1  # the lanes of the waiting runs, first served first


class Turns:
    """At most `size` holders at once; waiting ones served by lane, then in the order they came."""

    def __init__(self, size: int = TURNS):
        self._free = size
        self._waiting: list[tuple[int, int]] = []  # a heap of (lane, arrival)
        self._arrivals = itertools.count()
        self._changed = threading.Condition()

    def acquire(self, lane: int, timeout: float) -> bool:
        with self._changed:
            me = (lane, next(self._arrivals))
            heapq.heappush(self._waiting, me)
            got = self._changed.wait_for(lambda: self._free > 0 and self._waiting[0] == me, max(timeout, 0))
            self._waiting.remove(me)
            heapq.heapify(self._waiting)
            self._free -= got
            self._changed.notify_all()  # the next in line may be served now (or a free turn it waited behind me for)
            return got

    def release(self) -> None:
        with self._changed:
            self._free += 1
            self._changed.notify_all()


class Views:
    """The views a process has drawn or is drawing (the last `keep` of them): each with an event set once drawn."""

    def __init__(self, keep: int = 10_000):
        self._views: OrderedDict[Hashable, threading.Event] = OrderedDict()
        self._keep = keep
        self._lock = threading.Lock()

    def claim(self, view: Hashable) -> tuple[threading.Event, bool]:
        """The view's event, set once it is drawn, and whether the view is new (then the caller draws it and sets
        the event, even if the view was forgotten meanwhile: a run waiting for it must not wait in vain)."""
        with self._lock:
            if view in self._views:
                self._views.move_to_end(view)
                return self._views[view], False
            event = self._views[view] = threading.Event()
            if len(self._views) > self._keep:
                self._views.popitem(last=False)
            return event, True

    def forget(self) -> None:
        """After an import every view is new again (the caches were cleared)."""
        with self._lock:
            self._views.clear()


_turns, _views = Turns(), Views()


@contextmanager
def turn(view: Hashable = None, turns: Turns = _turns, views: Views = _views, wait: float = WAIT) -> Iterator[bool]:
    """Hold one of the process's turns for the block (given back however the block ends: st.stop, a rerun);
    yields whether the turn came before `wait` seconds passed."""
    deadline = time.monotonic() + wait
    drawn, new = views.claim(view)
    if not new:
        drawn.wait(wait)  # being drawn by another run: its charts and tables are ready when it ends
    got = turns.acquire(NEW if new else DRAWN, timeout=deadline - time.monotonic())
    try:
        yield got
    finally:
        if got:
            turns.release()
        if new:
            drawn.set()


def forget() -> None:
    _views.forget()
