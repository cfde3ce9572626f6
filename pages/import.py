"""Nhập dữ liệu: upload -> preview with the detected columns -> validation report -> confirm; the import log."""

import streamlit as st

from giamngheo import importer

from components import access, imports
from components.connection import read_only, with_cursor
from components.data import query, write
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
    # Moving a household recorded in another commune is an administrator's explicit choice, logged.
    allow_move = kind == "households" and access.is_admin() and st.checkbox(t("allow_move"))
    if upload is not None:
        data = upload.getvalue()
        user, allowed = access.current_user(), access.import_scope()
        prepared = with_cursor(lambda cur: importer.prepare(cur, kind, data, upload.name, year, allowed, allow_move))
        imports.detected(prepared)
        imports.report(prepared)
        if prepared.ok and st.button(t("confirm_import"), type="primary", icon=":material/upload:"):
            result = write(lambda cur: importer.commit(cur, prepared, user))
            st.success(t("imported", file=imports.plain(prepared.file_name), inserted=result.inserted, replaced=result.replaced,
                         unchanged=result.unchanged))

st.subheader(t("import_log"))
imports.log(query("imports"))
