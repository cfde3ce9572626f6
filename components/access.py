"""Who is signed in and what they may see, enforced below the pages: components/data.py checks every
query's area against the user's before running it, so no page, URL parameter, download or export can
reach another area. Without accounts (the demo) the dashboard is open, and says so."""

from __future__ import annotations

import streamlit as st

from giamngheo import auth, disclosure, sessions

from components.connection import (accounts_exist, allowed_codes, forget_run, is_synthetic_database, this_run,
                                   with_cursor)

OPEN = auth.User("", "quan_tri", None, True)  # a database without accounts: the open demo


class AccessDenied(PermissionError):
    pass


RESOLVED = "user"  # the key of the user resolved in this run (connection.this_run)


def new_run() -> None:
    """Called first in every run (app.py): the run's first current_user() resolves the session again, and what the
    previous run asked once (connection.once_per_run) is asked again."""
    forget_run()


def current_user() -> auth.User | None:
    """The signed-in user; OPEN for the synthetic demo without accounts; None when sign-in is required (a real
    database without accounts has no one to sign in: it shows nothing until the first administrator exists).

    Resolved once per run (every click, widget change or reload is a run: new_run) from this tab's session, or
    else the browser's session cookie (a reload, a deep link, a second tab), and checked against the account each
    time: signing out in another tab, an administrator ending the sessions, or a change to the account ends the
    session at its next action (giamngheo.sessions). The pages ask a couple of dozen times a run; on a lake each
    look-up is a round trip to its catalogue."""
    answers = this_run()
    if RESOLVED not in answers:
        answers[RESOLVED] = _resolve()
    return answers[RESOLVED]


def _resolve() -> auth.User | None:
    if not accounts_exist():
        return OPEN if is_synthetic_database() else None
    session = with_cursor(lambda cur: sessions.resolve(cur, session_id=st.session_state.get("session"),
                                                       cookie=st.context.cookies.get(sessions.COOKIE)))
    if session is None:
        st.session_state.pop("session", None)
        return None
    st.session_state["session"] = session.session_id
    return session.user


def needs_first_administrator() -> bool:
    """A real database without any account: only `giamngheo user add NAME --role quan_tri` opens it."""
    return not accounts_exist() and not is_synthetic_database()


def sign_in(user: auth.User) -> None:
    """Start the session of a user who has just proven who they are; the page collects its cookie in the next
    run (components/signin.py, corner), so that a reload or another tab stays signed in."""
    st.session_state["session"], st.session_state["cookie_code"] = with_cursor(lambda cur: sessions.start(cur, user))
    new_run()


def sign_out() -> None:
    """End the session in every tab that shares it."""
    session_id = st.session_state.pop("session", None)
    new_run()
    if session_id:
        with_cursor(lambda cur: sessions.end(cur, session_id, "signed out"))


def _allowed(code_list: str) -> set[str] | None:
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
    user = current_user()
    if user is None:
        raise AccessDenied("not signed in")
    if user.area_code is None:
        return None
    return {code_list: allowed_codes(user, code_list) for code_list in ("gso_2024", "qd19_2025")}


def may_see_names(code_list: str | None = None) -> bool:
    """Head-of-household names: on a synthetic database, or for a user granted them; not on the July-2025 units
    for an account still scoped to a pre-2025 unit that merged with others (until an administrator re-scopes it)."""
    user = current_user()
    if user is not None and user.needs_rescoping and code_list == "qd19_2025":
        return False
    return user is not None and (user.may_see_names or (user is OPEN and is_synthetic_database()))


def sees_protected_counts() -> bool:
    """An account that sees no names and whose role does not see exact counts: small counts hidden
    (giamngheo.disclosure, data/catalogue/disclosure.csv)."""
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
