"""The interface language (bound to ?lang= in the URL) and the words in it."""

from __future__ import annotations

import streamlit as st

from giamngheo import i18n

from components.connection import once_per_run


def language_of_the_link() -> None:
    """A link may name its language by code (?lang=en) or by name (?lang=English). The picker, bound to the
    parameter, reads the name from the link a run starts with and drops a code, showing Vietnamese beside a page
    drawn once in English: a code is written as the name and the run starts again (app.py, before the sidebar)."""
    asked = st.query_params.get("lang")
    if asked in i18n.LANGUAGES:
        st.query_params["lang"] = i18n.LANGUAGES[asked]
        st.rerun()


@once_per_run
def lang() -> str:
    """The language picker's choice; before the picker is drawn in a session's first run (the navigation is
    built before the sidebar), the language the link asks for (?lang=en or ?lang=English), else Vietnamese: the
    picker is bound to the same parameter, so both give the same language. Asked once a run (a hundred times on
    some pages)."""
    chosen = st.session_state.get("lang")
    if chosen:
        return chosen
    asked = st.query_params.get("lang")
    return next((code for code, name in i18n.LANGUAGES.items() if asked in (code, name)), "vi")


def t(key: str, **values) -> str:
    return i18n.text(key, lang(), **values)


def label(row, field: str = "label") -> str:
    """The catalogue label of a row in the interface language (`label_vi` / `label_en`)."""
    return row[f"{field}_{lang()}"]
