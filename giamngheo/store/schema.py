"""The tables, views and aggregate tables of a giamngheo database (schema.sql, views.sql, accounts.sql), a new
database's first transaction, and the upgrade of a database made by an earlier giamngheo."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

from giamngheo import catalogue
from giamngheo.lake import is_lake
from giamngheo.paths import CATALOGUE
from giamngheo.store import reference, set_metadata

SCHEMA_VERSION = "1"
HERE = Path(__file__).parent


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
VIEWS = (HERE / "views.sql").read_text(encoding="utf-8").replace(
    "{group_columns}", ", ".join(catalogue.group_columns())).replace(
    "{group_column_names}", ", ".join(f"'{c}'" for c in catalogue.group_columns()))
_MATERIALISE = re.compile(r"^-- @materialise (\w+)[ \t]*\n", re.MULTILINE)
ACCOUNTS = (HERE / "accounts.sql").read_text(encoding="utf-8")

# Tables copied from their `<name>_live` view by every import, in the order views.sql materialises them:
# the queries read these.
AGGREGATES = tuple(_MATERIALISE.findall(VIEWS))


def _portable(con: duckdb.DuckDBPyConnection, ddl: str) -> str:
    """The DDL as the connection's database keeps it: a lake without keys, references and checks (for_lake)."""
    return for_lake(ddl) if is_lake(con) else ddl


def _views_digest(con: duckdb.DuckDBPyConnection) -> str:
    return hashlib.sha256((VIEWS + _portable(con, ACCOUNTS)).encode()).hexdigest()


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the views, macros, aggregate tables and account tables when their definitions changed
    since the database last saw them or an aggregate table is missing (dashboard processes sharing a lake
    then do not all rewrite its catalogue at start). Runs in the caller's transaction."""
    digest = _views_digest(con)
    kinds = dict(con.execute("select table_name, table_type from information_schema.tables").fetchall())
    if _metadata(con, "views_sha256") == digest and all(kinds.get(name) == "BASE TABLE" for name in AGGREGATES):
        return
    for name in AGGREGATES:
        if kinds.get(name) == "VIEW":  # databases made before the aggregate became a table
            con.execute(f"drop view {name}")
    _define_views(con, materialise=True)
    con.execute(_portable(con, ACCOUNTS))
    set_metadata(con, "views_sha256", digest)


def _define_views(con: duckdb.DuckDBPyConnection, materialise: bool) -> None:
    """views.sql's views and macros in order, each aggregate table copied from its view where views.sql says so
    (`materialise`), or left as it is (a reader's copy, which has them)."""
    first, *rest = _MATERIALISE.split(VIEWS)
    con.execute(first)
    for name, statements in zip(rest[::2], rest[1::2]):
        if materialise:
            _materialise(con, name)
        if statements.strip():
            con.execute(statements)


# The tables a reader's copy of a lake leaves in the lake, read through views: the households, which the pages
# read a few areas of at a time; every other table (the aggregates the figures come from, the code lists, the
# catalogue) is small and read whole by some page.
READ_IN_PLACE = ("households", "approved_households")


def copy_for_reading(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """Fill a new in-memory database from the attached database `source` (a lake at one snapshot): each table
    copied, but READ_IN_PLACE, which are views of the source's; then views.sql's views and macros over them."""
    tables = [r[0] for r in con.execute("select table_name from duckdb_tables() where database_name = ? "
                                        "order by table_name", [source]).fetchall()]
    for table in tables:
        kind = "view" if table in READ_IN_PLACE else "table"
        con.execute(f"create {kind} {table} as select * from {source}.{table}")
    _define_views(con, materialise=False)  # the aggregate tables are among those copied


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
        schema = (HERE / "schema.sql").read_text(encoding="utf-8")
        ddl = re.search(r"create table commune_successors \(.*?\n\);", schema, re.DOTALL).group(0)
        con.execute(_portable(con, ddl))
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
        set_metadata(con, "catalogue_sha256", digest)
        changed = True
    if _metadata(con, "derived_shapes") != reference.DERIVED_SHAPES:  # derived again, without slivers; imported ones kept
        con.execute("delete from boundaries where code_list = 'qd19_2025' and source like 'derived%'")
        reference.derive_boundaries_2025(con)
    create_views(con)
    if changed:  # the aggregate tables read the successors and the catalogue
        refresh_aggregates(con)


def build(con: duckdb.DuckDBPyConnection) -> None:
    """A new database's schema and reference data, in the caller's transaction."""
    con.execute(_portable(con, (HERE / "schema.sql").read_text(encoding="utf-8") + ";\n" + households_ddl()))
    reference.load_catalogue(con)
    reference.load_admin_units(con)
    reference.load_successors(con)
    reference.load_boundaries(con)
    reference.derive_boundaries_2025(con)
    create_views(con)
    con.execute("insert into metadata values ('schema_version', ?), ('synthetic', 'false'), ('catalogue_sha256', ?)",
                [SCHEMA_VERSION, _reference_digest()])


def mark_synthetic(con: duckdb.DuckDBPyConnection, seed: str | None = None) -> None:
    """Say the database holds synthetic data (the demo, the national generator), with the demo's seed."""
    con.execute("update metadata set value = 'true' where key = 'synthetic'")
    if seed is not None:
        set_metadata(con, "demo_seed", seed)
