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


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database a command or the dashboard uses: --db, else $GIAMNGHEO_DB, else data/giamngheo.duckdb."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("GIAMNGHEO_DB")
    return Path(from_env) if from_env else DEFAULT_DB
