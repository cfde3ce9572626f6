"""Chất lượng dữ liệu: the warnings of the selected area and year, by commune."""

import streamlit as st

from components import ui
from components.data import query
from components.i18n import t

filters = st.session_state["filters"]
st.title(f"{t('page_quality')} · {filters.area_name} · {filters.year}")
st.write(t("quality_intro"))
ui.quality_table(query("quality_issues", area=filters.area, year=filters.year))
