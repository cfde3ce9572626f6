"""Signed-in sessions that outlive one tab's connection: a reload, a deep link or a second tab stays signed in.

Signing in checks the password (giamngheo.auth.authenticate), then `start` records a session and gives the
signed-in page a one-time code. The page posts the code to /api/phien (giamngheo/web.py), which answers with the
cookie: HttpOnly, SameSite=Lax, holding only a random token, signed with the database's key by itsdangerous (as
Streamlit signs its own identity cookie). The database keeps the token's SHA-256, never the token. Every run of
the dashboard's script resolves the cookie, or the tab's own session, with `resolve` and re-checks the account.

A session ends when its user signs out (in any tab: all tabs share it), after SESSION_HOURS without activity,
when an administrator ends the account's sessions, or when the account changes (disabled, new password, new
area). Each start and end is in the audit log.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb
from itsdangerous import BadSignature, TimestampSigner

from giamngheo import auth, store
from giamngheo.store import accounts

COOKIE = "giamngheo_phien"
HANDOFF_SECONDS = 60  # the page collects its cookie right after signing in
MAX_HOURS = 24  # a cookie's signature is refused after this, however active the session
TOUCH_SECONDS = 300  # last_seen is written at most this often (a DuckLake snapshot per write)
KEEP_DAYS = 90  # ended sessions are kept this long for the administrator (the audit log keeps them for good)


@dataclass(frozen=True)
class Session:
    session_id: str
    user: auth.User


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _signer(con: duckdb.DuckDBPyConnection, create: bool = False) -> TimestampSigner | None:
    key = con.execute("select max(secret) from session_key").fetchone()[0]
    if key is None and create:
        key = secrets.token_hex(32)
        accounts.add_session_key(con, key)
    return TimestampSigner(key, salt="giamngheo.session") if key else None


def start(con: duckdb.DuckDBPyConnection, user: auth.User, now: datetime | None = None) -> tuple[str, str]:
    """A session for a user who has just proven their password: (its id, the one-time code for its cookie)."""
    now = now or datetime.now()
    session_id, code = secrets.token_hex(16), secrets.token_urlsafe(32)
    with store.transaction(con):
        _signer(con, create=True)
        accounts.start_session(con, session_id, user.name, now, _sha256(code), now + timedelta(seconds=HANDOFF_SECONDS),
                               forget_before=now - timedelta(days=KEEP_DAYS))
        accounts.audit(con, user.name, "session_start", session_id[:8])
    return session_id, code


def hand_off(con: duckdb.DuckDBPyConnection, code: str, now: datetime | None = None) -> str | None:
    """The cookie for a one-time code, once, within HANDOFF_SECONDS of signing in; None for any other code."""
    now = now or datetime.now()
    token = secrets.token_urlsafe(32)
    try:  # (no UPDATE ... RETURNING: a DuckLake does not support it)
        with store.transaction(con):
            claimed = con.execute("select session_id from sessions where handoff_sha256 = ? and handoff_until >= ? "
                                  "and ended_at is null", [_sha256(code or ""), now]).fetchone()
            if claimed:
                accounts.claim_session(con, claimed[0], _sha256(token))
            signer = _signer(con)
    except duckdb.TransactionException:  # the same code claimed at the same moment by another request: not twice
        return None
    return signer.sign(token).decode("ascii") if claimed and signer else None


def resolve(con: duckdb.DuckDBPyConnection, *, cookie: str | None = None, session_id: str | None = None,
            now: datetime | None = None) -> Session | None:
    """The session a tab's own id, or else its cookie, names, if it may go on; None asks for sign-in. A session
    found expired, or whose account changed since it started, is ended here (and audited)."""
    now = now or datetime.now()
    row = None
    if session_id:
        row = con.execute("select session_id, user_name, created_at, last_seen, ended_at from sessions "
                          "where session_id = ?", [session_id]).fetchone()
    if row is None and cookie:
        token = _unsign(con, cookie)
        if token is not None:
            row = con.execute("select session_id, user_name, created_at, last_seen, ended_at from sessions "
                              "where token_sha256 = ?", [_sha256(token)]).fetchone()
    if row is None:
        return None
    found, name, created_at, last_seen, ended_at = row
    if ended_at is not None:
        return None
    if now - last_seen > timedelta(hours=auth.SESSION_HOURS):
        end(con, found, "expired")
        return None
    user = auth.account(con, name, valid_since=created_at)
    if user is None:
        end(con, found, "account changed")
        return None
    if now - last_seen > timedelta(seconds=TOUCH_SECONDS):
        accounts.touch_session(con, found, now)
    return Session(found, user)


def _unsign(con: duckdb.DuckDBPyConnection, cookie: str) -> str | None:
    """The token in a cookie whose signature is this database's and not older than MAX_HOURS; else None
    (tampered, made for another database, or too old)."""
    signer = _signer(con)
    if signer is None:
        return None
    try:
        return signer.unsign(cookie, max_age=MAX_HOURS * 3600).decode("ascii")
    except (BadSignature, UnicodeDecodeError):
        return None


def end(con: duckdb.DuckDBPyConnection, session_id: str, reason: str, by: str | None = None) -> bool:
    found = con.execute("select user_name from sessions where session_id = ? and ended_at is null",
                        [session_id]).fetchone()
    if found is None:
        return False
    accounts.end_session(con, session_id, reason)
    accounts.audit(con, by or found[0], "session_end", f"{session_id[:8]} {found[0]} {reason}")
    return True


def end_all(con: duckdb.DuckDBPyConnection, name: str, reason: str, by: str | None = None) -> int:
    """End every open session of an account (an administrator's action, or a change to the account)."""
    open_ids = [r[0] for r in con.execute("select session_id from sessions where user_name = ? and ended_at is null",
                                          [name]).fetchall()]
    return sum(end(con, session_id, reason, by) for session_id in open_ids)


def open_sessions(con: duckdb.DuckDBPyConnection):
    """The sessions that have not ended, for the administrator (ids shortened as in the audit log)."""
    return con.execute("select left(session_id, 8) as session, user_name, created_at, last_seen from sessions "
                       "where ended_at is null and last_seen >= ? order by user_name, created_at",
                       [datetime.now() - timedelta(hours=auth.SESSION_HOURS)]).df()
