"""Who may see what. Without accounts (the demo) the dashboard is open; names of heads of household are
personal data and are shown only on a synthetic database or to a user granted them."""

import streamlit as st

from components.data import is_synthetic


def may_see_names() -> bool:
    return is_synthetic() or bool(st.session_state.get("may_see_names"))
