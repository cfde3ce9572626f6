"""The dashboard's connection to the database: one cached connection per process, a cursor per use.

Queries run in read-only transactions on a cursor each. Imports write through the same connection (DuckDB
lets one process open a file one way only). Set GIAMNGHEO_READ_ONLY=1 for a viewer-only dashboard, which leaves
the file free for other readers. What the sign-in needs before any user is known (whether accounts exist,
whether the database is the synthetic demo, an account's units) is read here too; components/data.py runs the
named queries for the signed-in user on top of it.
"""

from __future__ import annotations

import functools
import inspect
import os
import threading
from collections.abc import Callable

import duckdb
import streamlit as st

from giamngheo import auth, db
from giamngheo.paths import database_path


def by_name(cache: Callable) -> Callable:
    """`cache` (st.cache_data or st.cache_resource with its options) for a function that is then always called
    with its arguments by name: Streamlit looks each positional argument's name up in the function's signature at
    every call (inspect.signature: a fifth of what a page's two dozen cached calls cost)."""
    def decorate(function: Callable) -> Callable:
        cached = cache(function)
        names = tuple(inspect.signature(function).parameters)

        @functools.wraps(function)
        def call(*args, **kwargs):
            return cached(**dict(zip(names, args)), **kwargs)
        call.clear = cached.clear
        return call
    return decorate


def read_only() -> bool:
    return os.environ.get("GIAMNGHEO_READ_ONLY") == "1" or as_of() is not None


def as_of() -> int | None:
    """The snapshot a DuckLake is shown at (`... SNAPSHOT=N` in GIAMNGHEO_DB), or None for the latest data."""
    lake = db.Lake.parse(current_db())
    return lake.snapshot if lake else None


@by_name(st.cache_data(show_spinner=False))
def snapshot_time(path: str, snapshot: int) -> str:
    return _on(_connection(path), lambda cur: cur.execute(
        "select strftime(snapshot_time, '%d/%m/%Y %H:%M') from lake.snapshots() where snapshot_id = ?", [snapshot]
    ).fetchone()[0])


class DatabaseBusy(Exception):
    """Another process holds the database file for writing (a command-line import, most often)."""


@by_name(st.cache_resource(show_spinner=False))
def _connection(path: str):
    try:
        return db.connect(path, read_only=read_only())
    except duckdb.IOException as error:  # not cached: the next run tries again
        raise DatabaseBusy(str(error)) from error


@by_name(st.cache_resource(show_spinner=False, max_entries=2))
def _reader(path: str, version: int | None):
    """Where the figures are read: on a DuckDB file, the process connection; on a lake, its tables at the snapshot
    `version` copied into memory once per process and snapshot (db.reader), since each query on the lake itself
    pays a catalogue lookup per table it reads."""
    return _connection(path) if version is None else db.reader(path, version)


def _on(con: duckdb.DuckDBPyConnection, action: Callable):
    """`action(cursor)` on a cursor of its own of `con`."""
    cursor = db.cursor(con)
    try:
        return action(cursor)
    finally:
        cursor.close()


def read(path: str, version: int | None, action: Callable):
    """Run `action(cursor)` on the figures at `version` (a cached result's own key)."""
    return _on(_reader(path, version), action)


def with_cursor(action: Callable):
    """Run `action(cursor)` on the process connection, keeping cached query results: reads (validating a file,
    building a workbook; callers check the user's area first) and the sessions' bookkeeping, which changes no
    figure."""
    return _on(_connection(current_db()), action)


_run = threading.local()  # a session's script runs in a thread of its own: what that run asked once


def this_run() -> dict:
    """What the current run has asked once: the user (components/access.py) and the answers of once_per_run.
    access.new_run starts every run with it empty (forget_run), and so does an import (data.write). Kept by the
    thread that runs the session's script, not in the session state: the pages ask a few dozen times a run, and a
    look-up here costs a tenth of one in the session state."""
    memo = getattr(_run, "memo", None)
    if memo is None:
        memo = _run.memo = {}
    return memo


def forget_run() -> None:
    _run.memo = {}


def once_per_run(function: Callable) -> Callable:
    """`function(*args)` asked once per run of the session's page (access.new_run forgets the answers, and so does
    an import): the figures of a run all stand on one data version, and the values every query needs (the data
    version, the user's units, a year's code list) are looked up once instead of a dozen times a run."""
    @functools.wraps(function)
    def asked_once(*args):
        answers = this_run()
        key = (function.__qualname__, *args)
        if key not in answers:
            answers[key] = function(*args)
        return answers[key]
    return asked_once


def current_db() -> str:
    return str(database_path())


@by_name(st.cache_data(show_spinner=False, ttl=5))
def data_version(path: str) -> int | None:
    """What cached results are keyed by besides their parameters: a lake's snapshot, which imports by other
    dashboard processes advance (looked up at most every 5 seconds); None for a DuckDB file."""
    return db.version(_connection(path))


@once_per_run
def cache_key() -> tuple[str, int | None]:
    """The database and its data version: the first arguments of every cached result."""
    path = current_db()
    return path, data_version(path)


@by_name(st.cache_data(show_spinner=False, ttl=60))
def _accounts_exist(path: str) -> bool:
    return _on(_connection(path), auth.has_accounts)


def accounts_exist() -> bool:
    return _accounts_exist(current_db())


@by_name(st.cache_data(show_spinner=False, max_entries=1000))
def _allowed_codes(path: str, user, code_list: str):
    return _on(_connection(path), lambda cur: auth.allowed_codes(cur, user, code_list))


@once_per_run
def allowed_codes(user, code_list: str) -> set[str] | None:
    return _allowed_codes(current_db(), user, code_list)


def is_synthetic_database() -> bool:
    """Whether the database is the synthetic demo, read without a user (it decides whether one is needed)."""
    return _is_synthetic(*cache_key())


@by_name(st.cache_data(show_spinner=False, ttl=60))
def _is_synthetic(path: str, version: int | None) -> bool:
    return read(path, version, db.is_synthetic)
