"""The scorecard in the style of DHIS2 scorecards: units as rows, metrics as columns, each cell the result
against the target with a status colour, a symbol (so colour is never the only cue) and the trend."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from giamngheo import fmt as vnfmt
from giamngheo import theme
from giamngheo.workbooks import STATUS_WORDS, value_text

from components.i18n import lang, t

BACKGROUND = {"green": "#CDEBDD", "amber": "#FBE3B3", "red": "#F6CFC0", "none": "#FFFFFF", "baseline": "#E8E8E8"}
SYMBOL = {"green": "✓", "amber": "!", "red": "✗", "none": "·", "baseline": "○"}
ARROW = {"better": "↑", "worse": "↓", "same": "→", None: ""}


def legend(frame: pd.DataFrame) -> None:
    bands = frame.drop_duplicates("metric")[[f"label_{lang()}", "unit", "amber_band"]]
    parts = [f"{SYMBOL['green']} {STATUS_WORDS[lang()]['green']}",
             f"{SYMBOL['amber']} {STATUS_WORDS[lang()]['amber']}: " + "; ".join(
                 f"{getattr(b, 'label_' + lang())} {t('within')} {value_text(b.amber_band, b.unit, lang())}"
                 for b in bands.itertuples()),
             f"{SYMBOL['red']} {STATUS_WORDS[lang()]['red']}", f"↑ ↓ {t('trend_legend')}"]
    if (frame.status == "baseline").any():
        parts.append(f"{SYMBOL['baseline']} {STATUS_WORDS[lang()]['baseline']}")
    st.caption(" · ".join(parts))


def matrix(frame: pd.DataFrame) -> None:
    labels = frame.drop_duplicates("metric").sort_values("position")
    rows = frame.drop_duplicates("area_code")[["area_code", "area_name", "level"]]
    cells, colours = {}, {}
    for r in frame.itertuples():
        label = getattr(r, f"label_{lang()}")
        actual = t("baseline_cell") if r.status == "baseline" else value_text(r.actual, r.unit, lang())
        cells[(r.area_code, label)] = (f"{SYMBOL[r.status]} {actual} / "
                                       f"{value_text(r.target, r.unit, lang())} {ARROW.get(r.trend if isinstance(r.trend, str) else None, '')}")
        colours[(r.area_code, label)] = BACKGROUND[r.status]
    columns = [getattr(m, f"label_{lang()}") for m in labels.itertuples()]
    table = pd.DataFrame([[cells.get((a, c), "") for c in columns] for a in rows.area_code],
                         columns=columns, index=rows.area_name)
    table.index.name = t("area")
    styles = pd.DataFrame([[f"background-color: {colours.get((a, c), '#FFFFFF')}" for c in columns]
                           for a in rows.area_code], columns=columns, index=rows.area_name)
    st.dataframe(table.style.apply(lambda _: styles, axis=None), width="stretch",
                 height=min(800, 38 * (len(table) + 1) + 4))


def details(frame: pd.DataFrame) -> None:
    shown = pd.DataFrame({
        t("area"): frame.area_name,
        t("metric"): frame[f"label_{lang()}"],
        t("target"): frame.target,
        t("actual"): frame.actual,
        t("gap"): frame.gap,
        t("status"): frame.status.map(lambda s: f"{SYMBOL[s]} {STATUS_WORDS[lang()][s]}"),
        t("previous"): frame.previous_actual,
    })
    number = lambda v: vnfmt.number(v, 2, lang())  # noqa: E731
    st.dataframe(shown.style.format({t("target"): number, t("actual"): number, t("gap"): number,
                                     t("previous"): number}), hide_index=True, width="stretch")


def target_vs_actual(frame: pd.DataFrame, metric: str) -> go.Figure:
    """Target and result per unit for one metric, sorted by gap (worst first)."""
    rows = frame[frame.metric == metric].copy()
    higher = bool(rows.higher_is_better.iloc[0])
    rows["shortfall"] = (rows.target - rows.actual) if higher else (rows.actual - rows.target)
    rows = rows.sort_values("shortfall", ascending=True)
    unit = rows.unit.iloc[0]
    target = go.Bar(y=rows.area_name, x=rows.target, orientation="h", name=t("target"), marker_color="#BBBBBB",
                    text=[value_text(v, unit, lang()) for v in rows.target], textposition="outside", cliponaxis=False)
    actual = go.Bar(y=rows.area_name, x=rows.actual, orientation="h", name=t("actual"),
                    marker_color=[{"green": theme.OKABE_ITO[2], "amber": theme.OKABE_ITO[1], "red": theme.POOR}
                                  .get(s, theme.INK) for s in rows.status],
                    text=[value_text(v, unit, lang()) for v in rows.actual], textposition="outside", cliponaxis=False)
    return theme.figure(data=[target, actual], layout=dict(
        barmode="group", height=140 + 60 * len(rows),
        font=dict(family=theme.FONT_FAMILY, size=theme.FONT_SIZE, color=theme.INK),
        separators=vnfmt.separators(lang()), margin=dict(l=10, r=40, t=30, b=10),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), yaxis=dict(automargin=True)))


def sponsorship(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.info(t("no_sponsorship"))
        return
    next_year = frame.next_year.iloc[0]
    shown = pd.DataFrame({
        t("sponsor"): frame.sponsor,
        t("adopted"): frame.adopted.map(vnfmt.count),
        (t("escaped_at", year=int(next_year)) if pd.notna(next_year) else t("escaped_at_next")):
            [f"{vnfmt.count(e, lang())} ({vnfmt.pct(p, 1, lang())})" if pd.notna(e) else "–"
             for e, p in zip(frame.escaped_next_review, frame.escaped_pct)],
    })
    st.dataframe(shown, hide_index=True, width="stretch")


def support(frame: pd.DataFrame) -> None:
    if not frame.households.sum():
        return
    shown = pd.DataFrame({
        t("support_type"): frame[f"label_{lang()}"],
        t("households_supported"): frame.households.map(lambda v: vnfmt.count(v, lang())),
        t("amount"): frame.amount_vnd.map(lambda v: vnfmt.count(v, lang()) + " đ"),
    })
    st.dataframe(shown, hide_index=True, width="stretch")
