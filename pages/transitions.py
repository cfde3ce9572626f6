"""Diễn biến hộ nghèo: the official dynamics tables (form R2 for the poor, R3 for the near-poor) for the area and
each commune, as waterfalls, over the same ground as the previous review; against another standard, a
reclassification."""

import pandas as pd
import streamlit as st

from giamngheo import charts, comparison

from components import ui
from components.plots import plot
from components.data import query
from components.i18n import lang, t

filters = st.session_state["filters"]
params = dict(area=filters.area, year=filters.year)
area = query("transitions", **params).iloc[0]
if pd.isna(area.previous_year):
    st.title(f"{t('page_transitions')} · {filters.area_name}")
    st.info(t("transitions_none"))
    st.stop()
st.title(f"{filters.area_name} · " + comparison.transitions_title(area, filters.year, lang()))
ui.basis(query("summary", **params).iloc[0])
plot(charts.waterfall, area, lang())
ui.explain(["transitions"], t("flow_poor_start") + " = " + t("poor_households").lower() + f" {int(area.previous_year)}",
           **params)
if filters.level != "commune":
    st.subheader(t("transitions_by_commune"))
    ui.transitions_table(query("transitions_by_commune", **params), area)
    st.caption(t("transitions_note"))
near = comparison.named_flows(query("transitions", classification="can_ngheo", **params), "can_ngheo").iloc[0]
st.subheader(t("near_transitions_section"))
st.caption(comparison.transitions_title(near, filters.year, lang(), "can_ngheo"))
plot(charts.waterfall, near, lang(), "can_ngheo")
