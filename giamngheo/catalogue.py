"""The poverty standards, indicators, household groups, classes and causes, read from data/catalogue.

This is the one place the domain rules live. The database loads the same CSV files into tables
(`standards`, `indicators`, ...) so SQL reads them too; the import and the UI call the functions here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

import numpy as np

from giamngheo.paths import CATALOGUE

TABLES = ("standards", "indicators", "groups", "classes", "causes", "ethnicities", "metrics", "support_types", "import_columns", "solutions")


def _rows(name: str) -> list[dict[str, str]]:
    with open(CATALOGUE / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _int(value: str) -> int | None:
    return int(value) if value else None


@dataclass(frozen=True)
class Standard:
    standard: str
    label_vi: str
    label_en: str
    legal_basis: str
    first_review_year: int
    last_review_year: int
    rule: str  # income_or_deprivation (2016-2020) | income_and_deprivation (2022 on)
    deprivation_cutoff: int
    poverty_line: dict[str, int]  # by area type: nong_thon / thanh_thi
    min_standard: dict[str, int | None]
    average_ceiling: dict[str, int | None]
    urban_label: dict[str, str]  # by language: "thành thị" until 2026, "đô thị" under the 2027-2030 standard
    status: str
    former_keys: tuple[str, ...]  # keys this standard had in earlier catalogues (migrated in old databases)
    verification: str
    report_forms: str = ""  # the circular whose report forms the review's summaries follow (giamngheo.forms)

    def classify(self, area_type: str, income: float, deprivations: int) -> str:
        """The class the standard's rule gives; the reported class may legitimately differ (village meeting)."""
        return str(self.classify_many(np.array([area_type]), np.array([income]), np.array([deprivations]))[0])

    def classify_many(self, area_type, income, deprivations) -> np.ndarray:
        """The rule for many households at once (arrays of area type, income per person, deprivation count)."""
        area_type, income = np.asarray(area_type), np.asarray(income, dtype=float)
        deprived = np.asarray(deprivations) >= self.deprivation_cutoff
        urban = area_type == "thanh_thi"

        def by_area(values: dict) -> np.ndarray:
            rural, town = values["nong_thon"], values["thanh_thi"]
            return np.where(urban, np.nan if town is None else town, np.nan if rural is None else rural)

        line, upper, ceiling = by_area(self.poverty_line), by_area(self.min_standard), by_area(self.average_ceiling)
        out = np.full(income.shape, "khong", dtype=object)
        out[income <= ceiling] = "trung_binh"
        if self.rule == "income_or_deprivation":
            out[income <= upper] = "can_ngheo"
            out[(income <= line) | ((income <= upper) & deprived)] = "ngheo"
        else:
            out[income <= line] = np.where(deprived, "ngheo", "can_ngheo")[income <= line]
        return out


@dataclass(frozen=True)
class Indicator:
    standard: str
    position: int
    flag: str
    dimension: str
    dimension_vi: str
    dimension_en: str
    label_vi: str
    label_en: str
    verification: str


@cache
def standards() -> dict[str, Standard]:
    out = {}
    for r in _rows("standards"):
        out[r["standard"]] = Standard(
            standard=r["standard"],
            label_vi=r["label_vi"],
            label_en=r["label_en"],
            legal_basis=r["legal_basis"],
            first_review_year=int(r["first_review_year"]),
            last_review_year=int(r["last_review_year"]),
            rule=r["rule"],
            deprivation_cutoff=int(r["deprivation_cutoff"]),
            poverty_line={"nong_thon": int(r["poverty_line_rural"]), "thanh_thi": int(r["poverty_line_urban"])},
            min_standard={"nong_thon": _int(r["min_standard_rural"]), "thanh_thi": _int(r["min_standard_urban"])},
            average_ceiling={
                "nong_thon": _int(r["average_ceiling_rural"]),
                "thanh_thi": _int(r["average_ceiling_urban"]),
            },
            urban_label={"vi": r["urban_label_vi"], "en": r["urban_label_en"]},
            status=r["status"],
            former_keys=tuple(k for k in r["former_keys"].split(";") if k),
            verification=r["verification"],
            report_forms=r["report_forms"],
        )
    return out


def renamed_standards() -> dict[str, str]:
    """Former standard keys -> current ones (the 2027-2030 standard was catalogued as 2026-2030 before the
    decree was read): databases that stored a former key are migrated when they open (giamngheo.db)."""
    return {old: s.standard for s in standards().values() for old in s.former_keys}


def standard_for_year(review_year: int) -> Standard:
    for s in standards().values():
        if s.first_review_year <= review_year <= s.last_review_year:
            return s
    raise KeyError(f"no poverty standard covers review year {review_year}")


@cache
def indicators(standard: str) -> tuple[Indicator, ...]:
    rows = [r for r in _rows("indicators") if r["standard"] == standard]
    return tuple(
        Indicator(**{**r, "position": int(r["position"])}) for r in sorted(rows, key=lambda r: int(r["position"]))
    )


@cache
def all_flags() -> tuple[str, ...]:
    """Every deprivation flag of every standard, in catalogue order: one households column each."""
    seen: dict[str, None] = {}
    for r in _rows("indicators"):
        seen.setdefault(r["flag"], None)
    return tuple(seen)


@cache
def groups() -> tuple[dict[str, str], ...]:
    return tuple(_rows("groups"))


@cache
def group_columns() -> tuple[str, ...]:
    """The boolean household columns that groups are read from."""
    return tuple(dict.fromkeys(g["column"] for g in groups()))


@cache
def classes() -> tuple[dict[str, str], ...]:
    return tuple(_rows("classes"))


@cache
def causes() -> tuple[dict[str, str], ...]:
    return tuple(_rows("causes"))


@cache
def ethnicities() -> tuple[dict[str, str], ...]:
    """The 54 ethnic groups of the national list (code, name, other names, whether a minority)."""
    return tuple(_rows("ethnicities"))


@cache
def forms() -> tuple[dict[str, str], ...]:
    """The report forms of a review (R1-R15), numbered and titled as the software implementing the circular's."""
    return tuple(_rows("forms"))


@cache
def metrics() -> tuple[dict[str, str], ...]:
    """Target metrics: unit, whether higher is better, and whether the actual comes from households."""
    return tuple(_rows("metrics"))


@cache
def support_types() -> tuple[dict[str, str], ...]:
    return tuple(_rows("support_types"))


@dataclass(frozen=True)
class ImportColumn:
    kind: str
    canonical: str
    label_vi: str
    alias_en: str
    db_column: str
    type: str
    required: bool
    example: str
    min: float | None = None  # the smallest value accepted (numbers)
    max: float | None = None  # the largest value accepted (numbers), or the longest text in characters


def _number(value: str) -> float | None:
    return float(value) if value else None


@cache
def import_columns(kind: str) -> tuple[ImportColumn, ...]:
    """The columns of an import kind; for households, one boolean per deprivation flag of any standard."""
    cols = [
        ImportColumn(**{**r, "required": r["required"] == "yes", "min": _number(r["min"]), "max": _number(r["max"])})
        for r in _rows("import_columns") if r["kind"] == kind
    ]
    if kind == "households":
        labels: dict[str, Indicator] = {}
        for r in _rows("indicators"):
            labels.setdefault(r["flag"], Indicator(**{**r, "position": int(r["position"])}))
        cols += [
            ImportColumn(kind, flag, i.label_vi, i.label_en, flag, "boolean", False, "")
            for flag, i in labels.items()
        ]
    return tuple(cols)


def import_kinds() -> tuple[str, ...]:
    return tuple(dict.fromkeys(r["kind"] for r in _rows("import_columns")))
