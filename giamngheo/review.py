"""The review season: each commune's review moves from under review to submitted to approved (the commune
chairman's recognition decision), and an administrator may reopen it. Approved data is locked: an import that
touches it is refused until it is reopened, and what it held at approval is kept, so that a figure read out after
approval can always be reproduced.

Who may do what (DHIS2's data approval, for the review): the commune's officer submits, the commune's leader or
an administrator approves, only an administrator reopens. Every step is in the audit log.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from giamngheo import auth, db, i18n, store
from giamngheo.store import accounts
from giamngheo.store import review as written
from giamngheo.paths import CATALOGUE

UNDER_REVIEW, SUBMITTED, APPROVED, REOPENED = "dang_ra_soat", "da_trinh", "da_phe_duyet", "mo_lai"
STATUSES = (UNDER_REVIEW, SUBMITTED, APPROVED, REOPENED)

# step -> (statuses it starts from, roles that may take it)
STEPS = {
    "submit": ((UNDER_REVIEW, REOPENED), ("can_bo", "quan_tri")),
    "approve": ((SUBMITTED,), ("lanh_dao", "quan_tri")),
    "reopen": ((APPROVED, SUBMITTED), ("quan_tri",)),
}
OUTCOME = {"submit": SUBMITTED, "approve": APPROVED, "reopen": REOPENED}
STEP_WORDS = {"submit": ("trình", "submitted"), "approve": ("phê duyệt", "approved"), "reopen": ("mở lại", "reopened")}


class ReviewError(Exception):
    """A step that may not be taken: wrong status, role or area, or a missing decision or reason."""


@dataclass(frozen=True)
class Calendar:
    opens: date
    closes: date


@cache
def _calendar_rows() -> dict[str, str]:
    with open(CATALOGUE / "review_calendar.csv", encoding="utf-8", newline="") as f:
        return {r["step"]: r["month_day"] for r in csv.DictReader(f)}


def calendar(review_year: int) -> Calendar:
    """The periodic review of a year (Quyết định 24/2021/QĐ-TTg: 1 September to 14 December), from the catalogue."""
    rows = _calendar_rows()
    on = lambda key: date(review_year, *map(int, rows[key].split("-")))  # noqa: E731
    return Calendar(on("opens"), on("closes"))


def days_left(review_year: int, today: date | None = None) -> int:
    """Days until the review closes (negative: overdue)."""
    return (calendar(review_year).closes - (today or date.today())).days


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def status(con: duckdb.DuckDBPyConnection, commune: str, year: int) -> str:
    row = con.execute("select status from review_status where review_year = ? and commune_code = ?",
                      [year, commune]).fetchone()
    return row[0] if row else UNDER_REVIEW


def _code_list(con, year: int) -> str:
    row = con.execute("select code_list from code_lists where ? between first_review_year and last_review_year",
                      [year]).fetchone()
    if row is None:
        raise ReviewError(f"no code list for the {year} review")
    return row[0]


def _check(con, user: auth.User | str | None, step: str, commune: str, year: int) -> str:
    """The commune's current status, once the step is allowed; the command line's operator may take any step."""
    code_list = _code_list(con, year)
    if not con.execute("select count(*) from admin_units where code_list = ? and level = 'commune' and code = ?",
                       [code_list, commune]).fetchone()[0]:
        raise ReviewError(f"{commune} is no commune of the {year} review's code list")
    current = status(con, commune, year)
    starts, roles = STEPS[step]
    vi, en = STEP_WORDS[step]
    if isinstance(user, auth.User):
        if user.role not in roles:
            raise ReviewError(f"vai trò {user.role} không được {vi} / the role {user.role} may not {step}")
        allowed = auth.allowed_codes(con, user, code_list)
        if allowed is not None and commune not in allowed:
            raise ReviewError(f"xã {commune} ngoài địa bàn của tài khoản / {commune} is outside the account's area")
    if current not in starts:
        raise ReviewError(f"kết quả rà soát năm {year} của xã {commune} đang ở trạng thái "
                          f"“{i18n.text('status_' + current, 'vi')}”: không {vi} được / the {year} review of "
                          f"{commune} is {i18n.text('status_' + current, 'en').lower()}: it cannot be {en}")
    if step != "reopen" and not con.execute("select count(*) from households where review_year = ? and "
                                            "commune_code = ?", [year, commune]).fetchone()[0]:
        raise ReviewError(f"xã {commune} chưa có số liệu rà soát năm {year} / no {year} review data for {commune}")
    return current


def _record(con, user, step: str, commune: str, year: int, decision: str | None = None, reason: str | None = None,
            approval_id: int | None = None) -> None:
    name = user.name if isinstance(user, auth.User) else user
    written.set_status(con, year, _code_list(con, year), commune, OUTCOME[step], decision, reason, name, _now(),
                       approval_id)
    accounts.audit(con, name, "review", f"{step} commune={commune} year={year}"
               + (f" decision={decision}" if decision else "") + (f" reason={reason}" if reason else ""))


def take(con, user, step: str, communes: list[str], year: int, decision: str | None = None,
         reason: str | None = None) -> None:
    """Take a step of the season for communes' reviews of a year, all or none (one transaction):

    - submit: the commune officer submits the commune's review results;
    - approve: the results are signed, with the recognition decision ("số/ngày"), and locked until an
      administrator reopens them, so the rows as they stand are the approved version;
    - reopen: an administrator reopens an approved (or submitted) review, saying why. An approved review's rows
      are kept as they were approved (approved_households, approved_population), so that imports after it do
      not change what the approval said.
    """
    decision, reason = (decision or "").strip() or None, (reason or "").strip() or None
    if step == "approve" and not decision:
        raise ReviewError("phê duyệt cần số, ngày quyết định công nhận / approval needs the recognition decision")
    if step == "reopen" and not reason:
        raise ReviewError("mở lại cần lý do / reopening needs a reason")
    name = user.name if isinstance(user, auth.User) else user

    def steps() -> None:
        for commune in communes:
            current = _check(con, user, step, commune, year)
            approval_id = None
            if step == "approve":
                approval_id = written.add_approval(con, year, _code_list(con, year), commune, decision, name, _now())
            if step == "reopen" and current == APPROVED:
                kept = con.execute("select approval_id from review_status where review_year = ? and "
                                   "commune_code = ?", [year, commune]).fetchone()[0]
                written.keep_approved_rows(con, kept, year, commune)
            _record(con, user, step, commune, year, decision, reason, approval_id)
    with store.transaction(con):
        steps()


def locked(con, frame: pd.DataFrame) -> pd.Series:
    """For each row of an import (review_year, commune_code, and household_id for households), the recognition
    decision of the approved commune-review it would touch, by its own commune or by the commune whose record of
    the household it would move; None where it touches nothing approved."""
    decisions = pd.Series(None, index=frame.index, dtype=object)
    if not con.execute("select count(*) from review_status where status = ?", [APPROVED]).fetchone()[0]:
        return decisions
    rows = pa.table({  # as Arrow, which DuckDB scans without a Python object per cell
        "row": np.arange(len(frame)),
        "review_year": pa.array(pd.to_numeric(frame.review_year, errors="coerce").astype("Int64"), pa.int64()),
        "commune_code": pa.array(frame.commune_code.astype(object), pa.string(), from_pandas=True),
        "household_id": pa.array(frame.household_id.astype(object) if "household_id" in frame
                                 else [None] * len(frame), pa.string(), from_pandas=True),
    })
    con.register("incoming_rows", rows)
    try:
        found = con.execute("""
            with closed as (select review_year, commune_code, decision from review_status where status = 'da_phe_duyet')
            select i.row, coalesce(here.decision, there.decision) as decision
            from incoming_rows as i
            left join closed as here on here.review_year = i.review_year and here.commune_code = i.commune_code
            left join households as h on h.review_year = i.review_year and h.household_id = i.household_id
            left join closed as there on there.review_year = h.review_year and there.commune_code = h.commune_code
            where coalesce(here.decision, there.decision) is not null
        """).fetchall()
    finally:
        con.unregister("incoming_rows")
    if found:
        rows, names = zip(*found)
        decisions.iloc[list(rows)] = list(names)
    return decisions


def _as_of_approvals(as_of: datetime | None) -> str:
    """Each commune-review's latest approval (at or before `as_of`), with where its rows are: the current ones
    while it stays approved, else those kept when it was reopened."""
    return f"""
        select a.*, coalesce(s.status = 'da_phe_duyet' and s.approval_id = a.approval_id, false) as current
        from src.approvals as a
        left join src.review_status as s using (review_year, commune_code)
        {"where a.approved_at <= $as_of" if as_of else ""}
        qualify a.approval_id = max(a.approval_id) over (partition by a.review_year, a.commune_code)
    """


def approved_database(location, as_of: datetime | None = None) -> duckdb.DuckDBPyConnection:
    """A database in memory holding every commune's review as it was approved (its latest approval, at or before
    `as_of`), and the current data where a commune has no approval (provisional, and said so: the statuses are
    those of the approvals). A figure read out after an approval is reproduced from it whatever was imported since.
    """
    con = db.create(":memory:")
    db.attach_read_only(con, location, "src")
    with store.transaction(con):
        written.fill_approved(con, _as_of_approvals(as_of), {"as_of": as_of} if as_of else {}, APPROVED)
    con.execute("detach src")
    return con
