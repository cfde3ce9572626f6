"""Nhập dữ liệu: upload -> preview with the detected columns -> validation report -> confirm; the import log."""

import streamlit as st

from giamngheo import importer

from giamngheo import auth

from components import access, imports
from components.data import allowed_codes, query, read_only, with_cursor, write
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
        user = access.current_user()
        allowed = None if user.area_code is None else {
            code_list: allowed_codes(user, code_list) for code_list in ("gso_2024", "qd19_2025")}
        prepared = with_cursor(lambda cur: importer.prepare(cur, kind, data, upload.name, year, allowed))
        imports.detected(prepared)
        imports.report(prepared)
        if prepared.ok and st.button(t("confirm_import"), type="primary", icon=":material/upload:"):
            def load(cur):
                result = importer.commit(cur, prepared, user.name or None)
                auth.audit(cur, user.name or None, "import",
                           f"{kind} {prepared.file_name} {prepared.sha256[:12]} +{result.inserted} ~{result.replaced}")
                return result

            result = write(load)
            st.success(t("imported", file=prepared.file_name, inserted=result.inserted, replaced=result.replaced,
                         unchanged=result.unchanged))

st.subheader(t("import_log"))
imports.log(query("imports"))
