"""Print: the browser's Print gives clean A4 landscape pages, without the sidebar, toolbar or buttons."""

import streamlit as st

PRINT_CSS = """
<style>
@page { size: A4 landscape; margin: 12mm; }
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stDownloadButton"],
  [data-testid="stButton"], [data-testid="stPopover"], [data-testid="stExpander"],
  [data-testid="stFileUploader"], .no-print { display: none !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], section.main { overflow: visible !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  .stPlotlyChart, [data-testid="stTable"], table { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
}
</style>
"""


def print_styles() -> None:
    st.html(PRINT_CSS)
