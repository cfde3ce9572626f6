"""Quản trị: accounts, open sessions and the audit log (sign-ins, sessions, imports, exports, user changes, views
of named lists)."""

import streamlit as st

from giamngheo import sessions

from components import access
from components.connection import with_cursor
from components.data import admin_frame
from components.i18n import t

if not access.is_admin():
    st.stop()
st.title(t("page_admin"))
st.subheader(t("users"))
st.dataframe(admin_frame("users"), hide_index=True, width="stretch")
st.subheader(t("open_sessions"))
open_now = admin_frame("sessions")
st.dataframe(open_now, hide_index=True, width="stretch")
left, right = st.columns([3, 1], vertical_alignment="bottom")
account = left.selectbox(t("end_sessions_of"), sorted(set(open_now.user_name)), index=None)
if right.button(t("end_sessions"), icon=":material/logout:", disabled=account is None):
    me = access.current_user().name
    ended = with_cursor(lambda cur: sessions.end_all(cur, account, "ended by administrator", me))
    st.session_state["flash"] = t("sessions_ended", n=ended, name=account)
    st.rerun()
if "flash" in st.session_state:
    st.success(st.session_state.pop("flash"))
st.subheader(t("audit_log"))
left, middle, right = st.columns(3)
action = left.selectbox(t("audit_action"), ["", "sign_in", "session_start", "session_end", "import", "export",
                                              "user_change", "view_names", "review"])
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
