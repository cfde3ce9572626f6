"""Create a giamngheo database and open connections to it.

A new database gets the schema, the catalogue (standards, indicators, groups...) and the national
administrative code lists and crosswalks shipped under data/, so it is usable before any import.

A database is either one DuckDB file (the default: one process writes) or a DuckLake, named
`ducklake:postgres:<libpq settings> DATA_PATH=<folder>`: its catalogue in PostgreSQL, its data as Parquet
files under DATA_PATH, read and written by many processes, each transaction one snapshot. The same SQL runs
on both; the lake's DuckDB extensions come from the pinned PyPI packages, never from the network.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager, suppress
import importlib
import re
import weakref
from dataclasses import dataclass
from pathlib import Path

import duckdb

from giamngheo import catalogue, reference
from giamngheo.paths import CATALOGUE, LAKE_PREFIX

SCHEMA_VERSION = "1"


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


def _extension_file(name: str) -> Path:
    """The extension binary shipped by the PyPI package duckdb-extension-<name> (same version as duckdb)."""
    try:
        package = importlib.import_module(f"duckdb_extension_{name}")
    except ImportError as error:
        raise DatabaseMissing(f"a DuckLake needs the package duckdb-extension-{name}: "
                              f"pip install -e '.[lake]'") from error
    files = sorted(Path(package.__file__).parent.rglob(f"v{duckdb.__version__}/{name}.duckdb_extension"))
    if not files:
        raise DatabaseMissing(f"duckdb-extension-{name} has no build for duckdb {duckdb.__version__}")
    return files[0]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _load_lake_extensions(con: duckdb.DuckDBPyConnection) -> None:
    for name in LAKE_EXTENSIONS:
        con.execute(f"install {_quote(str(_extension_file(name)))}")
        con.execute(f"load {name}")


def _attach_lake(con: duckdb.DuckDBPyConnection, lake: Lake, alias: str, read_only: bool) -> None:
    read_only = read_only or lake.snapshot is not None
    options = (([f"data_path {_quote(lake.data_path)}"] if lake.data_path else []) + (["read_only"] if read_only else [])
               + ([f"snapshot_version {int(lake.snapshot)}"] if lake.snapshot is not None else []))
    con.execute(f"attach {_quote(lake.catalog)} as {alias}" + (f" ({', '.join(options)})" if options else ""))


def _open_lake(lake: Lake, read_only: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"autoinstall_known_extensions": False})
    _load_lake_extensions(con)
    _attach_lake(con, lake, "lake", read_only)
    con.execute("use lake")
    _LAKES.add(con)
    return con


def attach_read_only(con: duckdb.DuckDBPyConnection, location: str | Path, alias: str) -> None:
    """Attach another giamngheo database (a file or a lake) to `con` under `alias`, to read it."""
    lake = Lake.parse(location)
    if lake is None:
        if not Path(location).exists():
            raise DatabaseMissing(f"no database at {location}")
        con.execute(f"attach {_quote(str(location))} as {alias} (read_only)")
    else:
        _load_lake_extensions(con)
        _attach_lake(con, lake, alias, read_only=True)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """Every write's transaction: begun, committed when the block ends, rolled back when it raises. A commit that
    fails (on a DuckLake, another process committed first) has ended the transaction itself and is raised as it is."""
    con.execute("begin")
    try:
        yield con
    except BaseException:
        with suppress(duckdb.TransactionException):  # the commit itself failed inside the block: nothing to undo
            con.execute("rollback")
        raise
    con.execute("commit")


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of `con` (a connection of its own in the same database) that finds the same tables."""
    cur = con.cursor()
    if con in _LAKES:
        cur.execute("use lake")
        _LAKES.add(cur)  # its own cursors (a scorecard's queries) find the lake too
    return cur


def version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The lake's latest snapshot, which other processes' imports advance (the dashboard keys its cached
    results by it); None for a DuckDB file, whose every write goes through the one process that has it."""
    if con not in _LAKES:
        return None
    cur = cursor(con)
    try:
        return cur.execute("select max(snapshot_id) from lake.snapshots()").fetchone()[0]
    finally:
        cur.close()


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the attached lake holds giamngheo's tables (a new lake is an empty catalogue)."""
    return bool(con.execute("select count(*) from duckdb_tables() where database_name = 'lake' "
                            "and table_name = 'metadata'").fetchone()[0])


def exists(location: str | Path) -> bool:
    lake = Lake.parse(location)
    if lake is None:
        return Path(location).exists()
    con = _open_lake(lake, read_only=False)
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


def for_lake(ddl: str) -> str:
    """The schema without what DuckLake does not keep: keys (a key column stays not null), references and
    checks. The importer validates every row before writing and the queries never rely on them; the DuckDB
    file keeps them as a second guard."""
    ddl = re.sub(r",\s*primary key \([^)]*\)", "", ddl)
    ddl = re.sub(r"\s+primary key\b", " not null", ddl)
    ddl = re.sub(r"\s+references \w+ \([^)]*\)", "", ddl)
    out, i = [], 0
    while (start := ddl.find(" check (", i)) >= 0:  # checks hold nested parentheses
        out.append(ddl[i:start])
        depth, j = 0, start + len(" check ")
        while True:
            depth += {"(": 1, ")": -1}.get(ddl[j], 0)
            j += 1
            if depth == 0:
                break
        i = j
    return "".join(out) + ddl[i:]


def households_ddl() -> str:
    flags = ",\n    ".join(f"{flag} boolean" for flag in catalogue.all_flags())
    return f"""
create table households (
    review_year integer not null,
    household_id varchar not null,
    code_list varchar not null,
    province_code varchar not null,
    district_code varchar,
    commune_code varchar not null,
    village varchar,
    head_name varchar,
    members integer not null check (members >= 1),
    area_type varchar not null check (area_type in ('nong_thon', 'thanh_thi')),
    income_per_capita bigint,
    classification varchar not null check (classification in ('ngheo', 'can_ngheo', 'trung_binh', 'khong')),
    standard varchar not null,
    khong_kha_nang_lao_dong boolean not null default false,
    bao_tro_xa_hoi boolean not null default false,
    nguoi_co_cong boolean not null default false,
    dan_toc_thieu_so boolean not null default false,
    chu_ho_nu boolean not null default false,
    poverty_causes varchar[],
    ethnicity varchar,  -- the head's ethnic group, a code of data/catalogue/ethnicities.csv
    {flags},
    deprivation_count integer not null default 0,
    -- The class the standard's rule gives from income and deprivations (null without income); a
    -- difference from the reported class is a data-quality warning, not an error.
    expected_class varchar,
    import_id integer,
    primary key (review_year, household_id)
)"""


# The group columns come from the catalogue (data/catalogue/groups.csv), not from a list in the SQL.
VIEWS = (Path(__file__).with_name("views.sql")).read_text(encoding="utf-8").replace(
    "{group_columns}", ", ".join(catalogue.group_columns())).replace(
    "{group_column_names}", ", ".join(f"'{c}'" for c in catalogue.group_columns()))
_MATERIALISE = re.compile(r"^-- @materialise (\w+)[ \t]*\n", re.MULTILINE)

# Tables copied from their `<name>_live` view by every import, in the order views.sql materialises them:
# the queries read these.
AGGREGATES = tuple(_MATERIALISE.findall(VIEWS))


def _accounts_sql(con: duckdb.DuckDBPyConnection) -> str:
    accounts = (Path(__file__).with_name("accounts.sql")).read_text(encoding="utf-8")
    return for_lake(accounts) if con in _LAKES else accounts


def _views_digest(con: duckdb.DuckDBPyConnection) -> str:
    return hashlib.sha256((VIEWS + _accounts_sql(con)).encode()).hexdigest()


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the views, macros, aggregate tables and account tables when their definitions changed
    since the database last saw them or an aggregate table is missing (dashboard processes sharing a lake
    then do not all rewrite its catalogue at start). Runs in the caller's transaction."""
    accounts = _accounts_sql(con)
    digest = _views_digest(con)
    kinds = dict(con.execute("select table_name, table_type from information_schema.tables").fetchall())
    current = con.execute("select max(value) from metadata where key = 'views_sha256'").fetchone()[0]
    if current == digest and all(kinds.get(name) == "BASE TABLE" for name in AGGREGATES):
        return
    for name in AGGREGATES:
        if kinds.get(name) == "VIEW":  # databases made before the aggregate became a table
            con.execute(f"drop view {name}")
    first, *rest = _MATERIALISE.split(VIEWS)
    con.execute(first)
    for name, statements in zip(rest[::2], rest[1::2]):
        _materialise(con, name)
        if statements.strip():
            con.execute(statements)
    con.execute(accounts)
    con.execute("delete from metadata where key = 'views_sha256'")
    con.execute("insert into metadata values ('views_sha256', ?)", [digest])


def _materialise(con: duckdb.DuckDBPyConnection, name: str) -> None:
    # Sorted by its columns in order (views.sql), so that a query of one review or one area reads few row groups.
    con.execute(f"create or replace table {name} as select * from {name}_live order by all")


def refresh_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the aggregate tables from households, population and the code lists (inside the caller's
    transaction, if any)."""
    for name in AGGREGATES:
        _materialise(con, name)


def _reference_digest() -> str:
    """The catalogue files' digest: a database whose catalogue tables were loaded from other files reloads them."""
    return hashlib.sha256(b"".join((CATALOGUE / f"{t}.csv").read_bytes() for t in catalogue.TABLES)).hexdigest()


def _metadata(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    return con.execute("select max(value) from metadata where key = ?", [key]).fetchone()[0]


def _set_metadata(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("delete from metadata where key = ?", [key])
    con.execute("insert into metadata values (?, ?)", [key, value])


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}


# Columns added since the first databases were made: (table, column, type). An upgrade adds them, empty.
ADDED_COLUMNS = (
    ("households", "ethnicity", "varchar"),
    ("population", "total_ethnic_minority_households", "integer"),
)


def _missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    present = set(con.execute("select table_name, column_name from information_schema.columns").fetchall())
    return [(t, c, kind) for t, c, kind in ADDED_COLUMNS if (t, c) not in present]


def needs_upgrade(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether a database made by an earlier giamngheo must be upgraded (upgrade) before this one reads it."""
    return ("commune_successors" not in _tables(con) or bool(_missing_columns(con)) or _metadata(con, "catalogue_sha256") != _reference_digest()
            or _metadata(con, "views_sha256") != _views_digest(con)
            or _metadata(con, "derived_shapes") != reference.DERIVED_SHAPES)


def upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a database made by an earlier giamngheo up to this one, in the caller's transaction: every successor
    of the 2025 reform (earlier databases kept one per commune), the catalogue tables reloaded when the catalogue
    files changed, standards stored under a former key renamed (2026-2030 -> 2027-2030), the derived July-2025
    shapes redrawn, then the views."""
    changed = False
    for table, column, kind in _missing_columns(con):
        con.execute(f"alter table {table} add column {column} {kind}")
        changed = True
    if "commune_successors" not in _tables(con):
        schema = (Path(__file__).with_name("schema.sql")).read_text(encoding="utf-8")
        ddl = re.search(r"create table commune_successors \(.*?\n\);", schema, re.DOTALL).group(0)
        con.execute(for_lake(ddl) if con in _LAKES else ddl)
        reference.load_successors(con)
        con.execute("drop table if exists commune_successor")
        changed = True
    digest = _reference_digest()
    if _metadata(con, "catalogue_sha256") != digest:
        for table in catalogue.TABLES:
            con.execute(f"drop table if exists {table}")
        reference.load_catalogue(con)
        for old, new in catalogue.renamed_standards().items():
            con.execute("update households set standard = ? where standard = ?", [new, old])
        _set_metadata(con, "catalogue_sha256", digest)
        changed = True
    if _metadata(con, "derived_shapes") != reference.DERIVED_SHAPES:  # derived again, without slivers; imported ones kept
        con.execute("delete from boundaries where code_list = 'qd19_2025' and source like 'derived%'")
        reference.derive_boundaries_2025(con)
    create_views(con)
    if changed:  # the aggregate tables read the successors and the catalogue
        refresh_aggregates(con)


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    lake = Lake.parse(path)
    if lake is not None:
        read_only = read_only or lake.snapshot is not None
        con = _open_lake(lake, read_only)
        if not _has_tables(con):
            con.close()
            raise DatabaseMissing(f"no giamngheo tables in {lake}: build them with `giamngheo demo --db ...`")
    else:
        path = Path(path)
        if not path.exists():
            raise DatabaseMissing(f"no database at {path}: build one with `giamngheo demo --db {path}`")
        con = duckdb.connect(str(path), read_only=read_only)
        if read_only and needs_upgrade(con):  # made by an earlier giamngheo: upgrade it once, then read
            con.close()
            connect(path).close()
            con = duckdb.connect(str(path), read_only=True)
    if not read_only:
        with transaction(con):
            upgrade(con)
    return con


def create(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Create a new database at `path` (a file that must not exist, or an empty lake) with schema and
    reference data, in one transaction."""
    lake = Lake.parse(path)
    if lake is not None:
        con = _open_lake(lake, read_only=False)
        if _has_tables(con):
            con.close()
            raise FileExistsError(str(lake))
    elif str(path) == ":memory:":  # a scratch database (giamngheo.review.approved_database)
        con = duckdb.connect()
    else:
        path = Path(path)
        if path.exists():
            raise FileExistsError(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
    schema = (Path(__file__).with_name("schema.sql")).read_text(encoding="utf-8") + ";\n" + households_ddl()
    try:
        con.execute("begin")
        con.execute(for_lake(schema) if lake else schema)
        reference.load_catalogue(con)
        reference.load_admin_units(con)
        reference.load_successors(con)
        reference.load_boundaries(con)
        reference.derive_boundaries_2025(con)
        create_views(con)
        con.execute("insert into metadata values ('schema_version', ?), ('synthetic', 'false'), ('catalogue_sha256', ?)",
                    [SCHEMA_VERSION, _reference_digest()])
        con.execute("commit")
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
