"""Chỉ tiêu: commune commitments against results (scorecard), target vs actual chart, sponsorship."""

import io

import pandas as pd
import streamlit as st

from giamngheo import catalogue, importer
from giamngheo.workbooks import scorecard_workbook

from components import access, scorecards, ui
from components.connection import read_only
from components.data import query, scorecard, write
from components.i18n import lang, t

filters = st.session_state["filters"]
st.title(f"{t('page_targets')} · {filters.area_name} · {filters.year}")
summary = query("summary", area=filters.area, year=filters.year)
if len(summary):
    ui.basis(summary.iloc[0])  # what a cut in points or an escape counts from
frame = scorecard(filters.area, filters.year)
if frame.empty:
    st.info(t("no_targets"))
else:
    scorecards.legend(frame)
    scorecards.matrix(frame)
    st.download_button(
        t("download_xlsx"), scorecard_workbook(frame, f"{t('page_targets')} · {filters.area_name} · {filters.year}",
                                               lang()),
        file_name=f"chi_tieu_{filters.area}_{filters.year}.xlsx", icon=":material/download:",
        on_click=ui.audit_download, args=(f"chi_tieu_{filters.area}_{filters.year}.xlsx",),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    ui.explain(["targets", "target_actuals"], t("targets_denominator"), filters.area, filters.year)
    with st.expander(t("details")):
        scorecards.details(frame)
    metrics = frame.drop_duplicates("metric").sort_values("position")
    metric = st.selectbox(t("metric"), metrics.metric.tolist(),
                          format_func=dict(zip(metrics.metric, metrics[f"label_{lang()}"])).get)
    st.subheader(t("target_vs_actual"))
    st.plotly_chart(scorecards.target_vs_actual(frame, metric), config={"displaylogo": False})

st.subheader(t("sponsorship_title"))
scorecards.sponsorship(query("sponsorship", area=filters.area, year=filters.year))
scorecards.support(query("support_by_type", area=filters.area, year=filters.year))

if not read_only() and access.may_import():  # a leader reads targets; officers and administrators enter them
    with st.expander(t("enter_target")), st.form("enter_target"):
        areas = query("areas", year=filters.year)
        units = areas[(areas.code == filters.area) | (areas.district_code == filters.area)
                      | ((areas.province_code == filters.area) & (areas.level != "province"))]
        area = st.selectbox(t("area"), units.code.tolist(), format_func=dict(zip(units.code, units.name)).get)
        metrics = {m["metric"]: m[f"label_{lang()}"] for m in catalogue.metrics()}
        metric = st.selectbox(t("metric"), list(metrics), format_func=metrics.get)
        value = st.number_input(t("target"), value=0.0, step=0.1, format="%.2f")
        actual = st.number_input(t("actual_entered"), value=None, step=0.1, format="%.2f")
        note = st.text_input(t("note"), max_chars=200)
        if st.form_submit_button(t("save")):
            # The same path as an imported targets file: same validation, same log.
            row = pd.DataFrame([{"nam_ra_soat": filters.year, "ma_dv": area, "chi_tieu": metric, "gia_tri": value,
                                 "thuc_hien": "" if actual is None else actual, "ghi_chu": note}])
            buffer = io.StringIO()
            row.to_csv(buffer, index=False)
            data = buffer.getvalue().encode("utf-8")

            user, allowed = access.current_user(), access.import_scope()

            def save(cur):
                prepared = importer.prepare(cur, "targets", data, "nhap_tay.csv", allowed=allowed)
                return prepared, importer.commit(cur, prepared, user)  # the write check and audit of every import

            prepared, result = write(save)
            if result.outcome == "accepted":
                st.success(t("saved"))
                st.rerun()
            else:
                st.error("; ".join(p.text(lang()) for p in prepared.problems))
