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
    """The signed-in user; OPEN when the database has no accounts; None when sign-in is required."""
    from components.data import accounts_exist

    if not accounts_exist():
        return OPEN
    user, since = st.session_state.get("user"), st.session_state.get("signed_in_at")
    if user is None or since is None:
        return None
    if auth.expired(since):
        sign_out("expired")
        return None
    return user


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


def may_see_names() -> bool:
    """Head-of-household names: on a synthetic database, or for a user granted them."""
    from components.data import is_synthetic

    user = current_user()
    return user is not None and (user.may_see_names or (is_synthetic() and user is OPEN))


def may_see_households() -> bool:
    user = current_user()
    return user is not None and user.sees_households


def may_import() -> bool:
    user = current_user()
    return user is not None and user.may_import


def is_admin() -> bool:
    user = current_user()
    return user is not None and user.role == "quan_tri" and user is not OPEN
