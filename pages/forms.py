"""Biểu mẫu: the official report forms of the review (R1-R15): pick one, see it as the workbook lays it out,
download it or the whole set."""

import streamlit as st

from components import forms as form_view, ui
from components.data import audit, forms_access, report_forms, report_workbook
from components.i18n import lang, t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

filters = st.session_state["filters"]
st.title(f"{t('page_forms')} · {filters.area_name} · {filters.year}")
ui.coverage(filters.area, filters.year)
built = report_forms(filters.area, filters.year)
codes = [f.code for f in built]
code = st.selectbox(t("form_pick"), codes, key="bieu",
                    format_func=lambda c: next(f"{f.number:02d} ({f.code}) · {f.title}" for f in built if f.code == c))
form = next(f for f in built if f.code == code)

left, right = st.columns(2)
stem = f"bieu_{filters.area}_{filters.year}"
with_names = forms_access(filters.area, filters.year)[1]  # the named lists carry names: on record
names = " (with names)" if with_names else ""
named = with_names and form.code in ("R14", "R15")
left.download_button(t("form_download_one", code=form.code), report_workbook(filters.area, filters.year, lang(), form.code),
                     file_name=f"{stem}_{form.code}.xlsx", mime=XLSX, icon=":material/download:",
                     on_click=ui.audit_download, args=(f"{stem}_{form.code}.xlsx" + names,))
right.download_button(t("form_download_all"), report_workbook(filters.area, filters.year, lang()),
                      file_name=f"{stem}.xlsx", mime=XLSX, icon=":material/table:",
                      on_click=ui.audit_download, args=(f"{stem}.xlsx" + names,))
if named:  # a named list on screen is personal data: on record, once per list
    seen = st.session_state.setdefault("named_views", set())
    view = (filters.area, filters.year, form.code)
    if view not in seen:
        audit("view_names", f"form={form.code} area={filters.area} year={filters.year}")
        seen.add(view)
form_view.form_table(form)
