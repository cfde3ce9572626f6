"""Nhóm hộ, nguyên nhân: households by group, by ethnicity, causes of poverty, solution groups by commune."""

import streamlit as st

from giamngheo import charts

from components import ui
from components.plots import plot
from components.data import query
from components.i18n import lang, t

filters = st.session_state["filters"]
st.title(f"{t('page_groups')} · {filters.area_name} · {filters.year}")
params = dict(area=filters.area, year=filters.year)
ui.coverage(**params)

st.subheader(t("groups_title"))
groups = query("groups", **params)
plot(charts.group_bars, groups, lang())
ui.group_table(groups)
ui.explain(["groups"], t("denominator_class", cls=ui.class_label("ngheo")), **params)

st.subheader(t("ethnicity_title"))
ethnic = ui.ethnicity_rows(query("ethnicity", **params))
if ethnic.empty:
    st.info(t("no_data"))
else:
    st.caption(ui.minority_rate_caption(ethnic))
    plot(charts.group_bars, ethnic, lang())
    ui.explain(["ethnicity"], t("ethnicity_caption"), **params)

st.subheader(t("causes_title"))
causes = query("causes", classification=filters.classification, **params)
st.caption(t("causes_caption", cls=ui.class_label(filters.classification)))
plot(charts.share_bars, causes, "label", lang())

st.subheader(t("solutions_title"))
st.caption(t("solutions_caption"))
ui.solution_table(query("solution_groups", **params))
ui.explain(["solution_groups"], t("solutions_caption"), **params)
