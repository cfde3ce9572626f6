"""Small-count protection: cells that count fewer households than the catalogue's threshold are hidden from
the accounts that see no names, together with the cells that would give them away by subtraction.

The rule is data (data/catalogue/disclosure.csv): the threshold (3 households) and the roles that see exact
counts of their own area (leaders, officers, administrators). It is applied in one place for every output:
the dashboard's data layer, `giamngheo report --protect`, and the briefing and workbook exports, so that they
all show the same cells. A hidden cell is empty (null): its rates and changes with it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from giamngheo import catalogue, queries
from giamngheo.comparison import FLOW_KEYS
from giamngheo.paths import CATALOGUE


@dataclass(frozen=True)
class Rule:
    min_households: int
    exact_roles: tuple[str, ...]
    note: dict[str, str]


@cache
def rule() -> Rule:
    with open(CATALOGUE / "disclosure.csv", encoding="utf-8", newline="") as f:
        rows = {r["setting"]: r for r in csv.DictReader(f)}
    threshold = rows["min_households"]
    return Rule(int(threshold["value"]), tuple(rows["exact_roles"]["value"].split(";")),
                {"vi": threshold["note_vi"], "en": threshold["note_en"]})


def applies(role: str, may_see_names: bool) -> bool:
    """Whether an account sees protected counts: it sees no names and its role does not see exact counts."""
    return not may_see_names and role not in rule().exact_roles


@dataclass(frozen=True)
class Cells:
    """Which columns of a query's result count households, which are computed from them, and which add up to a
    total shown elsewhere (then hiding one would not hide it: a second one is hidden too)."""

    counts: tuple[str, ...]
    derived: dict[str, tuple[str, ...]] = field(default_factory=dict)
    row_sums: tuple[tuple[str, ...], ...] = ()  # columns of one row that add up to a shown total
    column_sums: tuple[str, ...] = ()  # count columns whose rows add up to a shown total
    within: tuple[str, ...] = ()  # ... within each group of rows with the same values in these columns
    pairs: str | None = None  # a column naming household groups, whose complementary groups add up (groups.csv)


FLOWS = tuple(FLOW_KEYS)
SHARES = {"share_pct": ("households", "deprived")}
CELLS: dict[str, Cells] = {
    "summary": Cells(
        ("poor", "near_poor", "poor_persons", "near_poor_persons", "previous_poor", "previous_near_poor",
         "previous_unallocated_poor"),
        {"poor_rate_pct": ("poor",), "near_poor_rate_pct": ("near_poor",),
         "poor_change_pp": ("poor", "previous_poor"), "near_poor_change_pp": ("near_poor", "previous_near_poor"),
         "poor_persons_rate_pct": ("poor_persons",), "near_poor_persons_rate_pct": ("near_poor_persons",)}),
    "communes": Cells(
        ("poor", "near_poor", "previous_poor"),
        {"poor_rate_pct": ("poor",), "near_poor_rate_pct": ("near_poor",), "poor_change_pp": ("poor", "previous_poor")},
        column_sums=("poor", "near_poor")),
    "map_units": Cells(("poor", "near_poor"), {"poor_rate_pct": ("poor",), "near_poor_rate_pct": ("near_poor",)},
                       column_sums=("poor", "near_poor")),
    "trend": Cells(("poor", "near_poor", "unallocated_poor"),
                   {"poor_rate_pct": ("poor",), "near_poor_rate_pct": ("near_poor",)}),
    "deprivation": Cells(("households", "deprived"), SHARES),
    "deprivation_by_commune": Cells(("households", "deprived"), SHARES, column_sums=("deprived",),
                                    within=("indicator",)),
    "deprivation_trend": Cells(("households", "deprived"), SHARES),
    "groups": Cells(("poor", "near_poor"),
                    {"share_of_poor_pct": ("poor",), "share_of_near_poor_pct": ("near_poor",),
                     "poor_share_of_households_pct": ("poor",)}, pairs="group"),
    "groups_by_commune": Cells(("poor", "near_poor"), column_sums=("poor", "near_poor"), within=("group",)),
    "causes": Cells(("households", "mentioned"), {"share_pct": ("households", "mentioned")}),
    "support_by_commune": Cells(("poor", "near_poor"), column_sums=("poor", "near_poor"), within=("support_type",)),
    "causes_by_commune": Cells(("poor_households", "near_poor_households", "poor", "near_poor"),
                               column_sums=("poor", "near_poor"), within=("cause",)),
    "official_results": Cells(
        ("poor", "near_poor", "average_living"),
        {"poor_persons": ("poor",), "near_poor_persons": ("near_poor",), "average_living_persons": ("average_living",)},
        column_sums=("poor", "near_poor", "average_living")),
    "ethnicity": Cells(("poor", "near_poor"),
                       {"poor_persons": ("poor",), "near_poor_persons": ("near_poor",), "share_of_poor_pct": ("poor",)},
                       column_sums=("poor", "near_poor")),
    "ethnicity_by_commune": Cells(("poor", "near_poor"), {"poor_persons": ("poor",), "near_poor_persons": ("near_poor",)},
                                  column_sums=("poor", "near_poor"), within=("commune_code",)),
    "solution_groups": Cells(("poor", "near_poor"), column_sums=("poor", "near_poor"), within=("solution",)),
    "transitions": Cells(FLOWS, row_sums=(FLOWS,)),
    "transitions_by_commune": Cells(FLOWS, row_sums=(FLOWS,), column_sums=FLOWS),
    "alkire_foster": Cells(("households", "multidimensionally_poor"),
                           {"h": ("multidimensionally_poor",), "a": ("multidimensionally_poor",),
                            "m0": ("multidimensionally_poor",), "censored_headcount": ("multidimensionally_poor",),
                            "contribution_pct": ("multidimensionally_poor",)}),
    "sponsorship": Cells(("adopted", "adopted_poor", "escaped_next_review"),
                         {"escaped_pct": ("adopted_poor", "escaped_next_review")}),
}


def small(values: pd.Series, k: int) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    return (numbers > 0) & (numbers < k)


def _second(hidden: pd.Series, values: pd.Series) -> pd.Series:
    """Cells adding up to a shown total, one of them hidden: hide the smallest other non-empty one too, so that
    the total less the others does not give it back."""
    hidden = hidden.copy()
    numbers = pd.to_numeric(values, errors="coerce").fillna(0)
    while hidden.sum() == 1:
        candidates = numbers[~hidden & (numbers > 0)]
        if candidates.empty:
            break
        hidden[candidates.idxmin()] = True
    return hidden


def protect(name: str, frame: pd.DataFrame, k: int | None = None) -> pd.DataFrame:
    """The query's result with its small cells (and their complements) empty; `frame.attrs["hidden"]` counts them.
    A query that counts no households is returned as it is."""
    cells = CELLS.get(name)
    if cells is None or frame.empty:
        return frame
    k = rule().min_households if k is None else k
    counts = [c for c in cells.counts if c in frame]
    hidden = pd.DataFrame({c: small(frame[c], k) for c in counts}, index=frame.index)
    for columns in cells.row_sums:  # e.g. the flows of form R2 between its start and its end
        present = [c for c in columns if c in frame]
        for index in frame.index:
            row = _second(hidden.loc[index, present], frame.loc[index, present])
            hidden.loc[index, present] = row
    groups = [frame.index] if not cells.within else [rows.index for _, rows in frame.groupby(list(cells.within))]
    for column in (c for c in cells.column_sums if c in frame):
        for rows in groups:
            hidden.loc[rows, column] = _second(hidden.loc[rows, column], frame.loc[rows, column])
    if cells.pairs and cells.pairs in frame:
        column_of = {g["group"]: g["column"] for g in catalogue.groups()}
        for _, rows in frame.groupby(frame[cells.pairs].map(column_of)):
            if len(rows) == 2:  # a group and its complement (with / without labour capacity) add up to the class
                for column in counts:
                    hidden.loc[rows.index, column] = _second(hidden.loc[rows.index, column], rows[column])
    out = frame.copy()
    for column in counts:
        out[column] = out[column].astype("float64").where(~hidden[column])
    for column, sources in cells.derived.items():
        if column in out:
            mask = hidden[[s for s in sources if s in hidden]].any(axis=1)
            out[column] = out[column].where(~mask)
    out.attrs["hidden"] = int(hidden.to_numpy().sum())
    return out


def protect_scorecard(frame: pd.DataFrame, k: int | None = None) -> pd.DataFrame:
    """A scorecard's actuals that count households (escapes, makeshift houses) hidden when small, with their gap."""
    if frame.empty:
        return frame
    k = rule().min_households if k is None else k
    counts = frame.unit.isin(["households"]) & frame.actual_from.eq("households")
    out = frame.copy()
    for column in ("actual", "previous_actual"):
        mask = counts & small(out[column], k)
        out[column] = out[column].astype("float64").where(~mask)
        if column == "actual":
            out["gap"] = out.gap.where(~mask)
            out.loc[mask, "status"] = "none"
            out["attained"] = out.attained.astype(object).where(~mask, None)  # a boolean column cannot hold "unknown"
    out.attrs["hidden"] = int((counts & out.actual.isna() & frame.actual.notna()).sum())
    return out


def run(con, name: str, protect: bool = False, **params) -> pd.DataFrame:
    """A named query (giamngheo.queries), its small counts protected when `protect`: for the exports."""
    frame = queries.run(con, name, **params)
    return protect_result(name, frame) if protect else frame


def protect_result(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    return protect_scorecard(frame) if name == "scorecard" else protect(name, frame)
