"""The interface language (bound to ?lang= in the URL) and the words in it."""

from __future__ import annotations

import streamlit as st

from giamngheo import i18n


def lang() -> str:
    return st.session_state.get("lang") or "vi"


def t(key: str, **values) -> str:
    return i18n.text(key, lang(), **values)


def label(row, field: str = "label") -> str:
    """The catalogue label of a row in the interface language (`label_vi` / `label_en`)."""
    return row[f"{field}_{lang()}"]
