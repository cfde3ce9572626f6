"""Accounts, the audit log and signed-in sessions (accounts.sql): every change giamngheo.auth and
giamngheo.sessions decide on is written here."""

from __future__ import annotations

from datetime import datetime

import duckdb


def audit(con: duckdb.DuckDBPyConnection, user: str | None, action: str, detail: str = "", outcome: str = "ok") -> None:
    con.execute("insert into audit_log (happened_at, user_name, action, detail, outcome) values (?, ?, ?, ?, ?)",
                [datetime.now(), user, action, detail[:2000], outcome])


def add_user(con: duckdb.DuckDBPyConnection, name: str, password_hash: str, role: str, area: str | None,
             may_see_names: bool, area_list: str | None, now: datetime) -> None:
    con.execute("insert into users (name, password_hash, role, area_code, may_see_names, created_at, changed_at, "
                "area_list) values (?, ?, ?, ?, ?, ?, ?, ?)",
                [name, password_hash, role, area, may_see_names, now, now, area_list])


def set_password(con: duckdb.DuckDBPyConnection, name: str, password_hash: str) -> None:
    """A new password, unlocking the account; its sessions end at their next action (changed_at)."""
    con.execute("update users set password_hash = ?, failed_attempts = 0, locked_until = null, changed_at = ? "
                "where name = ?", [password_hash, datetime.now(), name])


def rehash(con: duckdb.DuckDBPyConnection, name: str, password_hash: str) -> None:
    """The same password hashed anew (no change to the account: its sessions go on)."""
    con.execute("update users set password_hash = ? where name = ?", [password_hash, name])


def disable(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute("update users set disabled = true, changed_at = ? where name = ?", [datetime.now(), name])


def set_area(con: duckdb.DuckDBPyConnection, name: str, area: str | None, area_list: str | None) -> None:
    con.execute("update users set area_code = ?, area_list = ?, changed_at = ? where name = ?",
                [area, area_list, datetime.now(), name])


def set_failures(con: duckdb.DuckDBPyConnection, name: str | None, failures: int = 0,
                 locked_until: datetime | None = None) -> None:
    """The account's count of wrong passwords and its lock-out; every account's when `name` is None."""
    con.execute("update users set failed_attempts = ?, locked_until = ?" + (" where name = ?" if name else ""),
                [failures, locked_until] + ([name] if name else []))


def add_session_key(con: duckdb.DuckDBPyConnection, key: str) -> None:
    con.execute("insert into session_key values (?)", [key])


def start_session(con: duckdb.DuckDBPyConnection, session_id: str, user: str, now: datetime, handoff_sha256: str,
                  handoff_until: datetime, forget_before: datetime) -> None:
    """A new session, waiting for its page to claim the cookie; sessions that ended before `forget_before` go."""
    con.execute("delete from sessions where coalesce(ended_at, last_seen) < ?", [forget_before])
    con.execute("insert into sessions (session_id, user_name, created_at, last_seen, handoff_sha256, handoff_until) "
                "values (?, ?, ?, ?, ?, ?)", [session_id, user, now, now, handoff_sha256, handoff_until])


def claim_session(con: duckdb.DuckDBPyConnection, session_id: str, token_sha256: str) -> None:
    """The session's cookie token, once: its one-time code is spent."""
    con.execute("update sessions set token_sha256 = ?, handoff_sha256 = null, handoff_until = null "
                "where session_id = ?", [token_sha256, session_id])


def touch_session(con: duckdb.DuckDBPyConnection, session_id: str, now: datetime) -> None:
    con.execute("update sessions set last_seen = ? where session_id = ?", [now, session_id])


def end_session(con: duckdb.DuckDBPyConnection, session_id: str, reason: str) -> None:
    con.execute("update sessions set ended_at = ?, end_reason = ? where session_id = ?",
                [datetime.now(), reason, session_id])
