"""Tổng quan: headline figures, deprivation shares and communes of the selected area and year."""

import streamlit as st

from components import charts, ui
from components.data import query
from components.fmt import count
from components.i18n import lang, t

filters = st.session_state["filters"]
if filters is None:
    st.info(t("no_data"))
    st.stop()

st.title(f"{filters.area_name} · {t('review_year')} {filters.year}")
summary = query("summary", area=filters.area, year=filters.year)
if summary.empty or summary.poor.isna().all():
    st.info(t("no_data"))
    st.stop()
row = summary.iloc[0]
ui.headline(row)
notes = [t("coverage_note", with_data=int(row.communes_with_data))]
if row.communes_without_population:
    notes.append(t("denominator_note", n=int(row.communes_without_population)))
st.caption(" ".join(notes))

st.subheader(t("deprivation_title"))
deprivation = query("deprivation", area=filters.area, year=filters.year)
st.caption(t("deprivation_caption", n=count(row.poor), standard=filters.standard))
st.plotly_chart(charts.deprivation_bars(deprivation, lang()), config={"displaylogo": False})

st.subheader(t("communes_title"))
ui.commune_table(query("communes", area=filters.area, year=filters.year))
