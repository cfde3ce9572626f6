"""Page furniture shared by every page: the synthetic-data banner, headline cards, tables."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from giamngheo import catalogue, comparison, i18n, narrative, queries, registry, workbooks
from giamngheo import fmt as base_fmt

from components import fmt
from components.connection import as_of, cache_key, current_db, is_synthetic_database, snapshot_time
from components.data import audit, forgotten_on_write, query, require_area
from components.i18n import lang, t
from components.plots import drawn_once


def as_of_banner() -> None:
    """On a lake shown as of a snapshot: say which, and when it was taken (nothing changes it)."""
    snapshot = as_of()
    if snapshot is not None:
        st.info(t("as_of_banner").format(snapshot=snapshot, time=snapshot_time(current_db(), snapshot)),
                icon=":material/history:")


def synthetic_banner(open_access: bool = False) -> None:
    if is_synthetic_database():
        st.warning(t("synthetic_banner") + (" " + t("no_sign_in") if open_access else ""), icon=":material/science:")
    elif open_access:
        st.warning(t("no_sign_in"), icon=":material/lock_open:")


def headline(summary: pd.Series) -> None:
    """Cards for poor and near-poor households: count, rate, change in points since the previous review over the
    same ground; under them, what the comparison stands on (standard and units) and how much of the area the
    review covers. Drawn once per summary and language."""
    _headline(summary, lang())


@drawn_once
def _headline(summary: pd.Series, language: str) -> None:  # `t` and `fmt` write in `language`, the run's
    since = comparison.since(summary, language, short=True)  # the units are said just below
    # The first review under a standard is a new baseline: no change, and the cards say so.
    baseline = (dict(delta=t("baseline_short", standard=summary.standard), delta_color="blue", delta_arrow="off")
                if comparison.is_baseline(summary) else None)

    def rate(change) -> dict:
        if baseline or pd.isna(change):
            return baseline or {}
        return dict(_change(round(change, 2), fmt.pp(change)), delta_description=since)

    def households(n, sign: str = "") -> str:
        return t("card_households", n=sign + fmt.count(n))

    def count(now, before) -> dict:
        if baseline or pd.isna(before):
            return baseline or {}
        diff = int(now) - int(before)
        return _change(diff, households(diff, "+" if diff > 0 else ""))

    cols = st.columns(5)
    cols[0].metric(t("poor_rate"), fmt.pct(summary.poor_rate_pct), border=True, **rate(summary.poor_change_pp))
    cols[1].metric(t("poor_households"), households(summary.poor), border=True,
                   **count(summary.poor, summary.previous_poor))
    cols[2].metric(t("near_poor_rate"), fmt.pct(summary.near_poor_rate_pct), border=True,
                   **rate(summary.near_poor_change_pp))
    cols[3].metric(t("near_poor_households"), households(summary.near_poor), border=True,
                   **count(summary.near_poor, summary.previous_near_poor))
    cols[4].metric(t("total_households"), households(summary.total_households), border=True)
    if pd.notna(summary.get("poor_persons")):  # the forms count persons (nhân khẩu) beside households
        st.caption(t("persons_line", poor=fmt.count(summary.poor_persons),
                     near_poor=fmt.count(summary.near_poor_persons)))
    _draw_basis(summary)


def situation(summary: pd.Series, groups: pd.DataFrame, deprivation: pd.DataFrame) -> None:
    """The situation paragraph in the letters' phrasing (giamngheo.narrative), written once per content."""
    _situation(summary, groups, deprivation, lang())


@drawn_once
def _situation(summary: pd.Series, groups: pd.DataFrame, deprivation: pd.DataFrame, language: str) -> None:
    st.markdown(f"> {narrative.paragraph(summary, groups, deprivation, language)}")


def trend_caption(trend: pd.DataFrame) -> None:
    """Under a trend: where its line breaks and which reviews stand on other units (comparison.trend_note), written
    once per trend and language."""
    _trend_caption(trend, lang())


@drawn_once
def _trend_caption(trend: pd.DataFrame, language: str) -> None:
    st.caption(comparison.trend_note(trend, language))


def basis(row: pd.Series) -> None:
    """What a comparison over time stands on, with the review's coverage: shown wherever its totals are (drawn
    once per row and language)."""
    _basis(row, lang())


@drawn_once
def _basis(row: pd.Series, language: str) -> None:
    _draw_basis(row)


def _draw_basis(row: pd.Series) -> None:
    notes = [comparison.approval(row, lang()), comparison.basis(row, lang()), comparison.coverage(row, lang()),
             comparison.unallocated(row, lang())]
    text = " ".join(n for n in notes if n)
    if comparison.is_baseline(row) or comparison.coverage(row, lang()) or not bool(row.get("official", True)):
        st.info(text, icon=":material/flag:")
    else:
        st.caption(text)


def coverage(area: str, year: int) -> None:
    """Above an area's totals: whether they are official or provisional ("sơ bộ: n/N xã đã phê duyệt"), and how
    much of the area the review covers ("n/N xã")."""
    summary = query("summary", area=area, year=year)
    if summary.empty:
        return
    row = summary.iloc[0]
    text = " ".join(n for n in (comparison.approval(row, lang()), comparison.coverage(row, lang())) if n)
    if comparison.coverage(row, lang()) or not bool(row.get("official", True)):
        st.info(text, icon=":material/flag:")
    elif text:
        st.caption(text)


def _change(value, text: str) -> dict:
    """A card's change as the letters write it (−0,38 điểm %, with the minus sign), its arrow and colour from the
    number itself: fewer poor households is green, more is red, no change grey."""
    direction = "down" if value < 0 else "up" if value > 0 else "off"
    return dict(delta=text, delta_arrow=direction, delta_color={"down": "green", "up": "red", "off": "gray"}[direction])


COMMUNE_COLUMNS = {"commune_code": "col_commune_code", "commune_name": "col_commune_name",
                   "total_households": "col_total", "poor": "col_poor", "poor_rate_pct": "col_poor_rate",
                   "near_poor": "col_near_poor", "near_poor_rate_pct": "col_near_poor_rate",
                   "poor_change_pp": "col_change"}
COMMUNE_FORMATS = {"total_households": "count", "poor": "count", "near_poor": "count", "poor_rate_pct": "pct",
                   "near_poor_rate_pct": "pct", "poor_change_pp": "pp"}
NUMBER_FORMATS = {"count": base_fmt.count, "pct": base_fmt.pct, "pp": base_fmt.pp}  # by name, a cache key


def commune_table(frame: pd.DataFrame) -> None:
    """The communes of the area with counts and rates, Vietnamese number format, sortable."""
    _commune_table(frame, lang())


@drawn_once(max_entries=300)
def _commune_table(frame: pd.DataFrame, language: str) -> None:
    def text(key: str) -> str:
        return i18n.text(key, language)

    shown = frame[list(COMMUNE_COLUMNS)].rename(columns={c: text(key) for c, key in COMMUNE_COLUMNS.items()})
    _styled_table(shown, tuple((text(COMMUNE_COLUMNS[c]), name) for c, name in COMMUNE_FORMATS.items()), language)


@drawn_once(max_entries=300)
def number_table(frame: pd.DataFrame, formats: tuple[tuple[str, str], ...], language: str) -> None:
    """st.dataframe of `frame`, its numbers kept as numbers (the columns sort as numbers) and written in the
    language's way by a Styler: (column, a name of NUMBER_FORMATS) for each formatted column. The Styler costs
    46 ms for a province's 579 communes, a second for 5.000 households: drawn once per content."""
    _styled_table(frame, formats, language)


def _styled_table(frame: pd.DataFrame, formats: tuple[tuple[str, str], ...], language: str) -> None:
    styler = frame.style.format({column: partial(NUMBER_FORMATS[name], lang=language) for column, name in formats})
    st.dataframe(styler, hide_index=True, width="stretch")


@drawn_once(max_entries=300)
def plain_table(frame: pd.DataFrame) -> None:
    """st.dataframe of `frame` as it is, drawn once per content (a list of 5.000 households: 5 ms a run)."""
    st.dataframe(frame, hide_index=True, width="stretch")


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


def explain(query_names: list[str], denominator: str, area: str, year: int) -> None:
    """'Where this comes from': the query files, the denominator, the imports behind the figures. Drawn once per
    area, review, data version and language: the imports are looked up only when it is drawn."""
    require_area(area, year)
    _explain(tuple(query_names), denominator, area, year, cache_key(), lang())


PROVENANCE_COLUMNS = ["import_id", "kind", "file_name", "imported_at", "user_name", "records_used", "synthetic"]


@forgotten_on_write  # keyed by the data version, not by the imports' frame
@drawn_once
def _explain(query_names: tuple[str, ...], denominator: str, area: str, year: int, data: tuple,
             language: str) -> None:
    def text(key: str) -> str:
        return i18n.text(key, language)

    provenance, synthetic = query("provenance", area=area, year=year), is_synthetic_database()

    with st.popover(text("explain"), icon=":material/info:"):
        st.markdown(f"**{text('explain_denominator')}**: {denominator}")
        st.markdown(f"**{text('explain_query')}**: " + ", ".join(f"`queries/{name}.sql`" for name in query_names))
        for name in query_names:
            entry = registry.entry(name)  # queries/queries.yml: what the query answers and what always holds
            st.markdown(f"`{name}`: {entry.description}")
            if entry.invariants:
                st.caption(text("explain_invariants") + " " + " · ".join(f"`{i}`" for i in entry.invariants))
            with st.expander(f"queries/{name}.sql"):
                st.code(queries.sql(name), language="sql")
        st.markdown(f"**{text('explain_imports')}**")
        st.dataframe(provenance[PROVENANCE_COLUMNS], hide_index=True)
        st.caption(text("explain_synthetic") if synthetic else text("explain_real"))


def class_label(classification: str) -> str:
    return {"ngheo": t("poor_households"), "can_ngheo": t("near_poor_households")}[classification].lower()


def group_table(groups: pd.DataFrame) -> None:
    _group_table(groups, lang())


@drawn_once
def _group_table(groups: pd.DataFrame, language: str) -> None:  # `t` and `fmt` write in `language`, the run's
    shown = pd.DataFrame({
        t("household_group"): groups[f"label_{language}"],
        t("poor_households"): groups.poor.map(fmt.count),
        "% " + t("poor_households").lower(): groups.share_of_poor_pct.map(fmt.pct),
        "% " + t("total_households").lower(): groups.poor_share_of_households_pct.map(fmt.pct),
        t("near_poor_households"): groups.near_poor.map(fmt.count),
    })
    st.dataframe(shown, hide_index=True, width="stretch")


def ethnicity_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The ethnicity query's rows labelled for a chart: the group's name, or what is known of a household whose
    extract gives no group."""
    unknown = frame.minority.map(lambda m: t("minority_unnamed") if m else t("ethnicity_unknown"))
    label = frame.name.where(frame.name.notna(), unknown)
    return frame.assign(label_vi=label, label_en=label, position=frame.position.fillna(99))


def minority_rate_caption(frame: pd.DataFrame) -> str:
    """The ethnic-minority poverty rate over all the area's ethnic-minority households, where the population import
    gives them; otherwise the poor ethnic-minority households only."""
    minority = frame[frame.minority.astype(bool)]
    poor = minority.poor.sum(min_count=1)
    total = frame.total_ethnic_minority_households.max()
    if pd.isna(total) or not total:
        return t("minority_rate_unknown", poor=fmt.count(poor))
    return t("minority_rate", rate=fmt.pct(100 * poor / total), poor=fmt.count(poor), total=fmt.count(total))


def solution_table(frame: pd.DataFrame) -> None:
    """Poor and near-poor households per commune and group of solutions (a pivot: drawn once per content)."""
    _solution_table(frame, lang())


@drawn_once
def _solution_table(frame: pd.DataFrame, language: str) -> None:
    if frame.empty:
        st.info(i18n.text("no_data", language))
        return
    frame = frame.assign(households=frame.poor + frame.near_poor)
    table = frame.pivot_table(index=["commune_code", "commune_name"], columns=f"label_{language}",
                              values="households", aggfunc="sum", fill_value=0)
    order = frame.drop_duplicates("solution").sort_values("position")[f"label_{language}"]
    table = table[[c for c in order if c in table.columns]].reset_index()
    table.columns.name = None
    table = table.rename(columns={"commune_code": i18n.text("col_commune_code", language),
                                  "commune_name": i18n.text("col_commune_name", language)})
    st.dataframe(table, hide_index=True, width="stretch")


def transitions_table(communes: pd.DataFrame, area: pd.Series) -> None:
    """Form R2: communes as rows, the numbered flows as columns, the area's own row at the bottom. Households
    of the previous review that could not be placed in a commune (a split commune's, across the 2025 reform)
    are their own row, so that the start adds up to the area's. Drawn once per content and language."""
    _transitions_table(communes, area, lang())


@drawn_once
def _transitions_table(communes: pd.DataFrame, area: pd.Series, language: str) -> None:  # `t` writes in `language`
    flows = list(comparison.FLOW_KEYS)
    communes = communes.assign(commune_name=communes.commune_name.fillna(t("unallocated_row")))
    total = pd.DataFrame([{"commune_code": "", "commune_name": t("whole_area"), **{k: int(area[k]) for k in flows}}])
    frame = pd.concat([communes[["commune_code", "commune_name", *flows]], total], ignore_index=True)
    frame = frame.rename(columns={
        "commune_code": t("col_commune_code"), "commune_name": t("col_commune_name"),
        **{k: f"({i + 1}) {comparison.flow_label(k, area.get('comparable'), language)}" for i, k in enumerate(flows)},
    })
    st.dataframe(frame, hide_index=True, width="stretch")


def audit_download(file_name: str) -> None:
    """Every download is on record, with the signed-in user (data.audit)."""
    audit("download", file_name)


def households_table(frame: pd.DataFrame, show_names: bool, file_stem: str) -> None:
    classes = {c["classification"]: c[f"label_{lang()}"] for c in catalogue.classes()}
    # Without names, neither what points to a household as well as a name: village, members, income.
    shown = pd.DataFrame({
        t("col_household_id"): frame.household_id,
        **({t("col_head_name"): frame.head_name} if show_names else {}),
        t("col_commune_name"): frame.commune_name,
        **({t("col_village"): frame.village} if show_names else {}),
        t("col_class"): frame.classification.map(classes),
        **({t("col_members"): frame.members, t("col_income"): frame.income_per_capita} if show_names else {}),
        t("col_deprivations"): frame.deprivation_count,
    })
    if show_names:  # incomes in the Vietnamese way need a Styler
        number_table(shown, ((t("col_income"), "count"),), lang())
    else:
        plain_table(shown)
    left, right = st.columns(2)
    # The files are made when the user asks for them (a workbook of 5.000 rows takes a second), not at every run.
    left.download_button(t("download_csv"), lambda: workbooks.frame_csv(shown), file_name=f"{file_stem}.csv",
                         mime="text/csv", icon=":material/download:", on_click=audit_download,
                         args=(f"{file_stem}.csv",))
    right.download_button(t("download_xlsx"), lambda: workbooks.frame_xlsx(shown), file_name=f"{file_stem}.xlsx",
                          on_click=audit_download, args=(f"{file_stem}.xlsx",),
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/download:")


def commune_print_table(frame: pd.DataFrame) -> None:
    """The commune table as HTML (prints, unlike the interactive grid), numbers formatted."""
    shown = pd.DataFrame({
        t("col_commune_name"): frame.commune_name,
        t("col_total"): frame.total_households.map(fmt.count),
        t("col_poor"): frame.poor.map(fmt.count),
        t("col_poor_rate"): frame.poor_rate_pct.map(fmt.pct),
        t("col_near_poor"): frame.near_poor.map(fmt.count),
        t("col_near_poor_rate"): frame.near_poor_rate_pct.map(fmt.pct),
        t("col_change"): frame.poor_change_pp.map(fmt.pp),
    })
    st.table(shown.set_index(t("col_commune_name")))
