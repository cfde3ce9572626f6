"""The dashboard's access to the database: one cached connection per process, cached named queries.

Queries run in read-only transactions on a cursor each. Imports write through the same connection (DuckDB
lets one process open a file one way only), in one transaction, then drop the cached query results.
Set GIAMNGHEO_READ_ONLY=1 for a viewer-only dashboard, which leaves the file free for other readers.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from giamngheo import db, disclosure, queries
from giamngheo.paths import database_path


def read_only() -> bool:
    return os.environ.get("GIAMNGHEO_READ_ONLY") == "1" or as_of() is not None


def as_of() -> int | None:
    """The snapshot a DuckLake is shown at (`... SNAPSHOT=N` in GIAMNGHEO_DB), or None for the latest data."""
    lake = db.Lake.parse(current_db())
    return lake.snapshot if lake else None


@st.cache_data(show_spinner=False)
def snapshot_time(path: str, snapshot: int) -> str:
    cursor = db.cursor(_connection(path))
    try:
        return cursor.execute("select strftime(snapshot_time, '%d/%m/%Y %H:%M') from lake.snapshots() "
                              "where snapshot_id = ?", [snapshot]).fetchone()[0]
    finally:
        cursor.close()


class DatabaseBusy(Exception):
    """Another process holds the database file for writing (a command-line import, most often)."""


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    try:
        return db.connect(path, read_only=read_only())
    except duckdb.IOException as error:  # not cached: the next run tries again
        raise DatabaseBusy(str(error)) from error


def write(action: Callable):
    """Run `action(cursor)` on the process connection, then forget cached query results."""
    cursor = db.cursor(_connection(current_db()))
    try:
        return action(cursor)
    finally:
        cursor.close()
        _query.clear()
        data_version.clear()
        _scorecard.clear()
        _briefing.clear()
        _accounts_exist.clear()


def with_cursor(action: Callable):
    """Run `action(cursor)` on the process connection, keeping cached query results: reads (validating a file,
    building a workbook; callers check the user's area first) and the sessions' bookkeeping, which changes no
    figure."""
    cursor = db.cursor(_connection(current_db()))
    try:
        return action(cursor)
    finally:
        cursor.close()


def current_db() -> str:
    return str(database_path())


@st.cache_data(show_spinner=False, ttl=5)
def data_version(path: str) -> int | None:
    """What cached results are keyed by besides their parameters: a lake's snapshot, which imports by other
    dashboard processes advance (looked up at most every 5 seconds); None for a DuckDB file."""
    return db.version(_connection(path))


def _cache_key() -> tuple[str, int | None]:
    """The database and its data version: the first arguments of every cached result."""
    path = current_db()
    return path, data_version(path)


@st.cache_data(show_spinner=False, max_entries=2000)
def _query(path: str, version: int | None, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(_connection(path), name, **dict(params))


def _code_list(year) -> str:
    years = _query(*_cache_key(), "years", ())
    if year is None:
        return "qd19_2025"
    match = years[years.review_year == int(year)]
    return match.code_list.iloc[0] if len(match) else "gso_2024"


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query (queries/NAME.sql) for the signed-in user; results are cached per database, query
    and parameters. The user's area is enforced here: a query for another area is refused, the area picker
    lists only the user's units, and names of heads of household come only to those who may see them."""
    from components import access

    if name not in ("years", "metadata") and access.current_user() is None:
        raise access.AccessDenied("sign in first")
    if "area" in params:
        access.require_area(params["area"], _code_list(params.get("year")))
    if name == "households_list":
        if not access.may_see_households():
            raise access.AccessDenied("this role does not see household lists")
        params["show_names"] = access.may_see_names(_code_list(params.get("year")))
    frame = _query(*_cache_key(), name, tuple(sorted(params.items()))).copy()
    if name in disclosure.CELLS and access.sees_protected_counts():
        frame = _protected(disclosure.protect(name, frame))
    if name == "imports":  # the country's import log is an administrator's; an area's user sees their own imports
        user = access.current_user()
        if user.area_code is not None:
            frame = frame[frame.user_name == user.name]
    if name == "areas":
        allowed = access._allowed(_code_list(params.get("year")))
        if allowed is not None:
            frame = frame[frame.code.isin(allowed | ancestors(frame, allowed))]
    return frame


def _protected(frame: pd.DataFrame) -> pd.DataFrame:
    """Count the cells hidden in this run, for the page's note (app.py)."""
    st.session_state["hidden_cells"] = st.session_state.get("hidden_cells", 0) + frame.attrs.get("hidden", 0)
    return frame


def ancestors(areas: pd.DataFrame, codes: set[str]) -> set[str]:
    """Province and district codes above `codes`, so the area picker can reach a user's units."""
    rows = areas[areas.code.isin(codes)]
    return set(rows.province_code.dropna()) | set(rows.district_code.dropna())


@st.cache_data(show_spinner=False, ttl=60)
def _accounts_exist(path: str) -> bool:
    from giamngheo import auth

    cursor = db.cursor(_connection(path))
    try:
        return auth.has_accounts(cursor)
    finally:
        cursor.close()


def accounts_exist() -> bool:
    return _accounts_exist(current_db())


@st.cache_data(show_spinner=False, max_entries=1000)
def _allowed_codes(path: str, user, code_list: str):
    from giamngheo import auth

    cursor = db.cursor(_connection(path))
    try:
        return auth.allowed_codes(cursor, user, code_list)
    finally:
        cursor.close()


def allowed_codes(user, code_list: str) -> set[str] | None:
    return _allowed_codes(current_db(), user, code_list)


def is_synthetic() -> bool:
    meta = query("metadata")
    return bool((meta.key == "synthetic").any() and meta.set_index("key").value.get("synthetic") == "true")


def is_synthetic_database() -> bool:
    """Whether the database is the synthetic demo, read without a user (it decides whether one is needed)."""
    return _is_synthetic(*_cache_key())


@st.cache_data(show_spinner=False, ttl=60)
def _is_synthetic(path: str, version: int | None) -> bool:
    cursor = db.cursor(_connection(path))
    try:
        return db.is_synthetic(cursor)
    finally:
        cursor.close()


@st.cache_data(show_spinner=False, max_entries=500)
def _scorecard(path: str, version: int | None, area: str, year: int) -> pd.DataFrame:
    from giamngheo import scorecard

    cursor = db.cursor(_connection(path))
    try:
        return scorecard.build(cursor, area, year)
    finally:
        cursor.close()


def scorecard(area: str, year: int) -> pd.DataFrame:
    """Targets of the area and the units one level down, against their results (giamngheo.scorecard)."""
    from components import access

    access.require_area(area, _code_list(year))
    frame = _scorecard(*_cache_key(), area, year).copy()
    return _protected(disclosure.protect_scorecard(frame)) if access.sees_protected_counts() else frame


@st.cache_resource(show_spinner=False, max_entries=100)
def _briefing(path: str, version: int | None, area: str, year: int, lang: str, protect: bool):
    from giamngheo import briefing as deck

    cursor = db.cursor(_connection(path))
    try:
        return deck.build(cursor, area, year, lang, protect)
    finally:
        cursor.close()


def briefing(area: str, year: int, lang: str):
    """The briefing slides of an area and year (giamngheo.briefing), built once per database, language and
    protection of small counts."""
    from components import access

    access.require_area(area, _code_list(year))
    return _briefing(*_cache_key(), area, year, lang, access.sees_protected_counts())


def report_workbook(area: str, year: int, lang: str) -> bytes:
    """The report workbook (forms R1-R8), with small counts protected for the accounts that see them so."""
    from giamngheo import workbooks

    from components import access

    access.require_area(area, _code_list(year))
    protect = access.sees_protected_counts()
    return with_cursor(lambda cur: workbooks.report_workbook(cur, area, year, lang, protect))


def admin_frame(kind: str) -> pd.DataFrame:
    """Accounts, open sessions or the audit log, for administrators only (never cached: they change)."""
    from giamngheo import auth, sessions

    from components import access

    if not access.is_admin():
        raise access.AccessDenied("administrators only")
    cursor = db.cursor(_connection(current_db()))
    try:
        if kind == "users":
            return auth.list_users(cursor)
        if kind == "sessions":
            return sessions.open_sessions(cursor)
        return cursor.execute("select date_trunc('second', happened_at) as happened_at, user_name, action, detail, outcome "
                                  "from audit_log order by audit_log.happened_at desc limit 5000").df()
    finally:
        cursor.close()


def audit(action: str, detail: str) -> None:
    """Record a sensitive action of the signed-in user (exports, views of named lists)."""
    from giamngheo import auth

    from components import access

    user = access.current_user()
    if user is None or user is access.OPEN or read_only():
        return
    write(lambda cur: auth.audit(cur, user.name, action, detail))
