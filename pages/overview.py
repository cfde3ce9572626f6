"""Tổng quan: headline figures, the situation paragraph, trend, deprivation shares, communes ranked."""

import streamlit as st

from giamngheo import charts

from components import ui
from components.plots import plot
from components.data import query
from components.fmt import count
from components.i18n import lang, t

filters = st.session_state["filters"]
if filters is None:
    st.info(t("no_data"))
    st.stop()

st.title(f"{filters.area_name} · {t('review_year')} {filters.year}")
params = dict(area=filters.area, year=filters.year)
summary = query("summary", **params)
if summary.empty or summary.poor.isna().all():
    st.info(t("no_data"))
    st.stop()
row = summary.iloc[0]
ui.headline(row)
notes = [t("coverage_note", with_data=count(row.communes_with_data))]
if row.communes_without_population:
    notes.append(t("denominator_note", n=count(row.communes_without_population)))
st.caption(" ".join(notes))
ui.explain(["summary"], t("denominator_all_households"), **params)

groups = query("groups", **params)
deprivation = query("deprivation", **params)
st.subheader(t("summary_title"))
ui.situation(row, groups, deprivation)

left, right = st.columns(2)
with left:
    st.subheader(t("trend_title"))
    trend = query("trend", **params)
    plot(charts.trend_lines, trend, lang())
    ui.trend_caption(trend)
with right:
    st.subheader(t("deprivation_title"))
    st.caption(t("deprivation_caption", n=count(row.poor), standard=filters.standard))
    plot(charts.deprivation_bars, deprivation, lang())
    ui.explain(["deprivation"], t("denominator_class", cls=ui.class_label("ngheo")), **params)

communes = query("communes", **params)
if filters.level != "commune":
    st.subheader(t("ranking_title"))
    plot(charts.commune_ranking, communes, lang())
st.subheader(t("communes_title"))
ui.commune_table(communes)
