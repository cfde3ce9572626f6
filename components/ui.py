"""Page furniture shared by every page: the synthetic-data banner, headline cards, tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import fmt
from components.data import is_synthetic
from components.i18n import t


def synthetic_banner() -> None:
    if is_synthetic():
        st.warning(t("synthetic_banner"), icon=":material/science:")


def headline(summary: pd.Series) -> None:
    """Cards for poor and near-poor households: count, rate, change in points since the previous review."""
    previous = summary.previous_year
    since = t("change_since", year=int(previous)) if pd.notna(previous) else t("no_previous")
    cols = st.columns(5)
    cols[0].metric(t("poor_rate"), fmt.pct(summary.poor_rate_pct), _delta(summary.poor_change_pp, since),
                   delta_color="inverse", border=True)
    cols[1].metric(t("poor_households"), fmt.households(summary.poor),
                   _delta_count(summary.poor, summary.previous_poor), delta_color="inverse", border=True)
    cols[2].metric(t("near_poor_rate"), fmt.pct(summary.near_poor_rate_pct),
                   _delta(summary.near_poor_change_pp, since), delta_color="inverse", border=True)
    cols[3].metric(t("near_poor_households"), fmt.households(summary.near_poor),
                   _delta_count(summary.near_poor, summary.previous_near_poor), delta_color="inverse", border=True)
    cols[4].metric(t("total_households"), fmt.households(summary.total_households), border=True)


def _delta(change, since: str) -> str | None:
    return None if pd.isna(change) else f"{fmt.pp(change).replace('−', '-')} {since}"


def _delta_count(now, before) -> str | None:
    if pd.isna(before):
        return None
    diff = int(now) - int(before)
    return ("+" if diff > 0 else "") + fmt.households(diff).replace("−", "-")


def commune_table(frame: pd.DataFrame) -> None:
    """The communes of the area with counts and rates, Vietnamese number format, sortable."""
    columns = {
        "commune_code": t("col_commune_code"),
        "commune_name": t("col_commune_name"),
        "total_households": t("col_total"),
        "poor": t("col_poor"),
        "poor_rate_pct": t("col_poor_rate"),
        "near_poor": t("col_near_poor"),
        "near_poor_rate_pct": t("col_near_poor_rate"),
        "poor_change_pp": t("col_change"),
    }
    shown = frame[list(columns)].rename(columns=columns)
    formats = {
        columns["total_households"]: fmt.count,
        columns["poor"]: fmt.count,
        columns["near_poor"]: fmt.count,
        columns["poor_rate_pct"]: fmt.pct,
        columns["near_poor_rate_pct"]: fmt.pct,
        columns["poor_change_pp"]: fmt.pp,
    }
    st.dataframe(shown.style.format(formats), hide_index=True, width="stretch")


def quality_table(issues: pd.DataFrame) -> None:
    """Warnings per commune, one column per check."""
    if issues.empty:
        st.success(t("no_issues"))
        return
    table = issues.pivot_table(index=["commune_code", "commune_name"], columns="check", values="records",
                               aggfunc="sum", fill_value=0).reset_index()
    table.columns.name = None
    table = table.rename(columns={
        "commune_code": t("col_commune_code"), "commune_name": t("col_commune_name"),
        **{c: t(f"check_{c}") for c in ("class_rule", "population_low", "moved")},
    })
    st.dataframe(table, hide_index=True, width="stretch")
