"""Accounts, roles, area restriction and the audit log.

Roles: lanh_dao (leader: aggregates of their area), can_bo (officer: their area's households with names,
may import for it), phan_tich (analyst: aggregates and households without names, in their area; names only
when granted), quan_tri (admin: everything, manages users). Passwords are hashed with bcrypt. Five failed
sign-ins lock an account for 15 minutes. Every sensitive action is written to audit_log.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import bcrypt
import duckdb

from giamngheo.store import accounts

ROLES = ("lanh_dao", "can_bo", "phan_tich", "quan_tri")
MAX_FAILURES = 5
LOCK_MINUTES = 15
SESSION_HOURS = 8  # a session ends after this long without activity (giamngheo.sessions)
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # characters; any length up to it, whatever bcrypt's 72 bytes (see hash_password)
BCRYPT_ROUNDS = 12
PREHASHED = "sha256$"  # marks a bcrypt hash of the password's SHA-256 (base64): passwords of any length


def _prehash(password: str) -> bytes:
    """44 bytes whatever the password's length: bcrypt reads at most 72, and refuses more."""
    return base64.b64encode(hashlib.sha256(password.encode("utf-8")).digest())


def hash_password(password: str) -> str:
    return PREHASHED + bcrypt.hashpw(_prehash(password), bcrypt.gensalt(BCRYPT_ROUNDS)).decode("ascii")


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith(PREHASHED):
        return bcrypt.checkpw(_prehash(password), stored[len(PREHASHED):].encode("ascii"))
    raw = password.encode("utf-8")  # an account made before pre-hashing: plain bcrypt, 72 bytes at most
    return len(raw) <= 72 and bcrypt.checkpw(raw, stored.encode("ascii"))


@cache
def _unknown_user_hash() -> str:
    """Checked against for names that are no account, at the same cost as a real one: the answer takes as long
    whether or not the account exists, so names cannot be found by timing."""
    return hash_password("no such account")


class AuthError(Exception):
    """A refused sign-in or account change, with a message for the user (no detail an attacker can use)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    area_code: str | None
    may_see_names: bool
    needs_rescoping: bool = False  # scoped to a pre-2025 unit that merged with others: no names on the new units

    @property
    def sees_households(self) -> bool:
        return self.role in ("can_bo", "phan_tich", "quan_tri")

    @property
    def may_import(self) -> bool:
        return self.role in ("can_bo", "quan_tri")


def require_write(user: User | str | None, kind: str, moves: int = 0) -> str | None:
    """The one check before anything is written, for the pages and the command line alike: a signed-in account
    may write only if its role imports (officers, administrators), and only an administrator moves households
    between communes. A name (or None) is the operator of the command line, who holds the file. Returns the
    name to record."""
    if not isinstance(user, User):
        return user
    if not user.may_import:
        raise AuthError(f"vai trò {user.role} không được ghi dữ liệu ({kind}) / the role {user.role} may not write")
    if moves and user.role != "quan_tri":
        raise AuthError("chỉ quản trị viên mới chuyển được hộ giữa các xã / only an administrator may move households")
    return user.name or None


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
    _check_password(password)
    if not valid_name(name):
        raise AuthError("a user name is 1 to 64 letters, digits, dots, dashes or underscores")
    if role != "quan_tri" and area is None and role != "phan_tich":
        raise AuthError("this role needs an area (--area CODE)")
    if not _area_exists(con, area):
        raise AuthError(f"no administrative unit {area!r}")
    if exists(con, name):
        raise AuthError(f"user {name!r} exists")
    names = may_see_names if may_see_names is not None else role in ("can_bo", "quan_tri")
    now = datetime.now().replace(microsecond=0)
    accounts.add_user(con, name, hash_password(password), role, area, names, area_list(con, area), now)
    accounts.audit(con, by, "user_change", f"add {name} role={role} area={area} names={names}")


def exists(con, name: str) -> bool:
    return con.execute("select count(*) from users where name = ?", [name]).fetchone()[0] > 0


def require_account(con, name: str) -> None:
    """AuthError unless the account exists (checked before an update: a DuckLake has no UPDATE ... RETURNING)."""
    if not exists(con, name):
        raise AuthError(f"no user {name!r}")


def valid_name(name: str) -> bool:
    return bool(re.fullmatch(r"[\w.\-]{1,64}", name or ""))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AuthError(f"the password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AuthError(f"the password may have at most {MAX_PASSWORD} characters")


def set_password(con, name: str, password: str, by: str | None = None) -> None:
    """A new password; the account's open sessions end at their next action (changed_at)."""
    _check_password(password)
    require_account(con, name)
    accounts.set_password(con, name, hash_password(password))
    accounts.audit(con, by, "user_change", f"password {name}")


def disable_user(con, name: str, by: str | None = None) -> None:
    """No more sign-ins; the account's open sessions end at their next action."""
    require_account(con, name)
    accounts.disable(con, name)
    accounts.audit(con, by, "user_change", f"disable {name}")


def account(con, name: str, valid_since: datetime | None = None) -> User | None:
    """The account as it is now, or None if it does not exist, is disabled, or changed (password, area,
    disabling) after `valid_since`: a session opened before such a change ends at its next action."""
    row = con.execute("select role, area_code, may_see_names, disabled, changed_at, area_list, created_at "
                      "from users where name = ?", [name]).fetchone()
    if row is None:
        return None
    role, area, names, disabled, changed_at, scoped_in, created_at = row
    if disabled or (valid_since is not None and changed_at is not None and changed_at > valid_since):
        return None
    rescoping = needs_rescoping(con, area, scoped_in or area_list(con, area, created_at))
    return User(name, role, area, bool(names), rescoping)


def list_users(con):
    """The accounts, with those scoped to a unit that no longer exists flagged for re-scoping."""
    users = con.execute("select name, role, area_code, may_see_names, disabled, failed_attempts, locked_until, "
                        "created_at, area_list from users order by name").df()
    users["area_list"] = [scoped if isinstance(scoped, str) else area_list(con, area, created)
                          for area, scoped, created in zip(users.area_code, users.area_list, users.created_at)]
    users["needs_rescoping"] = [needs_rescoping(con, area, scoped) for area, scoped
                                in zip(users.area_code, users.area_list)]
    return users


def area_list(con, area: str | None, created_at: datetime | None = None) -> str | None:
    """The code list an account's area belongs to: the July-2025 list where the code is one of its units (and
    the account was made after 1 July 2025, if a code was re-issued), else the end-2024 list."""
    if area is None:
        return None
    lists = {r[0] for r in con.execute("select code_list from admin_units where code = ?", [area]).fetchall()}
    made_before_reform = created_at is not None and created_at < datetime(2025, 7, 1)
    return "qd19_2025" if "qd19_2025" in lists and not (made_before_reform and "gso_2024" in lists) else "gso_2024"


def needs_rescoping(con, area: str | None, scoped_in: str | None) -> bool:
    """An account scoped to a district or commune of the end-2024 list whose units after 1 July 2025 also hold
    households of other districts or communes: from 2025 it would see the whole merged unit, so an administrator
    gives it a unit of the new list (`giamngheo user rescope`). Until then it sees no names on the new units."""
    if area is None or scoped_in != "gso_2024":
        return False
    return bool(con.execute("""
        with own as (
            select code from admin_units where code_list = 'gso_2024' and level = 'commune'
                and ? in (code, district_code)
        ),
        successors as (
            select distinct to_code from commune_successors where from_list = 'gso_2024' and from_code in (select code from own)
        )
        select count(*) from commune_successors
        where to_code in (select to_code from successors) and from_code not in (select code from own)
    """, [area]).fetchone()[0])


def rescope(con, name: str, area: str | None, by: str | None = None) -> None:
    """A new area for an account, in the code list in force now; its open sessions end at their next action."""
    if not _area_exists(con, area):
        raise AuthError(f"no administrative unit {area!r}")
    require_account(con, name)
    accounts.set_area(con, name, area, area_list(con, area))
    accounts.audit(con, by, "user_change", f"rescope {name} area={area}")


def authenticate(con, name: str, password: str, now: datetime | None = None) -> User:
    """The user, or AuthError. Wrong passwords count towards a lock-out, also for disabled accounts."""
    now = now or datetime.now()
    row = con.execute("select password_hash, role, disabled, failed_attempts, locked_until from users where name = ?",
                      [name]).fetchone()
    refused = "sai tên đăng nhập hoặc mật khẩu / wrong user name or password"
    if row is None:
        verify_password(password, _unknown_user_hash())  # as long as for an account that exists
        accounts.audit(con, name[:64], "sign_in", "unknown user", "refused")
        raise AuthError(refused)
    hashed, role, disabled, failures, locked_until = row
    if locked_until is not None and locked_until > now:
        accounts.audit(con, name, "sign_in", "locked", "refused")
        raise AuthError(f"tài khoản tạm khóa đến {locked_until:%H:%M} / account locked until {locked_until:%H:%M}")
    if not verify_password(password, hashed) or disabled:
        failures += 1
        lock = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
        accounts.set_failures(con, name, 0 if lock else failures, lock)
        accounts.audit(con, name, "sign_in", "disabled" if disabled else f"wrong password ({failures})", "refused")
        raise AuthError(refused)
    accounts.set_failures(con, name)
    if not hashed.startswith(PREHASHED):  # made before pre-hashing: hashed again, now that the password is known
        accounts.rehash(con, name, hash_password(password))
    accounts.audit(con, name, "sign_in", role)
    return account(con, name)


def sign_in_from_provider(con, name: str, provider: str) -> User:
    """An account vouched for by the province's identity provider (OpenID Connect through Streamlit's st.login):
    no password is checked here, but the account must exist in giamngheo under that name and be enabled; its role
    and area are giamngheo's, never the provider's."""
    user = account(con, name) if valid_name(name) else None
    if user is None:
        accounts.audit(con, (name or "")[:64], "sign_in", f"{provider}: no enabled account", "refused")
        raise AuthError(f"tài khoản {name!r} chưa được cấp trong giamngheo hoặc đã bị khóa / "
                        f"no enabled giamngheo account {name!r}")
    accounts.audit(con, name, "sign_in", f"{user.role} via {provider}")
    return user


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
