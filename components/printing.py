"""Page styles: card values that fit laptops, and print (clean A4 landscape pages, without the sidebar,
toolbar or buttons)."""

import streamlit as st

PRINT_CSS = """
<style>
/* Card values scale with the screen: five cards fit a 1366-pixel laptop without cutting "110.300 hộ". */
[data-testid="stMetricValue"] > div { font-size: clamp(1.35rem, 2.15vw, 2.5rem) !important; overflow: visible !important; }
/* A card's label wraps rather than ending in an ellipsis ("Near-poor households" on a laptop). */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
/* "so với năm 2021" beside a change wraps under it rather than ending in an ellipsis on a laptop. */
div:has(> [data-testid="stMetricDeltaDescription"]) { flex-wrap: wrap; overflow: visible !important; }
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] [data-testid="stCaptionContainer"],
[data-testid="stMetricDeltaDescription"] p { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; }
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
