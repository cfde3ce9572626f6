"""Báo cáo: the situation paragraph to copy into a letter, the key figures and tables laid out for print
(A4 landscape), and the meeting's files: the PowerPoint deck, the report workbook, the paragraph."""

import pandas as pd
import streamlit as st

from giamngheo import briefing as deck

from components import ui
from components.data import audit, briefing, forms_access, query, report_workbook
from components.i18n import lang, t

filters = st.session_state["filters"]
report = briefing(filters.area, filters.year, lang())
st.title(f"{t('briefing_title')} · {report.area_name} · {filters.year}")
st.caption(t("print_hint"))
if report.synthetic:
    st.markdown(f"*{t('synthetic_short')}*")

st.subheader(t("narrative_title"))
st.markdown(report.paragraph)
with st.expander(t("copy_paragraph")):
    st.code(report.paragraph, language=None, wrap_lines=True)

left, middle, right = st.columns(3)
stem = f"giam_ngheo_{filters.area}_{filters.year}"
right.download_button("TXT", report.paragraph.encode("utf-8"), file_name=f"{stem}.txt", mime="text/plain",
                      icon=":material/description:", on_click=ui.audit_download, args=(f"{stem}.txt",))
middle.download_button(t("download_report"), report_workbook(filters.area, filters.year, lang()),
    file_name=f"{stem}.xlsx", icon=":material/table:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click=ui.audit_download,
    args=(f"{stem}.xlsx" + (" (with names)" if forms_access(filters.area, filters.year)[1] else ""),))
if left.button(t("make_pptx"), icon=":material/slideshow:"):
    audit("export", f"pptx area={filters.area} year={filters.year}")
    left.download_button(t("download_pptx"), deck.pptx(report, lang()), file_name=f"{stem}.pptx",
                         mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")

for slide in report.slides:
    st.subheader(slide.title)
    chart, figures = st.columns([3, 1])
    if slide.figure is not None:
        chart.plotly_chart(slide.figure, config={"displayModeBar": False})
    figures.table(pd.DataFrame(slide.figures, columns=["", " "]).set_index(""))

st.subheader(t("communes_title"))
ui.commune_print_table(query("communes", area=filters.area, year=filters.year))
