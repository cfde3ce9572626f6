"""Run the named SQL queries of queries/*.sql and return DataFrames.

Each query is a file named after what it returns; parameters are bound by DuckDB (`$area`, `$year`),
never pasted into the text. Every query runs in a read-only transaction on its own cursor, so one
connection serves every session of the dashboard.
"""

from __future__ import annotations

import re
from functools import cache

import duckdb
import pandas as pd

from giamngheo import db
from giamngheo.paths import QUERIES

_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")

DEFAULTS = {"classification": "ngheo", "persons": False}  # poor households, counted as households


@cache
def sql(name: str) -> str:
    path = QUERIES / f"{name}.sql"
    if not path.is_file() or path.parent != QUERIES:
        raise KeyError(f"no query named {name!r}")
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(p.stem for p in QUERIES.glob("*.sql"))


def parameters(name: str) -> set[str]:
    return set(_PARAMETER.findall(sql(name)))


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run query `name` with the parameters it uses; unknown or missing parameters are errors."""
    wanted = parameters(name)
    bound = {k: v for k, v in {**DEFAULTS, **params}.items() if k in wanted}
    extra = set(params) - wanted
    if extra:
        raise TypeError(f"query {name!r} takes no parameter {', '.join(sorted(extra))}")
    missing = wanted - set(bound)
    if missing:
        raise TypeError(f"query {name!r} needs {', '.join(sorted(missing))}")
    cur = db.cursor(con)
    try:
        cur.execute("begin transaction read only")
        frame = cur.execute(sql(name), bound).df()
        cur.execute("commit")
        return frame
    except duckdb.Error as error:
        error.add_note(f"in query {name} with {bound}")
        raise
    finally:
        cur.close()
