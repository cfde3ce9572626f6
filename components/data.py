"""The dashboard's access to the database: one cached connection per process, cached named queries."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from giamngheo import db, queries
from giamngheo.paths import database_path


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    return db.connect(path, read_only=True)


def current_db() -> str:
    return str(database_path())


@st.cache_data(show_spinner=False, max_entries=2000)
def _query(path: str, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(_connection(path), name, **dict(params))


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query (queries/NAME.sql); results are cached per database, query and parameters."""
    return _query(current_db(), name, tuple(sorted(params.items()))).copy()


def is_synthetic() -> bool:
    meta = query("metadata")
    return bool((meta.key == "synthetic").any() and meta.set_index("key").value.get("synthetic") == "true")
