"""The pieces of the Import page: template download, validation report, import log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from giamngheo import extracts, importer

from components import fmt
from components.i18n import lang, t


def template_button(kind: str) -> None:
    st.download_button(
        t("template_download"), extracts.template(kind), file_name=f"mau_nhap_{kind}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
    )


def problems_frame(problems: list[importer.Problem]) -> pd.DataFrame:
    reason = "reason_vi" if lang() == "vi" else "reason_en"
    return pd.DataFrame(
        {
            t("col_row"): pd.array([p.row for p in problems], dtype="Int64"),
            t("col_column"): [p.column or "" for p in problems],
            t("col_value"): [p.value or "" for p in problems],
            t("col_reason"): [getattr(p, reason) for p in problems],
        }
    )


def detected(prepared: importer.Prepared) -> None:
    columns = pd.DataFrame({t("col_in_file"): list(prepared.columns.values()),
                            t("col_canonical"): list(prepared.columns.keys())})
    with st.expander(t("detected_columns") + f" ({len(columns)})"):
        st.dataframe(columns, hide_index=True)
    if prepared.extra_columns:
        st.caption(t("extra_columns", cols=", ".join(prepared.extra_columns)))
    if prepared.preview is not None:
        st.caption(t("preview", n=len(prepared.preview), row=prepared.header_row))
        st.dataframe(prepared.preview.astype(str), hide_index=True)


def report(prepared: importer.Prepared) -> None:
    if prepared.problems:
        st.error(t("rejected", n=fmt.count(len(prepared.problems))), icon=":material/block:")
        table = problems_frame(prepared.problems)
        st.dataframe(table, hide_index=True, width="stretch")
        st.download_button(t("problems_download"), table.to_csv(index=False).encode("utf-8-sig"),
                           file_name=f"loi_{prepared.file_name}.csv", mime="text/csv")
        return
    st.success(t("valid", n=fmt.count(prepared.rows_in_file)), icon=":material/check_circle:")
    if prepared.warnings:
        with st.expander(t("warnings", n=fmt.count(len(prepared.warnings)))):
            st.dataframe(problems_frame(prepared.warnings), hide_index=True, width="stretch")


def log(frame: pd.DataFrame) -> None:
    shown = frame[["import_id", "kind", "file_name", "imported_at", "user_name", "rows_in_file", "rows_inserted",
                   "rows_replaced", "rows_unchanged", "outcome", "synthetic", "sha256"]]
    st.dataframe(shown, hide_index=True, width="stretch")
