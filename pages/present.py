"""Trình chiếu: the briefing as full-screen slides for a projector; next / previous by button or keyboard
(arrow keys, and PageDown / PageUp as presentation clickers send); the slide number is in the URL."""

import streamlit as st

from components import present
from components.data import briefing
from components.i18n import lang, t

filters = st.session_state["filters"]
deck = briefing(filters.area, filters.year, lang())
slides = deck.slides
page = str(st.query_params.get("trang", "1"))
index = min(max(int(page) - 1 if page.isdigit() else 0, 0), len(slides) - 1)  # ?trang=abc opens the first slide


def go(step: int) -> None:
    st.query_params["trang"] = str(min(max(index + step, 0), len(slides) - 1) + 1)


present.full_screen()
present.slide(slides[index], index, len(slides), deck.synthetic)
left, middle, right = st.columns([1, 6, 1])
left.button(f"◀ {t('previous_slide')}", on_click=go, args=(-1,), shortcut="Left", disabled=index == 0,
            width="stretch")
right.button(f"{t('next_slide')} ▶", on_click=go, args=(1,), shortcut="Right", disabled=index == len(slides) - 1,
             width="stretch")
with st.container(key="clicker_keys"):  # presentation clickers send PageDown / PageUp
    st.button("PageUp", on_click=go, args=(-1,), shortcut="PageUp")
    st.button("PageDown", on_click=go, args=(1,), shortcut="PageDown")
middle.page_link("pages/overview.py", label=t("exit_presentation"), icon=":material/close:")
