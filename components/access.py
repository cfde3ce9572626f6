"""Who is signed in and what they may see, enforced below the pages: components/data.py checks every
query's area against the user's before running it, so no page, URL parameter, download or export can
reach another area. Without accounts (the demo) the dashboard is open, and says so."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from giamngheo import auth

OPEN = auth.User("", "quan_tri", None, True)  # a database without accounts: the open demo


class AccessDenied(PermissionError):
    pass


def current_user() -> auth.User | None:
    """The signed-in user; OPEN for the synthetic demo without accounts; None when sign-in is required (a real
    database without accounts has no one to sign in: it shows nothing until the first administrator exists)."""
    from components.data import accounts_exist, is_synthetic_database

    if not accounts_exist():
        return OPEN if is_synthetic_database() else None
    user, since = st.session_state.get("user"), st.session_state.get("signed_in_at")
    if user is None or since is None:
        return None
    if auth.expired(since):
        sign_out("expired")
        return None
    if not account_unchanged(user, since):  # disabled, password reset, role or area changed since sign-in
        sign_out("account changed")
        return None
    return user


def account_unchanged(user: auth.User, since: datetime) -> bool:
    """Checked on every run of the script, not cached: revoking an account ends its sessions at their next action."""
    from components.data import with_cursor

    return with_cursor(lambda cur: auth.still_valid(cur, user, since))


def needs_first_administrator() -> bool:
    """A real database without any account: only `giamngheo user add NAME --role quan_tri` opens it."""
    from components.data import accounts_exist, is_synthetic_database

    return not accounts_exist() and not is_synthetic_database()


def sign_in(user: auth.User) -> None:
    st.session_state["user"], st.session_state["signed_in_at"] = user, datetime.now()


def sign_out(reason: str = "") -> None:
    from components.data import write

    user = st.session_state.pop("user", None)
    st.session_state.pop("signed_in_at", None)
    if user is not None:
        write(lambda cur: auth.audit(cur, user.name, "sign_out", reason))


def _allowed(code_list: str) -> set[str] | None:
    from components.data import allowed_codes

    user = current_user()
    if user is None:
        raise AccessDenied("not signed in")
    return allowed_codes(user, code_list)


def may_see_area(area: str, code_list: str) -> bool:
    allowed = _allowed(code_list)
    return allowed is None or (area != "VN" and area in allowed)


def require_area(area: str, code_list: str) -> None:
    if not may_see_area(area, code_list):
        raise AccessDenied(f"area {area} is outside the user's area")


def import_scope() -> dict[str, set[str]] | None:
    """The units an account may write for, in each code list reviews use (None: anywhere)."""
    from components.data import allowed_codes

    user = current_user()
    if user is None:
        raise AccessDenied("not signed in")
    if user.area_code is None:
        return None
    return {code_list: allowed_codes(user, code_list) for code_list in ("gso_2024", "qd19_2025")}


def may_see_names(code_list: str | None = None) -> bool:
    """Head-of-household names: on a synthetic database, or for a user granted them; not on the July-2025 units
    for an account still scoped to a pre-2025 unit that merged with others (until an administrator re-scopes it)."""
    from components.data import is_synthetic_database

    user = current_user()
    if user is not None and user.needs_rescoping and code_list == "qd19_2025":
        return False
    return user is not None and (user.may_see_names or (user is OPEN and is_synthetic_database()))


def sees_protected_counts() -> bool:
    """An account that sees no names and whose role does not see exact counts: small counts hidden
    (giamngheo.disclosure, data/catalogue/disclosure.csv)."""
    from giamngheo import disclosure

    user = current_user()
    return user is not None and disclosure.applies(user.role, may_see_names())


def may_see_households() -> bool:
    user = current_user()
    return user is not None and user.sees_households


def may_import() -> bool:
    user = current_user()
    return user is not None and user.may_import


def is_admin() -> bool:
    user = current_user()
    return user is not None and user.role == "quan_tri" and user is not OPEN
