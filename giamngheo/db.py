"""Open connections to a giamngheo database, or create one.

A database is either one DuckDB file (the default: one process writes) or a DuckLake (giamngheo.lake), its
catalogue in PostgreSQL and its data in Parquet files, read and written by many processes. The same SQL runs on
both. A new database gets the schema, the catalogue and the national code lists and crosswalks shipped under
data/ (giamngheo.store.schema), so it is usable before any import; a database made by an earlier giamngheo is
upgraded when it is first opened for writing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb

from giamngheo import store
from giamngheo.lake import DatabaseMissing, Lake, attach, is_lake, load_extensions, open_lake, quote, use_lake
from giamngheo.store import schema

__all__ = ["DatabaseMissing", "Lake", "attach_read_only", "connect", "create", "cursor", "exists", "is_synthetic",
           "open_or_create", "reader", "remove", "version"]


def attach_read_only(con: duckdb.DuckDBPyConnection, location: str | Path, alias: str) -> None:
    """Attach another giamngheo database (a file or a lake) to `con` under `alias`, to read it."""
    lake = Lake.parse(location)
    if lake is None:
        if not Path(location).exists():
            raise DatabaseMissing(f"no database at {location}")
        con.execute(f"attach {quote(str(location))} as {alias} (read_only)")
    else:
        load_extensions(con)
        attach(con, lake, alias, read_only=True)


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of `con` (a connection of its own in the same database) that finds the same tables."""
    cur = con.cursor()
    if is_lake(con):
        use_lake(cur)  # its own cursors (a scorecard's queries) find the lake too
    return cur


def version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The lake's latest snapshot, which other processes' imports advance (the dashboard keys its cached
    results by it); None for a DuckDB file, whose every write goes through the one process that has it."""
    if not is_lake(con):
        return None
    cur = cursor(con)
    try:
        return cur.execute("select max(snapshot_id) from lake.snapshots()").fetchone()[0]
    finally:
        cur.close()


def reader(location: str | Path, snapshot: int) -> duckdb.DuckDBPyConnection:
    """A lake as it was at `snapshot`, for reading, in an in-memory database: its tables copied but the
    households', which stay in the lake (at that snapshot) behind views. On the lake each query pays a lookup of
    its snapshot and of each table's files in the catalogue (5-14 ms a table, bench/README.md); on the copy the
    pages' small queries pay nothing of it. A new snapshot (an import) needs a new reader. A location that names
    its own snapshot (`SNAPSHOT=N`, the lake as it was) is read at that one."""
    lake = Lake.parse(location)
    if lake is None:
        raise ValueError(f"{location} is not a lake")
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    try:
        load_extensions(con)
        attach(con, replace(lake, snapshot=snapshot if lake.snapshot is None else lake.snapshot), "lake",
               read_only=True)
        with store.transaction(con):
            schema.copy_for_reading(con, "lake")
    except BaseException:
        con.close()
        raise
    return con


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the attached lake holds giamngheo's tables (a new lake is an empty catalogue)."""
    return bool(con.execute("select count(*) from duckdb_tables() where database_name = 'lake' "
                            "and table_name = 'metadata'").fetchone()[0])


def exists(location: str | Path) -> bool:
    lake = Lake.parse(location)
    if lake is None:
        return Path(location).exists()
    con = open_lake(lake, read_only=False)
    try:
        return _has_tables(con)
    finally:
        con.close()


def remove(location: str | Path) -> None:
    """Delete a database file (and its write-ahead log) before it is built again. A lake is never emptied
    here: building into one that holds giamngheo tables fails (create), so the catalogue is dropped by hand."""
    if Lake.parse(location) is None:
        path = Path(location)
        for stale in (path, path.with_name(path.name + ".wal")):
            stale.unlink(missing_ok=True)


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    lake = Lake.parse(path)
    if lake is not None:
        read_only = read_only or lake.snapshot is not None
        con = open_lake(lake, read_only)
        if not _has_tables(con):
            con.close()
            raise DatabaseMissing(f"no giamngheo tables in {lake}: build them with `giamngheo demo --db ...`")
    else:
        path = Path(path)
        if not path.exists():
            raise DatabaseMissing(f"no database at {path}: build one with `giamngheo demo --db {path}`")
        con = duckdb.connect(str(path), read_only=read_only)
        if read_only and schema.needs_upgrade(con):  # made by an earlier giamngheo: upgrade it once, then read
            con.close()
            connect(path).close()
            con = duckdb.connect(str(path), read_only=True)
    if not read_only:
        with store.transaction(con):
            schema.upgrade(con)
    return con


def create(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Create a new database at `path` (a file that must not exist, or an empty lake) with schema and
    reference data, in one transaction."""
    lake = Lake.parse(path)
    if lake is not None:
        con = open_lake(lake, read_only=False)
        if _has_tables(con):
            con.close()
            raise FileExistsError(str(lake))
    elif str(path) == ":memory:":  # a scratch database (giamngheo.store.review.approved_database)
        con = duckdb.connect()
    else:
        path = Path(path)
        if path.exists():
            raise FileExistsError(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
    try:
        with store.transaction(con):
            schema.build(con)
    except BaseException:
        con.close()
        if isinstance(path, Path):
            path.unlink(missing_ok=True)
        raise
    return con


def open_or_create(path: str | Path) -> duckdb.DuckDBPyConnection:
    return connect(path) if exists(path) else create(path)


def is_synthetic(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("select value from metadata where key = 'synthetic'").fetchone()
    return bool(row and row[0] == "true")
