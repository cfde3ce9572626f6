"""The pieces of the Import page: template download, validation report, import log."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from giamngheo import extracts, importer, workbooks

from components import fmt
from components.i18n import lang, t


def plain(text: str) -> str:
    """Text from an uploaded file (a header, the file's name) shown as it is written, never as Markdown (a link,
    an image): every character Markdown reads is escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", str(text))


def template_button(kind: str) -> None:
    st.download_button(
        t("template_download"), extracts.template(kind), file_name=f"mau_nhap_{kind}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
    )


def problems_frame(problems: list[importer.Problem]) -> pd.DataFrame:
    reason = f"reason_{lang()}"
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
        st.caption(t("extra_columns", cols=", ".join(plain(c) for c in prepared.extra_columns)))
    if prepared.preview is not None:
        st.caption(t("preview", n=len(prepared.preview), row=prepared.header_row))
        st.dataframe(prepared.preview.astype(str), hide_index=True)


def report(prepared: importer.Prepared) -> None:
    if prepared.problems:
        st.error(t("rejected", n=fmt.count(len(prepared.problems))), icon=":material/block:")
        table = problems_frame(prepared.problems)
        st.dataframe(table, hide_index=True, width="stretch")
        # The values come from the uploaded file: inert in the CSV whatever they begin with.
        st.download_button(t("problems_download"), workbooks.frame_csv(table),
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
