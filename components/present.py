"""Presentation mode: full screen, large type, high contrast, no sidebar or toolbar."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from giamngheo.briefing import Slide

from components.i18n import t

FULL_SCREEN = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], .st-key-clicker_keys { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.2rem 2.5rem 0.5rem !important; max-width: 100% !important; }
h1 { font-size: 3.1rem !important; color: #000 !important; }
.present-figure { font-size: 1.55rem; line-height: 1.25; color: #000; margin-bottom: 0.9rem; }
.present-figure b { display: block; font-size: 2.3rem; }
.present-footer { font-size: 1.1rem; color: #333; }
</style>
"""


def full_screen() -> None:
    st.html(FULL_SCREEN)


def slide(spec: Slide, index: int, count: int, synthetic: bool) -> None:
    st.title(spec.title)
    chart, figures = st.columns([3, 1.2])
    if spec.figure is not None:
        figure = go.Figure(spec.figure)  # a copy: the built deck is shared by every session
        figure.update_layout(height=720, font_size=22, legend_font_size=20)
        figure.update_xaxes(tickfont_size=20)
        figure.update_yaxes(tickfont_size=22)
        figure.update_traces(textfont_size=22, selector=dict(type="bar"))
        chart.plotly_chart(figure, config={"displayModeBar": False, "staticPlot": False})
    figures.html("".join(f'<div class="present-figure">{label}<b>{value}</b></div>' for label, value in spec.figures))
    footer = f"{index + 1} / {count}" + (f" · {t('synthetic_short')}" if synthetic else "")
    st.html(f'<div class="present-footer">{footer}</div>')
