"""Tiến độ rà soát: where each commune's review stands (under review, submitted, approved, reopened), on a map,
in counts and in a table, with the days left to the close of the periodic review (14 December)."""

import streamlit as st

from components import progress, ui
from components.data import query
from components.i18n import t

filters = st.session_state["filters"]
st.title(f"{t('page_progress')} · {filters.area_name} · {filters.year}")
params = dict(area=filters.area, year=filters.year)
progress.deadline(filters.year)
communes = query("review_progress", **params)
summary = query("summary", **params)
if len(summary):
    ui.basis(summary.iloc[0])
st.subheader(t("progress_counts"))
progress.counts(communes)
progress.status_map(communes, query("map_units", **params))
progress.table(communes, filters.year)
progress.actions(communes, filters.year)
ui.explain(["review_progress"], t("progress_counts"), **params)
