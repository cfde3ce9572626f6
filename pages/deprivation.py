"""Chiều thiếu hụt: deprivation shares by dimension, commune x indicator heat map, Alkire-Foster, trend."""

import streamlit as st

from giamngheo import charts

from components import fmt, ui
from components.plots import plot
from components.data import query
from components.i18n import lang, t

filters = st.session_state["filters"]
st.title(f"{t('page_deprivation')} · {filters.area_name} · {filters.year}")
params = dict(area=filters.area, year=filters.year)
ui.coverage(**params)
cls = ui.class_label(filters.classification)

shares = query("deprivation", classification=filters.classification, **params)
if shares.empty or not shares.households.iloc[0]:
    st.info(t("no_data"))
    st.stop()
st.subheader(t("deprivation_title") if filters.classification == "ngheo" else t("page_deprivation"))
st.caption(t("deprivation_caption", n=fmt.count(shares.households.iloc[0]), standard=filters.standard)
           .replace(t("poor_households").lower(), cls))
plot(charts.deprivation_bars, shares, lang())
ui.explain(["deprivation"], t("denominator_class", cls=cls), **params)

if filters.level != "commune":
    st.subheader(t("heatmap_title"))
    heat = query("deprivation_by_commune", classification=filters.classification, **params)
    plot(charts.deprivation_heatmap, heat, lang())

st.subheader(t("af_title"))
af = query("alkire_foster", **params)
first = af.iloc[0]
cols = st.columns(3)
cols[0].metric("H", fmt.pct(100 * first.h), border=True)
cols[1].metric("A", fmt.pct(100 * first.a), border=True)
cols[2].metric("M0", fmt.number(first.m0, 3), border=True)
st.caption(t("af_rule", n=fmt.count(first.households), d=len(af)))
st.markdown(f"**{t('af_contributions')}**")
plot(charts.contributions, af, lang())
ui.explain(["alkire_foster"], t("af_rule", n=fmt.count(first.households), d=len(af)), **params)

st.subheader(t("deprivation_trend_title"))
plot(charts.deprivation_trend, query("deprivation_trend", **params), lang())
st.caption(t("trend_caption"))
