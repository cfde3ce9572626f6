"""The review season's progress: communes by status on a map, in a table and in counts, and the days left."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from giamngheo import fmt as vnfmt
from giamngheo import choropleth, review

from components import access, maps
from components.connection import read_only
from components.data import write
from components.i18n import lang, t

# In the order a review moves, each with its colour (Okabe-Ito; grey for no data yet).
ORDER = ("chua_co_so_lieu", review.UNDER_REVIEW, review.REOPENED, review.SUBMITTED, review.APPROVED)
COLOURS = {"chua_co_so_lieu": choropleth.NO_DATA, review.UNDER_REVIEW: "#E69F00", review.REOPENED: "#D55E00",
           review.SUBMITTED: "#56B4E9", review.APPROVED: "#009E73"}


def deadline(year: int) -> None:
    closes = review.calendar(year).closes
    days = review.days_left(year)
    key = "progress_days_left" if days >= 0 else "progress_overdue"
    st.info(t(key, days=vnfmt.count(abs(days), lang()), closes=closes.strftime("%d/%m/%Y")),
            icon=":material/event:")


def counts(frame: pd.DataFrame) -> None:
    tally = frame.status.value_counts()
    columns = st.columns(len(ORDER))
    for column, status in zip(columns, ORDER):
        column.metric(t(f"status_{status}"), vnfmt.count(int(tally.get(status, 0)), lang()), border=True)


def status_map(frame: pd.DataFrame, shapes: pd.DataFrame) -> None:
    """Each commune coloured by its review's status; the legend beside it, as on the map page."""
    units = shapes[["code", "name", "geometry"]].merge(frame, left_on="code", right_on="commune_code", how="left")
    units["status"] = units.status.fillna("chua_co_so_lieu")
    palette = [COLOURS[s] for s in ORDER]
    classes = [ORDER.index(s) for s in units.status]
    tooltip = {t("col_status"): units.status.map(lambda s: t(f"status_{s}")),
               t("col_decision"): units.decision.fillna("–")}
    collection = choropleth.feature_collection(units, classes, palette, tooltip)
    left, right = st.columns([4, 1])
    with left:
        if collection["features"]:
            st_folium(maps.folium_map(collection, list(tooltip)), key="tien_do", height=560, use_container_width=True,
                      returned_objects=[])
        else:
            st.info(t("no_shapes"))
    legend = "".join(f'<div><span style="display:inline-block;width:1.1em;height:1.1em;background:{COLOURS[s]};'
                     f'border:1px solid #666;vertical-align:middle;margin-right:.4em"></span>{t(f"status_{s}")}</div>'
                     for s in ORDER)
    right.html(f'<div style="font-size:1rem;line-height:1.9"><b>{t("col_status")}</b>{legend}</div>')


def table(frame: pd.DataFrame, year: int) -> None:
    """The communes, least advanced first (those to chase), with the days left to the close while not approved."""
    shown = frame.assign(rank=frame.status.map(ORDER.index)).sort_values(["rank", "commune_code"])
    left = review.days_left(year)
    stamp = lambda v: v.strftime("%d/%m/%Y %H:%M") if pd.notna(v) else ""  # noqa: E731
    table = pd.DataFrame({
        t("col_commune_code"): shown.commune_code,
        t("col_commune_name"): shown.commune_name,
        t("col_status"): shown.status.map(lambda s: t(f"status_{s}")),
        t("col_days_left"): [None if s == review.APPROVED else left for s in shown.status],
        t("col_decision"): shown.decision.fillna(""),
        t("col_reopened_because"): shown.reason.fillna(""),
        t("col_by"): shown.changed_by.fillna(""),
        t("col_changed"): shown.changed_at.map(stamp),
        t("col_reviewed"): shown.households_reviewed,
        t("col_poor"): shown.poor,
        t("col_near_poor"): shown.near_poor,
    })
    counts = {t(c): lambda n: "" if pd.isna(n) else vnfmt.count(n, lang())
              for c in ("col_days_left", "col_reviewed", "col_poor", "col_near_poor")}
    st.dataframe(table.style.format(counts, na_rep=""), hide_index=True, width="stretch")


def actions(frame: pd.DataFrame, year: int) -> None:
    """The steps the signed-in user may take on the area's communes: an officer submits, a leader approves with the
    recognition decision, an administrator reopens with a reason (giamngheo.review checks it all again)."""
    user = access.current_user()
    if user is None or read_only():
        return
    steps = [step for step, (starts, roles) in review.STEPS.items()
             if user.role in roles and frame.status.isin(starts).any()]
    if not steps:
        return
    if "td_done" in st.session_state:
        st.success(st.session_state.pop("td_done"), icon=":material/check:")
    with st.expander(t("progress_actions"), icon=":material/approval:"):
        step = st.segmented_control(t("progress_step"), steps, default=steps[0], key="td_buoc",
                                    format_func=lambda s: t(f"progress_step_{s}")) or steps[0]
        ready = frame[frame.status.isin(review.STEPS[step][0])]
        commune = st.selectbox(t("col_commune_name"), ready.commune_code, key="td_xa",
                               format_func=dict(zip(ready.commune_code, ready.commune_name)).get)
        decision = st.text_input(t("col_decision"), placeholder="123/QĐ-UBND ngày 10/12/2026",
                                 key="td_qd") if step == "approve" else None
        reason = st.text_input(t("col_reopened_because"), key="td_ly_do") if step == "reopen" else None
        if st.button(t(f"progress_step_{step}"), type="primary", key="td_lam"):
            try:
                write(lambda cur: review.take(cur, user, step, [commune], year, decision, reason))
            except review.ReviewError as error:
                st.error(str(error))
            else:  # shown after the rerun that redraws the map and the table with the new status
                st.session_state["td_done"] = t("progress_done", status=t(f"status_{review.OUTCOME[step]}"),
                                                commune=ready.set_index("commune_code").commune_name[commune])
                st.rerun()
