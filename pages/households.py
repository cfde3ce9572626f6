"""Danh sách hộ: the households behind the figures, filtered, with names only for those who may see them."""

import streamlit as st

from components import access, fmt, ui
from components.data import audit, query
from components.i18n import t

LIMIT = 5000

filters = st.session_state["filters"]
st.title(f"{t('page_households')} · {filters.area_name} · {filters.year}")
ui.coverage(filters.area, filters.year)  # a list not yet approved may still change
classification = st.segmented_control(
    t("household_class"), ["ngheo", "can_ngheo", "all"], default=filters.classification,
    format_func=lambda c: t("all_classes") if c == "all" else ui.class_label(c).capitalize(), key="ds_loai",
) or "all"
show_names = access.may_see_names(filters.code_list)
frame = query("households_list", area=filters.area, year=filters.year, classification=classification,
              group=filters.group, show_names=show_names, limit=LIMIT)
st.caption(t("households_caption", n=fmt.count(len(frame)), limit=fmt.count(LIMIT)))
if not show_names:
    st.caption(t("names_hidden"))
else:  # a named list of households is personal data: on record
    seen = st.session_state.setdefault("named_views", set())
    view = (filters.area, filters.year, classification, filters.group)
    if view not in seen:
        audit("view_names", f"area={filters.area} year={filters.year} class={classification} group={filters.group}")
        seen.add(view)
ui.households_table(frame, show_names, file_stem=f"ho_{filters.area}_{filters.year}")
