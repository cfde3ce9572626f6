"""The pages' way to the data: named queries for the signed-in user, cached per database, query and parameters,
with the user's area and the protection of small counts enforced here (components/access.py). Imports write
through the process connection (components/connection.py) in one transaction, then drop the cached results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from giamngheo import auth, briefing as deck, disclosure, forms, queries, scorecard as scorecards, sessions, workbooks
from giamngheo.store import accounts

from components import access, turns
from components.connection import by_name, cache_key, forget_run, once_per_run, read, read_only, with_cursor


def write(action: Callable):
    """Run `action(cursor)` on the process connection, then forget every cached result (queries, review years,
    units, scorecards, decks, whether accounts exist, what was drawn from them): an import or an account change
    may change any of them."""
    try:
        return with_cursor(action)
    finally:
        st.cache_data.clear()
        for shared in _FORGOTTEN_ON_WRITE:
            shared.clear()
        turns.forget()
        forget_run()


_FORGOTTEN_ON_WRITE: list[Callable] = []


def forgotten_on_write(cached: Callable) -> Callable:
    """`cached`, a result kept by the data version (st.cache_resource), emptied by `write`: on a DuckDB file the
    version stays None, since every write goes through this process."""
    _FORGOTTEN_ON_WRITE.append(cached)
    return cached


@forgotten_on_write
@by_name(st.cache_resource(show_spinner=False, max_entries=2000))
def _query(path: str, version: int | None, name: str, params: tuple) -> pd.DataFrame:
    """One frame per database, version, query and parameters, shared by the sessions: the callers copy it."""
    return read(path, version, lambda cur: queries.run(cur, name, **dict(params)))


@dataclass(frozen=True)
class Review:
    year: int
    code_list: str  # the units the review's households are on
    standard: str  # the poverty standard it classified them by


@forgotten_on_write
@by_name(st.cache_resource(show_spinner=False, max_entries=50))
def _reviews(path: str, version: int | None) -> dict[int, Review]:
    years = _query(path, version, "years", ())
    return {int(r.review_year): Review(int(r.review_year), r.code_list, r.standard)
            for r in years.sort_values("review_year", ascending=False).itertuples()}


def reviews() -> dict[int, Review]:
    """The review years with data, newest first (queries/years.sql), shared by the sessions: the sidebar asks
    every run."""
    return _reviews(*cache_key())


@once_per_run
def _code_list(year) -> str:
    """The code list of a review year's units (the units of a year without a review: the end-2024 list)."""
    if year is None:
        return "qd19_2025"
    review = reviews().get(int(year))
    return review.code_list if review else "gso_2024"


def require_area(area: str, year: int | None) -> None:
    """Refuse anyone not signed in, and an area outside the signed-in user's units at the review `year`."""
    if access.current_user() is None:
        raise access.AccessDenied("sign in first")
    access.require_area(area, _code_list(year))


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query (queries/NAME.sql) for the signed-in user; results are cached per database, query
    and parameters. The user's area is enforced here: a query for another area is refused, the area picker
    lists only the user's units, and names of heads of household come only to those who may see them."""
    if "area" in params:
        require_area(params["area"], params.get("year"))
    elif name not in ("years", "metadata") and access.current_user() is None:
        raise access.AccessDenied("sign in first")
    if name == "households_list":
        if not access.may_see_households():
            raise access.AccessDenied("this role does not see household lists")
        params["show_names"] = access.may_see_names(_code_list(params.get("year")))
    frame = _query(*cache_key(), name, tuple(sorted(params.items()))).copy()
    if name in disclosure.CELLS and access.sees_protected_counts():
        frame = _protected(disclosure.protect(name, frame))
    if name == "imports":  # the country's import log is an administrator's; an area's user sees their own imports
        user = access.current_user()
        if user.area_code is not None:
            frame = frame[frame.user_name == user.name]
    if name == "areas":
        frame = _pickable(frame, access._allowed(_code_list(params.get("year"))))
    return frame


@dataclass(frozen=True)
class Units:
    """A review's units as the area picker offers them, looked up by code instead of filtered out of the frame at
    every run: each unit's name as shown (the code added where a name repeats) and level, the provinces, each
    province's districts, and the communes under (province, district), or (province, None) where the review has
    no districts; every sequence in the order of queries/areas.sql."""
    codes: tuple[str, ...]
    names: dict[str, str]
    levels: dict[str, str]
    provinces: tuple[str, ...]
    districts: dict[str, tuple[str, ...]]
    communes: dict[tuple[str, str | None], tuple[str, ...]]

    @classmethod
    def of(cls, areas: pd.DataFrame) -> Units:
        repeated = areas.name.duplicated(keep=False)
        shown = areas.name.where(~repeated, areas.name + " (" + areas.code + ")")
        rows = list(zip(areas.code.tolist(), areas.level.tolist(), areas.province_code.tolist(),
                        areas.district_code.astype(object).where(areas.district_code.notna(), None).tolist()))
        districts, communes = {}, {}
        for code, level, province, district in rows:
            if level == "district":
                districts.setdefault(province, []).append(code)
            elif level == "commune":
                communes.setdefault((province, district), []).append(code)
        return cls(tuple(code for code, *_ in rows), dict(zip(areas.code.tolist(), shown.tolist())),
                   dict(zip(areas.code.tolist(), areas.level.tolist())),
                   tuple(code for code, level, *_ in rows if level == "province"),
                   {k: tuple(v) for k, v in districts.items()}, {k: tuple(v) for k, v in communes.items()})


@forgotten_on_write
@by_name(st.cache_resource(show_spinner=False, max_entries=50))
def _units(path: str, version: int | None, year: int, allowed: frozenset[str] | None) -> Units:
    return Units.of(_pickable(_query(path, version, "areas", (("year", year),)), allowed))


def units(year: int) -> Units:
    """The units of the review `year` the signed-in user may pick (the areas query, as `query` filters it), built
    once per database version, year and set of allowed units, shared by the sessions: the sidebar asks every run."""
    if access.current_user() is None:
        raise access.AccessDenied("sign in first")
    allowed = access._allowed(_code_list(year))
    return _units(*cache_key(), int(year), None if allowed is None else frozenset(allowed))


def _protected(frame: pd.DataFrame) -> pd.DataFrame:
    """Count the cells hidden in this run, for the page's note (app.py)."""
    st.session_state["hidden_cells"] = st.session_state.get("hidden_cells", 0) + frame.attrs.get("hidden", 0)
    return frame


def _pickable(areas: pd.DataFrame, allowed: set[str] | None) -> pd.DataFrame:
    """The areas a user with the units `allowed` (None: all) may pick: those units and the ones above them."""
    return areas if allowed is None else areas[areas.code.isin(allowed | ancestors(areas, allowed))]


def ancestors(areas: pd.DataFrame, codes: set[str]) -> set[str]:
    """Province and district codes above `codes`, so the area picker can reach a user's units."""
    rows = areas[areas.code.isin(codes)]
    return set(rows.province_code.dropna()) | set(rows.district_code.dropna())


@forgotten_on_write
@by_name(st.cache_resource(show_spinner=False, max_entries=500))
def _scorecard(path: str, version: int | None, area: str, year: int) -> pd.DataFrame:
    return read(path, version, lambda cur: scorecards.build(cur, area, year))


def scorecard(area: str, year: int) -> pd.DataFrame:
    """Targets of the area and the units one level down, against their results (giamngheo.scorecard)."""
    require_area(area, year)
    frame = _scorecard(*cache_key(), area, year).copy()
    return _protected(disclosure.protect_scorecard(frame)) if access.sees_protected_counts() else frame


@forgotten_on_write
@by_name(st.cache_resource(show_spinner=False, max_entries=100))
def _briefing(path: str, version: int | None, area: str, year: int, lang: str, protect: bool):
    return read(path, version, lambda cur: deck.build(cur, area, year, lang, protect))


def briefing(area: str, year: int, lang: str):
    """The briefing slides of an area and year (giamngheo.briefing), built once per database, language and
    protection of small counts."""
    require_area(area, year)
    return _briefing(*cache_key(), area, year, lang, access.sees_protected_counts())


def forms_access(area: str, year: int) -> tuple[bool, bool, bool]:
    """For the report forms of an area the user may see: whether small counts are protected, whether the named
    lists carry names (a role that sees them, counts unprotected), and whether it sees household lists at all."""
    require_area(area, year)
    protect, lists = access.sees_protected_counts(), access.may_see_households()
    return protect, access.may_see_names(_code_list(year)) and lists and not protect, lists


def report_workbook(area: str, year: int, lang: str, only: str | None = None) -> bytes:
    """The report forms (all, or the form `only`), with small counts protected for the accounts that see them so;
    the named lists (R14, R15) as the role may see them: none, masked, or with names."""
    return _workbook(*cache_key(), area, year, lang, *forms_access(area, year), only)


@by_name(st.cache_data(show_spinner=False, max_entries=50))
def _workbook(path: str, version: int | None, area: str, year: int, lang: str, protect: bool, names: bool,
              lists: bool, only: str | None) -> bytes:
    return read(path, version, lambda cur: workbooks.forms_workbook(cur, area, year, lang, protect, names, lists, only))


def report_forms(area: str, year: int) -> list:
    """The forms of a review as the Biểu mẫu page shows them, protected and masked as for the workbook."""
    return _forms(*cache_key(), area, year, *forms_access(area, year))


@by_name(st.cache_data(show_spinner=False, max_entries=200))
def _forms(path: str, version: int | None, area: str, year: int, protect: bool, names: bool, lists: bool) -> list:
    return read(path, version, lambda cur: forms.build(cur, area, year, protect, names, lists))


def admin_frame(kind: str) -> pd.DataFrame:
    """Accounts, open sessions or the audit log, for administrators only (never cached: they change)."""
    if not access.is_admin():
        raise access.AccessDenied("administrators only")
    if kind == "users":
        return with_cursor(auth.list_users)
    if kind == "sessions":
        return with_cursor(sessions.open_sessions)
    return with_cursor(lambda cur: cur.execute(
        "select date_trunc('second', happened_at) as happened_at, user_name, action, detail, outcome "
        "from audit_log order by audit_log.happened_at desc limit 5000").df())


def audit(action: str, detail: str) -> None:
    """Record a sensitive action of the signed-in user (exports, views of named lists)."""
    user = access.current_user()
    if user is None or user is access.OPEN or read_only():
        return
    write(lambda cur: accounts.audit(cur, user.name, action, detail))
