"""Charts and tables on the page, each drawn once per content and shared by every session.

A chart is a pure function of the frame it draws (already the user's: their area, small counts protected as for
them) and its arguments (the language among them), and so is a formatted table. The function that draws one is
cached on exactly those (`drawn_once`): the first call builds the element, and every later call with the same
content, from any session, has Streamlit replay the element it recorded, without building, validating or
serialising it again (a figure's JSON; the Styler that writes a table's numbers the Vietnamese way, 46 ms for a
province's 579 communes). A new import changes the frame and so the element; two leaders opening the same
province share one. A frame is recognised by its pickled bytes: every value, type and attribute, and a
twentieth of the time of Streamlit's own hash of a frame (0,2 against 3-4 ms for a page's frames).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.connection import by_name

CONFIG = {"displaylogo": False}


def _content(data: pd.DataFrame | pd.Series) -> bytes:
    return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


BY_CONTENT = {pd.DataFrame: _content, pd.Series: _content}  # hash_funcs of a cache keyed on frames


def drawn_once(draw: Callable | None = None, *, max_entries: int = 2000) -> Callable:
    """`draw`, which puts elements on the page from frames and plain arguments, run once per content of its
    arguments (arguments named with a leading underscore aside); later calls replay the elements it drew. It
    must draw on `st` itself, inside the caller's `with column:` if any: a replay knows the page and the sidebar,
    not a column handed to it. `max_entries`: the most recent contents kept (fewer for large tables)."""
    cached = by_name(st.cache_resource(show_spinner=False, max_entries=max_entries, hash_funcs=BY_CONTENT))
    return cached(draw) if draw else cached


@drawn_once
def _chart(builder: str, data: pd.DataFrame | pd.Series, args: tuple, _build: Callable) -> None:
    st.plotly_chart(_build(data, *args), config=CONFIG)


def plot(build: Callable, data: pd.DataFrame | pd.Series, *args) -> None:
    """st.plotly_chart of build(data, *args), drawn once per content (`drawn_once`)."""
    _chart(f"{build.__module__}.{build.__qualname__}", data, args, build)
