"""The sign-in wall (once a database has accounts) and the signed-in user's corner of the sidebar."""

from __future__ import annotations

import streamlit as st

from giamngheo import auth

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
            access.sign_out("sign out")
            st.rerun()
