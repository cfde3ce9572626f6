"""The reports of `giamngheo report`: a named query, and the keys the command-line contract promises.

Keys beyond the contract's come after them (e.g. the groups' share of all households, which the
Thạch Hà plan quotes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from giamngheo import comparison, disclosure, queries, scorecard


class ReportError(Exception):
    """A user error: unknown report, area or year. The CLI prints it and exits with code 2."""


@dataclass(frozen=True)
class Report:
    query: str  # a named query, or the name of what `build` assembles
    keys: tuple[str, ...]
    rename: dict[str, str] = field(default_factory=dict)
    extra: tuple[str, ...] = ()
    build: Callable | None = None  # (con, area, year) -> DataFrame, for reports assembled in Python
    params: dict = field(default_factory=dict)  # the query's parameters beyond area and year


REPORTS = {
    "summary": Report(
        "summary",
        (
            "area_code", "area_name", "review_year", "total_households", "poor", "poor_rate_pct",
            "near_poor", "near_poor_rate_pct", "poor_change_pp", "near_poor_change_pp", "poor_persons",
            "near_poor_persons", "standard", "previous_year", "previous_standard", "comparable",
        ),
        extra=("communes_approved", "communes_total", "official", "previous_placed", "communes_with_data",
               "communes_without_population"),
    ),
    "deprivation": Report(
        "deprivation",
        ("indicator", "label_vi", "poor_households", "deprived", "share_pct"),
        rename={"households": "poor_households"},
        extra=("dimension", "label_en"),
    ),
    "groups": Report(
        "groups",
        ("group", "poor", "share_of_poor_pct", "near_poor"),
        extra=("share_of_near_poor_pct", "poor_share_of_households_pct", "label_vi"),
    ),
    "transitions": Report(  # form R2: the poor households' dynamics
        "transitions",
        comparison.FLOW_KEYS + ("comparable",),
        extra=("area_code", "previous_year", "standard", "previous_standard"),
    ),
    "near_poor_transitions": Report(  # form R3: the near-poor households' dynamics, defined as R2's
        "transitions",
        comparison.NEAR_POOR_KEYS + ("comparable",),
        rename=comparison.NEAR_POOR_NAMES,
        extra=("area_code", "previous_year", "standard", "previous_standard"),
        params={"classification": "can_ngheo"},
    ),
    "targets": Report(
        "scorecard",
        ("area_code", "area_name", "metric", "target", "actual", "attained", "higher_is_better"),
        extra=("status", "gap", "previous_actual", "trend", "unit", "note"),
        build=scorecard.build,
    ),
    "communes": Report(
        "communes",
        (
            "commune_code", "commune_name", "total_households", "poor", "poor_rate_pct",
            "near_poor", "near_poor_rate_pct", "poor_change_pp",
        ),
        extra=("denominator_from_records",),
    ),
}


def check_area(con: duckdb.DuckDBPyConnection, area: str, year: int) -> None:
    years = queries.run(con, "years")
    if year not in set(years.review_year):
        known = ", ".join(str(y) for y in years.review_year)
        raise ReportError(f"không có dữ liệu rà soát năm {year} / no review data for {year} (có / available: {known})")
    if area not in set(queries.run(con, "areas", year=year).code):
        raise ReportError(
            f"mã địa bàn {area!r} không có dữ liệu năm {year} / area code {area!r} has no data for {year}"
        )


def run(con: duckdb.DuckDBPyConnection, name: str, area: str, year: int, protect: bool = False) -> pd.DataFrame:
    """The report's keys; with `protect`, small counts hidden as for an account without names (disclosure)."""
    if name not in REPORTS:
        raise ReportError(f"không có báo cáo {name!r} / no report {name!r} (có / available: {', '.join(REPORTS)})")
    check_area(con, area, year)
    report = REPORTS[name]
    if report.build:
        frame = report.build(con, area, year)
    else:
        frame = queries.run(con, report.query, area=area, year=year, **report.params)
    if protect:
        frame = disclosure.protect_result(report.query, frame)
    frame = frame.rename(columns=report.rename)
    return frame[list(report.keys + report.extra)]
