"""Accounts, roles, area restriction and the audit log.

Roles: lanh_dao (leader: aggregates of their area), can_bo (officer: their area's households with names,
may import for it), phan_tich (analyst: aggregates and households without names, in their area; names only
when granted), quan_tri (admin: everything, manages users). Passwords are hashed with bcrypt. Five failed
sign-ins lock an account for 15 minutes. Every sensitive action is written to audit_log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import bcrypt
import duckdb

ROLES = ("lanh_dao", "can_bo", "phan_tich", "quan_tri")
MAX_FAILURES = 5
LOCK_MINUTES = 15
SESSION_HOURS = 8
MIN_PASSWORD = 8


class AuthError(Exception):
    """A refused sign-in or account change, with a message for the user (no detail an attacker can use)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    area_code: str | None
    may_see_names: bool

    @property
    def sees_households(self) -> bool:
        return self.role in ("can_bo", "phan_tich", "quan_tri")

    @property
    def may_import(self) -> bool:
        return self.role in ("can_bo", "quan_tri")


def audit(con: duckdb.DuckDBPyConnection, user: str | None, action: str, detail: str = "", outcome: str = "ok") -> None:
    con.execute("insert into audit_log (happened_at, user_name, action, detail, outcome) values (?, ?, ?, ?, ?)",
                [datetime.now(), user, action, detail[:2000], outcome])


def has_accounts(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        return con.execute("select count(*) from users").fetchone()[0] > 0
    except duckdb.CatalogException:
        return False


def _area_exists(con, area: str | None) -> bool:
    return area is None or con.execute("select count(*) from admin_units where code = ?", [area]).fetchone()[0] > 0


def add_user(con, name: str, password: str, role: str, area: str | None, may_see_names: bool | None = None,
             by: str | None = None) -> None:
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r} (roles: {', '.join(ROLES)})")
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"the password needs at least {MIN_PASSWORD} characters")
    if role != "quan_tri" and area is None and role != "phan_tich":
        raise AuthError("this role needs an area (--area CODE)")
    if not _area_exists(con, area):
        raise AuthError(f"no administrative unit {area!r}")
    if con.execute("select count(*) from users where name = ?", [name]).fetchone()[0]:
        raise AuthError(f"user {name!r} exists")
    names = may_see_names if may_see_names is not None else role in ("can_bo", "quan_tri")
    hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")
    con.execute("insert into users (name, password_hash, role, area_code, may_see_names, created_at) "
                "values (?, ?, ?, ?, ?, ?)", [name, hashed, role, area, names, datetime.now().replace(microsecond=0)])
    audit(con, by, "user_change", f"add {name} role={role} area={area} names={names}")


def set_password(con, name: str, password: str, by: str | None = None) -> None:
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"the password needs at least {MIN_PASSWORD} characters")
    hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")
    if not con.execute("update users set password_hash = ?, failed_attempts = 0, locked_until = null "
                       "where name = ? returning name", [hashed, name]).fetchall():
        raise AuthError(f"no user {name!r}")
    audit(con, by, "user_change", f"password {name}")


def disable_user(con, name: str, by: str | None = None) -> None:
    if not con.execute("update users set disabled = true where name = ? returning name", [name]).fetchall():
        raise AuthError(f"no user {name!r}")
    audit(con, by, "user_change", f"disable {name}")


def list_users(con):
    return con.execute("select name, role, area_code, may_see_names, disabled, failed_attempts, locked_until, "
                       "created_at from users order by name").df()


def authenticate(con, name: str, password: str, now: datetime | None = None) -> User:
    """The user, or AuthError. Wrong passwords count towards a lock-out, also for disabled accounts."""
    now = now or datetime.now()
    row = con.execute("select password_hash, role, area_code, may_see_names, disabled, failed_attempts, locked_until "
                      "from users where name = ?", [name]).fetchone()
    refused = "sai tên đăng nhập hoặc mật khẩu / wrong user name or password"
    if row is None:
        bcrypt.checkpw(b"x", bcrypt.hashpw(b"y", bcrypt.gensalt(4)))  # same time whether or not the user exists
        audit(con, name, "sign_in", "unknown user", "refused")
        raise AuthError(refused)
    hashed, role, area, names, disabled, failures, locked_until = row
    if locked_until is not None and locked_until > now:
        audit(con, name, "sign_in", "locked", "refused")
        raise AuthError(f"tài khoản tạm khóa đến {locked_until:%H:%M} / account locked until {locked_until:%H:%M}")
    if not bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii")) or disabled:
        failures += 1
        lock = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
        con.execute("update users set failed_attempts = ?, locked_until = ? where name = ?",
                    [0 if lock else failures, lock, name])
        audit(con, name, "sign_in", "disabled" if disabled else f"wrong password ({failures})", "refused")
        raise AuthError(refused)
    con.execute("update users set failed_attempts = 0, locked_until = null where name = ?", [name])
    audit(con, name, "sign_in", role)
    return User(name, role, area, bool(names))


def expired(signed_in_at: datetime, now: datetime | None = None) -> bool:
    return (now or datetime.now()) - signed_in_at > timedelta(hours=SESSION_HOURS)


def allowed_codes(con, user: User, code_list: str) -> set[str] | None:
    """The unit codes of `code_list` the user may see (None: all). A district officer keeps, after 1 July
    2025, the communes that succeeded the district's communes (districts were abolished)."""
    if user.area_code is None:
        return None
    rows = con.execute(
        """
        select code from admin_units
        where code_list = $list and (code = $area or province_code = $area or district_code = $area)
        union
        select s.to_code from commune_successors s
        join admin_units u on u.code_list = s.from_list and u.code = s.from_code
        where $list = 'qd19_2025' and $area in (u.province_code, u.district_code, u.code)
        union
        select u.province_code from admin_units u where u.code_list = $list and u.code = $area and u.level = 'province'
        """,
        {"list": code_list, "area": user.area_code},
    ).fetchall()
    return {r[0] for r in rows}
