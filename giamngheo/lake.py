"""A DuckLake: giamngheo's tables with their catalogue in PostgreSQL and their data as Parquet files under a
folder, named `ducklake:postgres:<libpq settings> DATA_PATH=<folder>`, read and written by many processes, each
transaction one snapshot. The lake's DuckDB extensions come from the pinned PyPI packages, never from the network.
"""

from __future__ import annotations

import importlib
import weakref
from dataclasses import dataclass
from pathlib import Path

import duckdb

from giamngheo.paths import LAKE_PREFIX


class DatabaseMissing(Exception):
    pass


@dataclass(frozen=True)
class Lake:
    """Where a DuckLake is: its catalogue database (e.g. `ducklake:postgres:dbname=giamngheo host=...`) and
    the folder of its Parquet files."""

    catalog: str
    data_path: str | None
    snapshot: int | None = None  # `SNAPSHOT=N`: the lake as it was at snapshot N, read-only ("as of")

    @classmethod
    def parse(cls, location: str | Path) -> Lake | None:
        text = str(location)
        if not text.startswith(LAKE_PREFIX):
            return None
        text, _, snapshot = text.partition(" SNAPSHOT=")
        catalog, _, data_path = text.partition(" DATA_PATH=")
        return cls(catalog.strip(), data_path.strip() or None, int(snapshot) if snapshot.strip() else None)

    def __str__(self) -> str:
        return (self.catalog + (f" DATA_PATH={self.data_path}" if self.data_path else "")
                + (f" SNAPSHOT={self.snapshot}" if self.snapshot is not None else ""))


_LAKES: weakref.WeakSet = weakref.WeakSet()  # connections whose tables live in an attached lake
LAKE_EXTENSIONS = ("postgres", "ducklake")


def extension_file(name: str) -> Path:
    """The extension binary shipped by the PyPI package duckdb-extension-<name> (same version as duckdb)."""
    try:
        package = importlib.import_module(f"duckdb_extension_{name}")
    except ImportError as error:
        extra = "lake" if name in LAKE_EXTENSIONS else "dev"
        raise DatabaseMissing(f"the DuckDB extension {name} comes with the package duckdb-extension-{name}: "
                              f"pip install -e '.[{extra}]'") from error
    files = sorted(Path(package.__file__).parent.rglob(f"v{duckdb.__version__}/{name}.duckdb_extension"))
    if not files:
        raise DatabaseMissing(f"duckdb-extension-{name} has no build for duckdb {duckdb.__version__}")
    return files[0]


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    for name in LAKE_EXTENSIONS:
        con.execute(f"install {quote(str(extension_file(name)))}")
        con.execute(f"load {name}")


def attach(con: duckdb.DuckDBPyConnection, lake: Lake, alias: str, read_only: bool) -> None:
    read_only = read_only or lake.snapshot is not None
    options = (([f"data_path {quote(lake.data_path)}"] if lake.data_path else []) + (["read_only"] if read_only else [])
               + ([f"snapshot_version {int(lake.snapshot)}"] if lake.snapshot is not None else []))
    con.execute(f"attach {quote(lake.catalog)} as {alias}" + (f" ({', '.join(options)})" if options else ""))


def open_lake(lake: Lake, read_only: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    load_extensions(con)
    attach(con, lake, "lake", read_only)
    use_lake(con)
    return con


def is_lake(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the connection's tables live in an attached lake."""
    return con in _LAKES


def use_lake(cur: duckdb.DuckDBPyConnection) -> None:
    """Make a lake's connection, or a new cursor of it, find the lake's tables (and its own cursors too)."""
    cur.execute("use lake")
    _LAKES.add(cur)
