"""Page runs take turns (components/turns.py): two at once, the third waits, a turn is given back however a run
ends, and a run that waited too long goes ahead anyway."""

import threading
import time

import pytest

from components.turns import turn


def test_the_third_run_waits_for_a_turn_and_gets_the_first_given_back():
    turns = threading.BoundedSemaphore(2)
    release, order = threading.Event(), []

    def run(name: str):
        with turn(turns, wait=30) as got:
            order.append((name, got))
            if name != "third":
                release.wait(30)

    first, second = threading.Thread(target=run, args=("first",)), threading.Thread(target=run, args=("second",))
    first.start(), second.start()
    while len(order) < 2:
        time.sleep(0.01)
    third = threading.Thread(target=run, args=("third",))
    third.start()
    third.join(0.5)
    assert third.is_alive() and len(order) == 2  # both turns held: the third waits
    release.set()
    for thread in (first, second, third):
        thread.join(30)
    assert order[-1] == ("third", True)


def test_a_turn_is_given_back_when_the_run_stops_with_an_exception():
    turns = threading.BoundedSemaphore(1)
    with pytest.raises(RuntimeError):
        with turn(turns, wait=1):
            raise RuntimeError("st.stop() raises too")
    with turn(turns, wait=0.1) as got:
        assert got


def test_a_run_that_waited_too_long_goes_ahead_without_a_turn():
    turns = threading.BoundedSemaphore(1)
    with turn(turns, wait=1):
        started = time.perf_counter()
        with turn(turns, wait=0.2) as got:
            assert not got and time.perf_counter() - started >= 0.2
    # the run without a turn gave nothing back: the one turn is free again, and only one
    assert turns.acquire(timeout=0.1) and not turns.acquire(timeout=0.1)
