"""Quản trị: accounts and the audit log (sign-ins, imports, exports, user changes, views of named lists)."""

import streamlit as st

from components import access
from components.data import admin_frame
from components.i18n import t

if not access.is_admin():
    st.stop()
st.title(t("page_admin"))
st.subheader(t("users"))
st.dataframe(admin_frame("users"), hide_index=True, width="stretch")
st.subheader(t("audit_log"))
left, middle, right = st.columns(3)
action = left.selectbox(t("audit_action"), ["", "sign_in", "sign_out", "import", "export", "user_change", "view_names"])
who = middle.text_input(t("user_name"), max_chars=64)
outcome = right.selectbox(t("audit_outcome"), ["", "ok", "refused", "failed"])
log = admin_frame("audit")
if action:
    log = log[log.action == action]
if who:
    log = log[log.user_name.fillna("").str.contains(who, regex=False)]
if outcome:
    log = log[log.outcome == outcome]
st.dataframe(log, hide_index=True, width="stretch")
