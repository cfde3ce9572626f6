"""Page runs take turns (components/turns.py): two at once, the third waits, a turn is given back however a run
ends, a run that waited too long goes ahead anyway; a view drawn before goes before new ones, and a run for a view
being drawn waits for that run instead of drawing it beside it."""

import threading
import time

import pytest

from components.turns import NEW, Turns, Views, turn


def wait_until(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_the_third_run_waits_for_a_turn_and_gets_the_first_given_back():
    turns, views = Turns(2), Views()
    release, order = threading.Event(), []

    def run(name: str):
        with turn(name, turns, views, wait=30) as got:
            order.append((name, got))
            if name != "third":
                release.wait(30)

    first, second = threading.Thread(target=run, args=("first",)), threading.Thread(target=run, args=("second",))
    first.start(), second.start()
    wait_until(lambda: len(order) == 2)
    third = threading.Thread(target=run, args=("third",))
    third.start()
    third.join(0.5)
    assert third.is_alive() and len(order) == 2  # both turns held: the third waits
    release.set()
    for thread in (first, second, third):
        thread.join(30)
    assert order[-1] == ("third", True)


def test_a_turn_is_given_back_when_the_run_stops_with_an_exception():
    turns, views = Turns(1), Views()
    with pytest.raises(RuntimeError):
        with turn("overview", turns, views, wait=1):
            raise RuntimeError("st.stop() raises too")
    with turn("map", turns, views, wait=0.1) as got:
        assert got


def test_a_run_that_waited_too_long_goes_ahead_without_a_turn():
    turns, views = Turns(1), Views()
    with turn("overview", turns, views, wait=1):
        started = time.perf_counter()
        with turn("map", turns, views, wait=0.2) as got:
            assert not got and time.perf_counter() - started >= 0.2
    # the run without a turn gave nothing back: the one turn is free again, and only one
    assert turns.acquire(NEW, timeout=0.1)
    assert not turns.acquire(NEW, timeout=0.1)


def test_a_view_drawn_before_goes_before_the_new_views_that_came_earlier():
    turns, views = Turns(1), Views()
    with turn("Hà Nội", turns, views, wait=1):
        pass  # drawn once
    order = []

    def run(view: str):
        with turn(view, turns, views, wait=30):
            order.append(view)

    assert turns.acquire(NEW, timeout=1)  # another run holds the one turn
    waiting = []
    for view in ("Lào Cai", "Điện Biên", "Hà Nội"):  # two new views come first, then the one drawn before
        waiting.append(threading.Thread(target=run, args=(view,)))
        waiting[-1].start()
        wait_until(lambda: len(turns._waiting) == len(waiting))
    turns.release()
    for thread in waiting:
        thread.join(30)
    assert order == ["Hà Nội", "Lào Cai", "Điện Biên"]


def drawing_and_waiting(views: Views):
    """A run drawing the view "Hà Nội" until `finished` is set, then a second run for the same view, with a turn
    free for it; `order` gets "first" when the first ends, then ("second", whether it got a turn, seconds waited)."""
    turns = Turns(2)
    drawing, finished, order = threading.Event(), threading.Event(), []

    def first():
        with turn("Hà Nội", turns, views, wait=30):
            drawing.set()
            finished.wait(30)
            order.append("first")

    def second():
        started = time.monotonic()
        with turn("Hà Nội", turns, views, wait=30) as got:
            order.append(("second", got, time.monotonic() - started))

    threads = [threading.Thread(target=first)]
    threads[0].start()
    drawing.wait(30)
    threads.append(threading.Thread(target=second))
    threads[1].start()
    return threads, finished, order


def test_a_run_for_a_view_being_drawn_waits_for_it_though_a_turn_is_free():
    threads, finished, order = drawing_and_waiting(Views())
    threads[1].join(0.3)
    assert threads[1].is_alive() and order == []  # a turn is free, yet it waits for the drawing
    finished.set()
    for thread in threads:
        thread.join(30)
    assert order[0] == "first" and order[1][:2] == ("second", True)


def test_views_are_new_again_once_forgotten_and_only_the_last_ones_are_kept():
    views = Views(keep=2)
    drawn, new = views.claim("a")
    assert new and not drawn.is_set()
    drawn.set()
    again, new = views.claim("a")
    assert again is drawn and not new
    views.forget()
    assert views.claim("a")[1]
    views.claim("b"), views.claim("c")  # a is the oldest of three: dropped
    assert views.claim("a")[1]


def test_a_run_waiting_for_a_view_goes_once_it_is_drawn_though_an_import_forgot_it_meanwhile():
    views = Views()
    threads, finished, order = drawing_and_waiting(views)
    wait_until(lambda: len(views._views) == 1 and threads[1].is_alive())
    views.forget()  # an import in another session
    finished.set()
    for thread in threads:
        thread.join(30)
    assert order[1][:2] == ("second", True) and order[1][2] < 10  # not the whole wait of 30 s
