"""The review season's writes (giamngheo.review decides; this writes): a commune-review's status, its approvals,
the rows kept as they were approved when it is reopened, and a database in memory of what was approved."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from giamngheo.store import imports, schema

def set_status(con: duckdb.DuckDBPyConnection, year: int, code_list: str, commune: str, status: str,
               decision: str | None, reason: str | None, user: str | None, at: datetime,
               approval_id: int | None) -> None:
    con.execute("delete from review_status where review_year = ? and commune_code = ?", [year, commune])
    con.execute("insert into review_status values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [year, code_list, commune, status, decision, reason, user, at, approval_id])


def add_approval(con: duckdb.DuckDBPyConnection, year: int, code_list: str, commune: str, decision: str,
                 user: str | None, at: datetime) -> int:
    """A recognition decision on record; returns its number."""
    approval_id = con.execute("select coalesce(max(approval_id), 0) + 1 from approvals").fetchone()[0]
    con.execute("insert into approvals values (?, ?, ?, ?, ?, ?, ?)",
                [approval_id, year, code_list, commune, decision, user, at])
    return approval_id


def keep_approved_rows(con: duckdb.DuckDBPyConnection, approval_id: int, year: int, commune: str) -> None:
    """A commune-review's rows as they stand, kept under its approval before it is reopened."""
    for table in ("households", "population"):
        con.execute(f"insert into approved_{table} by name select ? as approval_id, * from {table} "
                    "where review_year = ? and commune_code = ?", [approval_id, year, commune])


def add_season(con: duckdb.DuckDBPyConnection, approvals: pd.DataFrame, statuses: pd.DataFrame) -> None:
    """A generated season's approvals and statuses (the demo)."""
    imports.append_frame(con, "approvals", approvals)
    imports.append_frame(con, "review_status", statuses)


def fill_approved(con: duckdb.DuckDBPyConnection, approvals: str, params: dict, approved: str) -> None:
    """Fill a new database (attached source `src`) with every commune's review as approved: `approvals` is a query
    over src giving each commune-review's latest approval with `current` (its rows are the current ones), each
    given the status `approved`. Communes with no approval keep the current data."""
    con.execute(f"create temp table approved_as_of as {approvals}", params)
    for table in ("households", "population"):
        con.execute(f"""
            insert into {table} by name
            select * from src.{table} as t
            where not exists (select 1 from approved_as_of as a where not a.current
                              and a.review_year = t.review_year and a.commune_code = t.commune_code)
            union all by name
            select * exclude (approval_id) from src.approved_{table} as t
            where approval_id in (select approval_id from approved_as_of where not current)
        """)
    for table in ("imports", "targets", "support", "approvals"):
        con.execute(f"insert into {table} by name select * from src.{table}")
    con.execute("delete from approvals where approval_id not in (select approval_id from approved_as_of)")
    con.execute("delete from boundaries")
    con.execute("insert into boundaries by name select * from src.boundaries")
    con.execute("insert into review_status by name select review_year, code_list, commune_code, "
                "?::varchar as status, decision, approved_by as changed_by, approved_at as changed_at, approval_id "
                "from approved_as_of", [approved])
    con.execute("update metadata set value = (select max(value) from src.metadata where key = 'synthetic') "
                "where key = 'synthetic'")
    schema.refresh_aggregates(con)
