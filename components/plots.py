"""Plotly charts on the page, each built once per content and shared by every session.

A chart is a pure function of the frame it draws (already the user's: their area, small counts protected as for
them) and its arguments (the language among them), so it is cached on exactly those: a new import changes the
frame and so the chart; two leaders opening the same province share one figure. Building a figure (Plotly's
validation, the template) costs more than the query behind it; st.plotly_chart only reads the figure it is given.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

CONFIG = {"displaylogo": False}


@st.cache_resource(show_spinner=False, max_entries=2000)
def _figure(builder: str, data: pd.DataFrame | pd.Series, args: tuple, _build: Callable):
    return _build(data, *args)


def figure(build: Callable, data: pd.DataFrame | pd.Series, *args):
    """build(data, *args), from the cache when the same data and arguments were drawn before."""
    return _figure(f"{build.__module__}.{build.__qualname__}", data, args, build)


def plot(build: Callable, data: pd.DataFrame | pd.Series, *args, where=st) -> None:
    """st.plotly_chart of build(data, *args) (where: a column or container, default the page)."""
    where.plotly_chart(figure(build, data, *args), config=CONFIG)
