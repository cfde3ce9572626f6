"""Nhập dữ liệu: upload -> preview with the detected columns -> validation report -> confirm; the import log."""

import streamlit as st

from giamngheo import importer

from components import imports
from components.data import query, read_only, with_cursor, write
from components.i18n import t

st.title(t("page_import"))
st.write(t("import_intro"))
if read_only():
    st.info(t("read_only_mode"))
else:
    left, right = st.columns(2)
    kind = left.selectbox(t("import_kind"), list(importer.KEYS), format_func=lambda k: t(f"kind_{k}"))
    year = right.number_input(t("import_year"), min_value=importer.FIRST_YEAR, max_value=importer.LAST_YEAR,
                              value=None, step=1)
    imports.template_button(kind)
    upload = st.file_uploader(t("upload"), type=["csv", "xlsx", "txt"], key=f"upload_{kind}")
    if upload is not None:
        data = upload.getvalue()
        prepared = with_cursor(lambda cur: importer.prepare(cur, kind, data, upload.name, year))
        imports.detected(prepared)
        imports.report(prepared)
        if prepared.ok and st.button(t("confirm_import"), type="primary", icon=":material/upload:"):
            result = write(lambda cur: importer.commit(cur, prepared, st.session_state.get("user_name")))
            st.success(t("imported", file=prepared.file_name, inserted=result.inserted, replaced=result.replaced,
                         unchanged=result.unchanged))

st.subheader(t("import_log"))
imports.log(query("imports"))
