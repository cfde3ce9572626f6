"""The dashboard's access to the database: one cached connection per process, cached named queries.

Queries run in read-only transactions on a cursor each. Imports write through the same connection (DuckDB
lets one process open a file one way only), in one transaction, then drop the cached query results.
Set GIAMNGHEO_READ_ONLY=1 for a viewer-only dashboard, which leaves the file free for other readers.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pandas as pd
import streamlit as st

from giamngheo import db, queries
from giamngheo.paths import database_path


def read_only() -> bool:
    return os.environ.get("GIAMNGHEO_READ_ONLY") == "1"


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    return db.connect(path, read_only=read_only())


def write(action: Callable):
    """Run `action(cursor)` on the process connection, then forget cached query results."""
    cursor = _connection(current_db()).cursor()
    try:
        return action(cursor)
    finally:
        cursor.close()
        _query.clear()
        _scorecard.clear()
        _briefing.clear()


def with_cursor(action: Callable):
    """Run a read-only `action(cursor)` (e.g. validating a file) on the process connection."""
    cursor = _connection(current_db()).cursor()
    try:
        return action(cursor)
    finally:
        cursor.close()


def current_db() -> str:
    return str(database_path())


@st.cache_data(show_spinner=False, max_entries=2000)
def _query(path: str, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(_connection(path), name, **dict(params))


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query (queries/NAME.sql); results are cached per database, query and parameters."""
    return _query(current_db(), name, tuple(sorted(params.items()))).copy()


def is_synthetic() -> bool:
    meta = query("metadata")
    return bool((meta.key == "synthetic").any() and meta.set_index("key").value.get("synthetic") == "true")


@st.cache_data(show_spinner=False, max_entries=500)
def _scorecard(path: str, area: str, year: int) -> pd.DataFrame:
    from giamngheo import scorecard

    cursor = _connection(path).cursor()
    try:
        return scorecard.build(cursor, area, year)
    finally:
        cursor.close()


def scorecard(area: str, year: int) -> pd.DataFrame:
    """Targets of the area and the units one level down, against their results (giamngheo.scorecard)."""
    return _scorecard(current_db(), area, year).copy()


@st.cache_resource(show_spinner=False, max_entries=100)
def _briefing(path: str, area: str, year: int, lang: str):
    from giamngheo import briefing as deck

    cursor = _connection(path).cursor()
    try:
        return deck.build(cursor, area, year, lang)
    finally:
        cursor.close()


def briefing(area: str, year: int, lang: str):
    """The briefing slides of an area and year (giamngheo.briefing), built once per database and language."""
    return _briefing(current_db(), area, year, lang)
