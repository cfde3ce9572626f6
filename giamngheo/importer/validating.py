"""The checks of a parsed file: units in the review's code list, the account's area, locked reviews, household
moves, the standard's deprivation rules, targets, support and population warnings."""

from __future__ import annotations

import contextlib
import math

import pandas as pd
import pyarrow as pa

from giamngheo import catalogue, review
from giamngheo.importer.problems import Problem, _Checker

# Quyết định 19/2025: Xã Ba Chẽ is 06978; several lists still carry 06970 (data/admin/SOURCES.md).
COMMUNE_ALIASES = {("qd19_2025", "06970"): "06978"}


def _check_range(spec: catalogue.ImportColumn, parsed: pd.Series, raw: pd.Series, check: _Checker) -> None:
    """The column's bounds from the catalogue: numbers within min-max, texts no longer than max characters."""
    if spec.min is None and spec.max is None:
        return
    if spec.type == "text":
        too_long = (parsed.astype("string").str.len() > spec.max).fillna(False).astype(bool)
        check.rows(too_long, spec.canonical, raw[too_long].astype(object).map(lambda v: str(v)[:40] + "…"),
                   f"dài quá {spec.max:.0f} ký tự", f"longer than {spec.max:.0f} characters", "too_long")
        return
    numbers = pd.to_numeric(parsed, errors="coerce")
    outside = numbers.notna() & ((numbers < (spec.min if spec.min is not None else -math.inf))
                                 | (numbers > (spec.max if spec.max is not None else math.inf)))
    bounds = f"{fmt_bound(spec.min)}-{fmt_bound(spec.max)}"
    check.rows(outside, spec.canonical, raw, f"ngoài khoảng cho phép ({bounds})", f"outside the allowed range ({bounds})",
               "out_of_range")


def fmt_bound(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}".replace(",", ".")


def _check_target_ranges(frame: pd.DataFrame, check: _Checker) -> None:
    """A target and its actual within the range of the metric's unit (a share 0-100, a cut in points ±100...)."""
    bounds = {m["metric"]: (float(m["min"]), float(m["max"])) for m in catalogue.metrics()}
    for column, canonical in (("target", "gia_tri"), ("actual", "thuc_hien")):
        if column not in frame:
            continue
        low = frame.metric.map(lambda m: bounds.get(m, (-math.inf, math.inf))[0])
        high = frame.metric.map(lambda m: bounds.get(m, (-math.inf, math.inf))[1])
        values = pd.to_numeric(frame[column], errors="coerce")
        check.rows(values.notna() & ((values < low) | (values > high)), canonical, frame[column],
                   "ngoài khoảng của đơn vị tính chỉ tiêu", "outside the range of the metric's unit", "out_of_range")


def _check_unlocked(con, frame: pd.DataFrame, check: _Checker) -> None:
    """An approved commune-review is locked (giamngheo.review): rows for it, or moving a household out of it, are
    refused, naming the recognition decision, until an administrator reopens it."""
    if not {"review_year", "commune_code"} <= set(frame.columns):
        return
    decisions = review.locked(con, frame)
    for text in decisions.dropna().unique():
        check.rows(decisions == text, "ma_xa", frame.commune_code,
                   f"kết quả rà soát của xã đã được phê duyệt ({text}): quản trị viên mở lại trước khi nhập",
                   f"the commune's review is approved ({text}): an administrator reopens it before anything is "
                   "imported", "approved")


def _check_moves(con, frame: pd.DataFrame, check: _Checker, allow_move: bool) -> None:
    """A household belongs to one commune per review: a row whose household code is already recorded in
    another commune of that review would move it and overwrite that commune's record (a commune officer could
    take over a neighbour's household). Refused, without naming the other commune or its figures, unless an
    administrator allows moves; the moves are then counted and logged."""
    if not {"review_year", "household_id", "commune_code"} <= set(frame.columns):
        return
    con.register("incoming_ids", pa.table({"household_id": frame.household_id.dropna().unique().astype(str)}))
    try:
        held = con.execute("select review_year, household_id, commune_code as held_in from households "
                           "semi join incoming_ids using (household_id)").df()
    finally:
        con.unregister("incoming_ids")
    if held.empty:
        return
    incoming = frame[["review_year", "household_id", "commune_code"]].reset_index()
    incoming["review_year"] = pd.to_numeric(incoming.review_year, errors="coerce").astype("Int64")
    held["review_year"] = held.review_year.astype("Int64")
    joined = incoming.merge(held, how="inner", on=["review_year", "household_id"])
    moved = joined[joined.held_in != joined.commune_code].set_index("index").index
    mask = pd.Series(frame.index.isin(moved), index=frame.index)
    if allow_move:
        check.p.moves = int(mask.sum())
        return
    check.rows(mask, "ma_ho", frame.household_id,
               "mã hộ đã được ghi ở một xã khác trong kỳ rà soát này; chỉ quản trị viên mới chuyển được hộ giữa các xã",
               "this household code is recorded in another commune at this review; only an administrator may move "
               "a household between communes", "held_elsewhere")


def _code_lists(con) -> pd.DataFrame:
    return con.execute("select code_list, first_review_year, last_review_year from code_lists "
                       "where first_review_year is not null").df()


def _check_units(con, kind: str, frame: pd.DataFrame, check: _Checker) -> None:
    """Codes must exist in the code list in force at the review; province and district come from it."""
    if "review_year" not in frame:
        return
    lists = _code_lists(con)
    by_year = {y: next((r.code_list for r in lists.itertuples() if r.first_review_year <= y <= r.last_review_year), None)
               for y in frame.review_year.dropna().unique()}
    frame["code_list"] = frame.review_year.map(by_year)
    column = "commune_code" if "commune_code" in frame else "area_code" if "area_code" in frame else None
    if column is None:
        return
    units = con.execute("select code_list, code, level, province_code, district_code from admin_units").df()
    for (code_list, alias), code in COMMUNE_ALIASES.items():
        frame.loc[(frame.code_list == code_list) & (frame[column] == alias), column] = code
    levels = ("commune",) if column == "commune_code" else ("province", "district", "commune")
    known = units[units.level.isin(levels)].set_index(["code_list", "code"])
    index = pd.MultiIndex.from_arrays([frame.code_list, frame[column]])
    found = index.isin(known.index)
    canonical = "ma_xa" if column == "commune_code" else "ma_dv"
    missing = ~found & frame[column].notna() & frame.code_list.notna()  # a year that did not parse is said once
    check.rows(pd.Series(missing, index=frame.index), canonical, frame[column],
               "mã không có trong danh mục đơn vị hành chính của năm rà soát",
               "code not in the administrative code list of that review year", "unknown_code")
    if column != "commune_code":
        return
    lookup = known[~known.index.duplicated()].reindex(index)
    for col, canonical in (("province_code", "ma_tinh"), ("district_code", "ma_huyen")):
        derived = pd.Series(lookup[col].to_numpy(), index=frame.index)
        if col in frame:
            wrong = found & frame[col].notna() & (frame[col] != derived)
            check.rows(pd.Series(wrong, index=frame.index), canonical, frame[col],
                       "không khớp với mã xã", "does not match the commune code", "code_mismatch")
        frame[col] = derived.where(pd.notna(derived), None)


def _check_allowed(con, kind: str, frame: pd.DataFrame, check: _Checker, allowed: dict[str, set[str]]) -> None:
    if kind == "support":  # a support row names a household: the household's commune decides
        communes = con.execute("select review_year, household_id, code_list, commune_code from households").df()
        place = frame[["review_year", "household_id"]].merge(communes, how="left", on=["review_year", "household_id"])
        codes, lists, column = place.commune_code.to_numpy(), place.code_list.to_numpy(), "ma_ho"
        shown = frame.household_id
    else:
        name = "commune_code" if kind in ("households", "population") else "area_code"
        codes, lists, shown = frame[name].to_numpy(), frame.code_list.to_numpy(), frame[name]
        column = "ma_xa" if name == "commune_code" else "ma_dv"
    outside = pd.Series([isinstance(code, str) and code not in allowed.get(code_list, set())
                         for code, code_list in zip(codes, lists)], index=frame.index)
    check.rows(outside, column, shown, "ngoài địa bàn được giao cho tài khoản", "outside the account's area",
               "outside_area")


def _check_households(frame: pd.DataFrame, check: _Checker, positions: dict[str, int]) -> None:
    by_year = {}
    for y in frame.review_year.dropna().unique():
        with contextlib.suppress(KeyError):  # a review year no decreed standard covers: refused below
            by_year[y] = catalogue.standard_for_year(int(y))
    default = frame.review_year.map({y: rule.standard for y, rule in by_year.items()}).astype(object)
    default = default.where(default.notna(), None)
    check.rows(frame.review_year.notna() & default.isna(), "nam_ra_soat", frame.review_year,
               "chưa có chuẩn nghèo cho năm rà soát này (danh mục chuẩn nghèo)",
               "no poverty standard covers that review year (standards catalogue)", "no_standard")
    if "standard" in frame:
        wrong = frame.standard.notna() & default.notna() & (frame.standard != default)
        check.rows(wrong, "chuan_ngheo", frame.standard, "chuẩn nghèo không áp dụng cho năm rà soát này",
                   "the standard does not apply to that review year", "bad_standard")
        frame["standard"] = frame.standard.fillna(default)
    else:
        frame["standard"] = default
    if "ethnicity" in frame:  # the ethnic-minority flag follows from the group; a file saying otherwise is warned
        minority = {e["code"]: e["minority"] == "true" for e in catalogue.ethnicities()}
        implied = frame.ethnicity.map(minority)
        if "dan_toc_thieu_so" in positions:
            # Set for a Kinh head: a contradiction. Blank (false) for a minority group: the flag simply follows.
            contradicts = (implied == False) & frame.dan_toc_thieu_so.fillna(False).astype(bool)  # noqa: E712
            check.warn(contradicts, "dan_toc_thieu_so", frame.dan_toc_thieu_so,
                       "hộ dân tộc Kinh được đánh dấu dân tộc thiểu số; lấy theo cột dân tộc",
                       "a Kinh household is marked ethnic minority; the ethnicity column is kept", "ethnicity_flag")
        frame["dan_toc_thieu_so"] = implied.where(implied.notna(), frame.get("dan_toc_thieu_so"))
    for group in catalogue.group_columns():
        frame[group] = frame[group].fillna(False) if group in frame else False
    listed = frame.classification.isin(["ngheo", "can_ngheo"])
    counts = pd.Series(0, index=frame.index)
    for flag in catalogue.all_flags():
        if flag in frame:
            frame[flag] = frame[flag].astype("boolean")  # yes, no, or none where the indicator is not asked
    for standard in [s for s in frame.standard.unique() if isinstance(s, str)]:
        rows = frame.standard == standard
        own = [i.flag for i in catalogue.indicators(standard)]
        for flag in own:
            if flag not in positions:
                affected = rows & listed
                if affected.any():
                    first = int(check.rownums[affected].iloc[0])
                    check.p.problems.append(Problem(
                        None, flag, None,
                        f"thiếu cột chỉ số thiếu hụt (bắt buộc với hộ nghèo, cận nghèo theo chuẩn {standard}; "
                        f"{int(affected.sum())} dòng, dòng đầu tiên {first})",
                        f"missing deprivation column (required for poor and near-poor rows of the {standard} "
                        f"standard; {int(affected.sum())} rows, first row {first})", "missing_column"))
                continue
            counts[rows] += frame.loc[rows, flag].fillna(False).astype(int)
        for flag in catalogue.all_flags():
            if flag not in own and flag in frame:
                stray = rows & frame[flag].fillna(False).astype(bool)
                check.rows(stray, flag, None, f"không phải chỉ số của chuẩn {standard}",
                           f"not an indicator of the {standard} standard", "bad_indicator")
                frame.loc[rows, flag] = pd.NA
            elif flag in frame:
                frame.loc[rows & ~listed & ~frame[flag].fillna(False), flag] = pd.NA
    frame["deprivation_count"] = counts
    for standard in [s for s in frame.standard.unique() if isinstance(s, str)]:
        rule = catalogue.standards()[standard]  # its cut-off: data/catalogue/standards.csv
        if rule.rule != "income_and_deprivation":
            continue
        few = (frame.standard == standard) & (frame.classification == "ngheo") & (counts < rule.deprivation_cutoff)
        check.rows(few, "phan_loai", frame.classification,
                   f"hộ nghèo phải thiếu hụt từ {rule.deprivation_cutoff} chỉ số trở lên",
                   f"a poor household must have at least {rule.deprivation_cutoff} deprivations", "too_few_deprivations")
    if "income_per_capita" in frame:
        frame["expected_class"] = None
        income = pd.to_numeric(frame.income_per_capita)
        for standard in [s for s in frame.standard.unique() if isinstance(s, str)]:
            rows = (frame.standard == standard) & income.notna() & frame.area_type.isin(["nong_thon", "thanh_thi"])
            frame.loc[rows, "expected_class"] = catalogue.standards()[standard].classify_many(
                frame.area_type[rows].to_numpy(), income[rows].to_numpy(), frame.deprivation_count[rows].to_numpy())
        disagree = frame.expected_class.notna() & (frame.expected_class != frame.classification)
        check.warn(disagree, "phan_loai", frame.classification,
                   "phân loại khác với kết quả theo chuẩn (thu nhập và số chỉ số thiếu hụt)",
                   "classification differs from the standard's rule (income and deprivations)", "class_rule")
        income = pd.to_numeric(frame.income_per_capita).round()
        # out of range rows are refused (_check_range); an integer column cannot hold 1e30 meanwhile
        frame["income_per_capita"] = income.where(income.abs() < 2 ** 62).astype("Int64")


def _check_support(con, frame: pd.DataFrame, check: _Checker) -> None:
    known = con.execute("select review_year, household_id from households").df()
    index = pd.MultiIndex.from_arrays([frame.review_year, frame.household_id])
    missing = ~index.isin(pd.MultiIndex.from_frame(known)) & frame.household_id.notna()
    check.rows(pd.Series(missing, index=frame.index), "ma_ho", frame.household_id,
               "không có hộ này trong kết quả rà soát năm đó", "no such household in that year's review",
               "unknown_household")


def _warn_population(con, frame: pd.DataFrame, check: _Checker) -> None:
    reviewed = con.execute("select review_year, commune_code, count(*) as n from households group by all").df()
    merged = frame.merge(reviewed, on=["review_year", "commune_code"], how="left")
    over = pd.Series((merged.n.fillna(0) > merged.total_households).to_numpy(), index=frame.index)
    check.warn(over, "tong_so_ho", frame.total_households,
               "ít hơn số hộ đã được rà soát của xã", "fewer than the commune's reviewed households", "population_low")


