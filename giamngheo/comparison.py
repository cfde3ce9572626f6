"""What a comparison over time stands on, in words a leader can read aloud with the figure.

Two breaks make a comparison wrong if it is silent about them: the 2025 reform of the administrative units
(a July-2025 unit is compared with its predecessors' households placed on it, never with whatever carried its
code before) and a change of poverty standard (the first review under a standard is the baseline of its
period: its flows are a reclassification, not escapes or new poverty). The queries carry `standard`,
`previous_standard`, `comparable` and `previous_placed`; this module says what they mean, once, for the pages,
the narrative, the deck and the workbook.
"""

from __future__ import annotations

import pandas as pd

from giamngheo import fmt, i18n

# Form R2's columns in order, with the sign each adds to the start: 9 = 1 - 2 - 3 - 4 + 5 + 6 + 7 + 8.
FLOWS: tuple[tuple[str, int], ...] = (
    ("poor_start", 0), ("escaped_to_near_poor", -1), ("escaped_above_near_poor", -1), ("other_decrease", -1),
    ("from_near_poor", 1), ("re_poor", 1), ("new_poor", 1), ("other_increase", 1), ("poor_end", 0),
)
FLOW_KEYS = tuple(key for key, _ in FLOWS)
# Form R3's columns, the near-poor households' dynamics, in the same order and with the same signs:
# 9 = 1 - to poor - escaped above near-poor - other decrease + from poor + re-near-poor + new + other increase.
NEAR_POOR_FLOWS: tuple[tuple[str, int], ...] = (
    ("near_start", 0), ("to_poor", -1), ("escaped_above_near_poor", -1), ("other_decrease", -1),
    ("from_poor", 1), ("re_near_poor", 1), ("new_near_poor", 1), ("other_increase", 1), ("near_end", 0),
)
NEAR_POOR_KEYS = tuple(key for key, _ in NEAR_POOR_FLOWS)
# The transitions queries answer for either class under R2's column names; R3's names for the near-poor.
NEAR_POOR_NAMES = dict(zip(FLOW_KEYS, NEAR_POOR_KEYS))
_FLOWS_OF = {"ngheo": FLOWS, "can_ngheo": NEAR_POOR_FLOWS}


def flows(classification: str = "ngheo") -> tuple[tuple[str, int], ...]:
    """The columns of the dynamics form of a class (R2 for the poor, R3 for the near-poor), with their signs."""
    return _FLOWS_OF[classification]


def named_flows(frame: pd.DataFrame, classification: str) -> pd.DataFrame:
    """A transitions query's answer under the column names of the class's form."""
    return frame.rename(columns=NEAR_POOR_NAMES) if classification == "can_ngheo" else frame


def _known(value) -> bool:
    return value is not None and not pd.isna(value)


def is_baseline(row) -> bool:
    """Whether the review is the baseline of a new standard: a previous review exists under another standard."""
    return _known(row.get("previous_year")) and row.get("comparable") is not None and not bool(row.get("comparable"))


def basis(row, lang: str = "vi") -> str:
    """The sentence that says what a change since the previous review stands on (a summary or transitions row)."""
    if not _known(row.get("previous_year")):
        return i18n.text("basis_none", lang)
    values = dict(year=int(row["review_year"]) if "review_year" in row else "", previous=int(row["previous_year"]),
                  standard=row["standard"], previous_standard=row["previous_standard"])
    if is_baseline(row):
        return i18n.text("basis_baseline", lang, **values)
    return i18n.text("basis_placed" if bool(row.get("previous_placed")) else "basis_same", lang, **values)


def since(row, lang: str = "vi", short: bool = False) -> str:
    """Beside a change: 'so với năm 2024', and 'tính theo ĐVHC mới' where the previous review was placed on the
    new units (`short`: without it, where the basis sentence is shown beside)."""
    if not _known(row.get("previous_year")):
        return i18n.text("no_previous", lang)
    key = "change_since_placed" if bool(row.get("previous_placed")) and not short else "change_since"
    return i18n.text(key, lang, year=int(row["previous_year"]))


def coverage(row, lang: str = "vi") -> str | None:
    """'Review data for n of N communes' when a review covers only part of the area, else None."""
    n, total = row.get("communes_with_data"), row.get("communes_total")
    if _known(n) and _known(total) and int(n) < int(total):
        return i18n.text("coverage_partial", lang, n=fmt.count(n, lang), total=fmt.count(total, lang))
    return None


def approval(row, lang: str = "vi", short: bool = False) -> str | None:
    """Whether the figures are final: "chính thức" when every commune of the area has its review approved,
    else "sơ bộ: n/N xã đã phê duyệt" (giamngheo.review); `short` for a card or a subtitle."""
    approved, total = row.get("communes_approved"), row.get("communes_total")
    if not _known(approved) or not _known(total):
        return None
    suffix = "_short" if short else ""
    if bool(row.get("official")):
        return i18n.text("official" + suffix, lang)
    return i18n.text("provisional" + suffix, lang, n=fmt.count(approved, lang), total=fmt.count(total, lang))


def unallocated(row, lang: str = "vi") -> str | None:
    """The previous review's poor households that could not be placed in a commune of the current units."""
    n = row.get("previous_unallocated_poor")
    if _known(n) and int(n) > 0:
        return i18n.text("unallocated_note", lang, n=fmt.count(n, lang), year=int(row["previous_year"]))
    return None


def trend_note(trend, lang: str = "vi") -> str:
    """Under a trend: where the line breaks (standards), and which reviews are placed on the other list's units."""
    notes = [i18n.text("trend_caption", lang)]
    if "placed" in trend and trend.placed.any():
        placed = trend.placed.astype(bool)
        own_years, placed_years = trend.review_year[~placed], trend.review_year[placed]
        before_own = own_years.empty or placed_years.min() < own_years.min()  # earlier reviews on the new units
        notes.append(i18n.text("trend_placed_caption" if before_own else "trend_former_caption", lang))
    if provisional(trend).any():
        years = ", ".join(str(y) for y in trend.review_year[provisional(trend)])
        notes.append(i18n.text("trend_provisional_caption", lang, years=years))
    return " ".join(notes)


def provisional(trend) -> pd.Series:
    """The trend's reviews on the area's own units that not every commune has approved yet."""
    if "official" not in trend:
        return pd.Series(False, index=trend.index)
    return trend.official.eq(False).fillna(False).astype(bool)


def flow_label(key: str, comparable, lang: str = "vi", classification: str = "ngheo") -> str:
    """A column of form R2 (R3 for the near-poor): an escape or new poverty, or, against another standard, a
    reclassification."""
    reclassified = comparable is not None and not pd.isna(comparable) and not bool(comparable)
    near = "near_" if classification == "can_ngheo" else ""
    return i18n.text(near + ("reflow_" if reclassified else "flow_") + key, lang)


def transitions_title(row, year: int, lang: str = "vi", classification: str = "ngheo") -> str:
    near = "near_" if classification == "can_ngheo" else ""
    if is_baseline(row):
        return i18n.text(near + "reclassification_title", lang, standard=row["standard"],
                         start=int(row["previous_year"]), end=year, previous_standard=row["previous_standard"])
    return i18n.text(near + "transitions_title", lang, start=int(row["previous_year"]), end=year)
