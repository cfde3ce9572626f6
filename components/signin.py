"""The sign-in wall (once a database has accounts) and the signed-in user's corner of the sidebar."""

from __future__ import annotations

import json
import time

import streamlit as st

from giamngheo import auth, sessions

from components import access
from components.data import write
from components.i18n import t


def wall() -> None:
    """The sign-in form; stops the page until someone signs in. A real database without accounts says how to
    create the first administrator instead, and shows nothing else."""
    st.title(t("app_title"))
    if access.needs_first_administrator():
        st.warning(t("first_administrator"), icon=":material/admin_panel_settings:")
        st.code("giamngheo user add TEN_DANG_NHAP --role quan_tri", language="sh")
        st.stop()
    if sessions.COOKIE in st.context.cookies:  # it names a session that has ended: forget it
        _cookie_request("DELETE")
    if identity_provider():
        _provider_sign_in()
    with st.form("sign_in"):
        name = st.text_input(t("user_name"), max_chars=64, key="login_name")
        password = st.text_input(t("password"), type="password", max_chars=128, key="login_password")
        submitted = st.form_submit_button(t("sign_in"), type="primary")
    if submitted:
        try:
            user = write(lambda cur: auth.authenticate(cur, name.strip(), password))
        except auth.AuthError as error:
            st.error(str(error))
        else:
            access.sign_in(user)
            st.rerun()
    st.stop()


def corner(user: auth.User) -> None:
    with st.sidebar:
        if user is access.OPEN:
            return
        st.caption(t("signed_in_as", name=user.name, role=t(f"role_{user.role}"), area=user.area_code or t("whole_country")))
        if st.button(t("sign_out"), icon=":material/logout:"):
            access.sign_out()
            if identity_provider() and st.user.is_logged_in:
                st.logout()  # the provider's identity cookie too
            st.rerun()
    code = st.session_state.pop("cookie_code", None)
    if code:
        _cookie_request("POST", code)


def _cookie_request(method: str, code: str | None = None) -> None:
    """Ask the server (giamngheo/web.py) for this session's HttpOnly cookie, in exchange for the one-time code
    given at sign-in, or to forget a cookie whose session has ended. The page stays where it is."""
    body = f", headers: {{'Content-Type': 'application/json'}}, body: JSON.stringify({{ma: {json.dumps(code)}}})" if code else ""
    st.html(f"<script>fetch('/api/phien', {{method: '{method}', credentials: 'same-origin'{body}}});</script>",
            unsafe_allow_javascript=True)


# A province's identity provider (OpenID Connect, e.g. Keycloak), when .streamlit/secrets.toml configures Streamlit's
# st.login in an [auth] section. Its identity is taken as a sign-in only just after the provider vouched for it:
# a session ended by signing out or by an administrator is not reopened by the provider's older identity cookie.
PROVIDER_FRESH_SECONDS = 120


def identity_provider() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml: Streamlit raises on reading it
        return False


def _provider_sign_in() -> None:
    settings = st.secrets.get("giamngheo", {})
    if st.user.is_logged_in and time.time() - float(st.user.get("iat") or 0) < PROVIDER_FRESH_SECONDS:
        name = str(st.user.get(settings.get("account_claim", "preferred_username")) or "")
        try:
            user = write(lambda cur: auth.sign_in_from_provider(cur, name, "oidc"))
        except auth.AuthError as error:
            st.error(str(error))
        else:
            access.sign_in(user)
            st.rerun()
    if st.button(settings.get("provider_label", t("sign_in_provider")), type="primary", icon=":material/badge:"):
        st.login()
