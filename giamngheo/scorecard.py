"""Targets against results: actual, gap, attainment, a green / amber / red status and the trend.

The rules are the metric catalogue's (data/catalogue/metrics.csv): whether higher is better, where the
actual comes from (households, or entered in the targets file), and the amber band, in the metric's own
unit: a result that misses its target by no more than the band is amber, by more is red.
"""

from __future__ import annotations

import math

import duckdb
import pandas as pd

from giamngheo import queries

GREEN, AMBER, RED, NONE, BASELINE = "green", "amber", "red", "none", "baseline"


def status(target: float, actual: float | None, higher_is_better: bool, amber_band: float) -> str:
    if actual is None or (isinstance(actual, float) and math.isnan(actual)):
        return NONE
    shortfall = (target - actual) if higher_is_better else (actual - target)
    if shortfall <= 1e-9:
        return GREEN
    return AMBER if shortfall <= amber_band + 1e-9 else RED


def trend(actual, previous, higher_is_better: bool) -> str | None:
    """'better', 'worse' or 'same' against the previous review; None without one."""
    if actual is None or previous is None or pd.isna(actual) or pd.isna(previous):
        return None
    if abs(actual - previous) < 1e-9:
        return "same"
    return "better" if (actual > previous) == higher_is_better else "worse"


def build(con: duckdb.DuckDBPyConnection, area: str, year: int) -> pd.DataFrame:
    """One row per target of the area and the units one level down."""
    targets = queries.run(con, "targets", area=area, year=year)
    actuals = queries.run(con, "target_actuals", area=area, year=year)
    current = targets[targets.review_year == year].copy()
    if current.empty:
        return current.assign(actual=[], previous_actual=[], gap=[], attained=[], status=[], trend=[])
    computed = actuals.pivot_table(index=["area_code", "metric"], columns="review_year", values="actual")
    earlier = targets[targets.review_year < year].set_index(["area_code", "metric"]).entered_actual

    def lookup(row, review_year):
        key = (row.area_code, row.metric)
        if row.actual_from == "entered":
            if review_year == year:
                return row.entered_actual
            return earlier.get(key)
        if key in computed.index and review_year in computed.columns:
            value = computed.loc[key, review_year]
            return None if pd.isna(value) else float(value)
        return None

    previous_year = max((y for y in computed.columns if y < year), default=None)
    current["actual"] = [lookup(r, year) for r in current.itertuples()]
    current["previous_actual"] = [lookup(r, previous_year) if previous_year else None for r in current.itertuples()]
    current["gap"] = current.actual - current.target
    current["status"] = [status(r.target, r.actual, r.higher_is_better, r.amber_band) for r in current.itertuples()]
    # A cut or an escape measured against a review under another standard is no result: the review is the
    # baseline of the new period, and its targets count from it.
    baseline = set(actuals[(actuals.review_year == year) & (actuals.comparable == False)].area_code)  # noqa: E712
    current.loc[current.area_code.isin(baseline) & current.actual.isna() & (current.actual_from == "households"),
                "status"] = BASELINE
    current["attained"] = current.status.map({GREEN: True, AMBER: False, RED: False, NONE: None, BASELINE: None})
    current["trend"] = [trend(r.actual, r.previous_actual, r.higher_is_better) for r in current.itertuples()]
    return current.reset_index(drop=True)
