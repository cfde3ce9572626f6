"""Where the project's files are: reference data, queries, the app, the default database."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CATALOGUE = DATA / "catalogue"
ADMIN = DATA / "admin"
GEO = DATA / "geo"
DEMO = DATA / "demo"
QUERIES = ROOT / "queries"
APP = ROOT / "app.py"
DEFAULT_DB = DATA / "giamngheo.duckdb"
LAKE_PREFIX = "ducklake:"  # a database location naming a DuckLake (giamngheo.db.Lake), not a file


def database_path(explicit: str | os.PathLike | None = None) -> Path | str:
    """The database a command or the dashboard uses: --db, else $GIAMNGHEO_DB, else data/giamngheo.duckdb.
    A DuckLake location (`ducklake:...`) is returned as the text it is."""
    chosen = explicit or os.environ.get("GIAMNGHEO_DB")
    if not chosen:
        return DEFAULT_DB
    return str(chosen) if str(chosen).startswith(LAKE_PREFIX) else Path(chosen)
