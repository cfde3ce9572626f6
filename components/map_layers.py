"""What the map page colours: the values of the chosen metric for each unit, with their class breaks,
colours, legend labels and tooltips (the map page only picks the metric and draws)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from giamngheo import breaks, choropleth

from components import fmt
from components.data import query, scorecard
from components.i18n import lang, t


@dataclass
class Layer:
    title: str
    kind: str  # sequential | diverging | status
    values: pd.Series
    edges: list[float]
    classes: list
    palette: list[str]
    label: object  # (low, high, class index) -> legend text
    tooltip: dict[str, pd.Series]
    collection: dict


def metrics(national: bool) -> dict[str, str]:
    out = {"poor_rate_pct": t("poor_rate"), "near_poor_rate_pct": t("near_poor_rate")}
    if not national:
        out |= {"poor_change_pp": t("col_change"), "deprivation_share_pct": t("deprivation_share"),
                "attainment": t("attainment")}
    return out


def layer(metric: str, method: str, units: pd.DataFrame, area: str, year: int, classification: str) -> Layer | None:
    """The layer of `metric`; asks for the indicator or target metric it needs; None without targets."""
    kind, decimals, suffix, title = "sequential", 2, "%", metrics(area == "VN")[metric]
    if metric in ("poor_rate_pct", "near_poor_rate_pct"):
        values = units[metric]
    elif metric == "poor_change_pp":
        change = query("communes", area=area, year=year).set_index("commune_code").poor_change_pp
        values, kind, suffix = units.code.map(change), "diverging", (" " + t("points_unit"))
    elif metric == "deprivation_share_pct":
        shares = query("deprivation_by_commune", area=area, year=year, classification=classification)
        labels = shares.drop_duplicates("indicator").set_index("indicator")[f"label_{lang()}"]
        indicator = st.selectbox(t("indicator"), labels.index.tolist(), format_func=labels.get, key="ban_do_chi_so_th")
        values, decimals = units.code.map(shares[shares.indicator == indicator].set_index("commune_code").share_pct), 1
        title = f"{labels[indicator]} ({t('share_of_class')})"
    else:
        card = scorecard(area, year)
        card = card[card.level == "commune"]
        names = card.drop_duplicates("metric").set_index("metric")[f"label_{lang()}"]
        if names.empty:
            return None
        chosen = st.selectbox(t("metric"), names.index.tolist(), format_func=names.get, key="ban_do_chi_tieu")
        status = card[card.metric == chosen].set_index("area_code").status
        values, kind, title = units.code.map(status.map({"red": 0.5, "amber": 1.5, "green": 2.5})), "status", names[chosen]
    band_metric = "attainment" if kind == "status" else metric
    edges = breaks.edges_for("fixed" if kind == "status" else method, values.tolist(), band_metric)
    classes = breaks.classify(values.tolist(), edges)
    palette = choropleth.colours(max(1, len(edges) - 1), kind)
    if kind == "status":
        words = [t("status_red"), t("status_amber"), t("status_green")]
        label = lambda low, high, i: words[i]  # noqa: E731
    else:
        label = choropleth.band_label(edges, decimals, suffix, lang())
    shown = [("–" if c is None or pd.isna(v) else (label(0, 0, c) if kind == "status" else
                                                   label(v, v, c).split(" – ")[0]))
             for v, c in zip(values, classes)]
    tooltip = {
        t("col_poor"): units.poor.map(lambda v: fmt.households(v) if pd.notna(v) else "–"),
        t("col_poor_rate"): units.poor_rate_pct.map(fmt.pct),
        t("col_near_poor_rate"): units.near_poor_rate_pct.map(fmt.pct),
        title: pd.Series(shown, index=units.index),
    }
    collection = choropleth.feature_collection(units, classes, palette, tooltip)
    return Layer(title, kind, values, edges, classes, palette, label, tooltip, collection)
