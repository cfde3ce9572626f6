"""The rows of an import and its record: a validated file's rows merged by key (new rows inserted, changed rows
replaced and each change logged, identical rows left alone), the demo's and the national generator's frames
appended, a boundary file's shapes replacing those of its communes; and the one record of every import."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd
import pyarrow as pa

from giamngheo.store import reference, schema

KEYS = {
    "households": ("review_year", "household_id"),
    "population": ("review_year", "commune_code"),
    "targets": ("review_year", "area_code", "metric"),
    "support": ("review_year", "household_id", "support_type", "sponsor"),
}


def next_import_id(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("select coalesce(max(import_id), 0) + 1 from imports").fetchone()[0]


def record_import(con: duckdb.DuckDBPyConnection, kind: str, file_name: str, sha256: str, user: str | None,
                  rows_in_file: int, inserted: int, replaced: int = 0, unchanged: int = 0, message: str | None = None,
                  synthetic: bool = False, import_id: int | None = None) -> int:
    """The one way an import is put on record (files, boundaries, the demo and benchmark generators alike), in the
    caller's transaction. Returns its number."""
    if import_id is None:
        import_id = next_import_id(con)
    con.execute(
        "insert into imports (import_id, kind, file_name, sha256, imported_at, user_name, rows_in_file, rows_inserted, "
        "rows_replaced, rows_unchanged, outcome, message, synthetic) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)",
        [import_id, kind, file_name, sha256, datetime.now().replace(microsecond=0), user, rows_in_file, inserted,
         replaced, unchanged, message, synthetic])
    return import_id


def merge_rows(con: duckdb.DuckDBPyConnection, kind: str, frame: pd.DataFrame, import_id: int) -> tuple[int, int, int]:
    """Merge a validated frame into its table by the kind's key, in the caller's transaction: (inserted, replaced,
    unchanged). Each replaced row's changed columns go to import_changes; the aggregates are recomputed after
    households or population."""
    types = dict(con.execute("select column_name, data_type from information_schema.columns where table_name = ? "
                             "order by ordinal_position", [kind]).fetchall())
    columns = [c for c in types if c in frame.columns and c != "import_id"]
    keys = list(KEYS[kind])
    # As an Arrow table, which DuckDB scans without converting a Python object per cell, in the table's types.
    con.register("incoming", pa.Table.from_pandas(frame[columns], preserve_index=False))
    con.execute(f"create temp view stage as select {', '.join(f'cast({c} as {types[c]}) as {c}' for c in columns)} "
                "from incoming")
    on = " and ".join(f"s.{k} = t.{k}" for k in keys)
    compared = [c for c in columns if c not in keys]
    same = " and ".join(f"s.{c} is not distinct from t.{c}" for c in compared) or "true"
    changed = ", ".join(f"case when s.{c} is distinct from t.{c} then '{c}' end" for c in compared)
    con.execute(f"""
        create temp table matched as
        select {', '.join('s.' + k for k in keys)}, ({same}) as same,
               list_filter([{changed}], x -> x is not null) as changed_columns
        from stage s join {kind} t on {on}
    """)
    unchanged = con.execute("select count(*) from matched where same").fetchone()[0]
    replaced = con.execute("select count(*) from matched where not same").fetchone()[0]
    inserted = len(frame) - unchanged - replaced
    con.execute(f"delete from {kind} t using matched s where {on} and not s.same")
    con.execute(f"""
        insert into {kind} ({', '.join(columns)}, import_id)
        select {', '.join('s.' + c for c in columns)}, ?
        from stage s anti join (select * from matched where same) m using ({", ".join(keys)})
        order by {", ".join('s.' + k for k in keys)}  -- in key order, the primary key's index grows fastest
    """, [import_id])
    con.execute(f"""
        insert into import_changes
        select ?, ?, {" || '|' || ".join(f"m.{k}::varchar" for k in keys)}, m.changed_columns
        from matched m where not m.same
    """, [import_id, kind])
    con.execute("drop view stage")
    con.unregister("incoming")
    con.execute("drop table matched")
    if kind in ("households", "population"):
        schema.refresh_aggregates(con)
    return inserted, replaced, unchanged


def append_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, order_by: str | None = None) -> None:
    """Append a generated frame's columns to a table (the demo, the national generator), in the caller's
    transaction; `order_by` sorts the rows as they are written (zone maps then skip whole row groups)."""
    columns = ", ".join(frame.columns)
    con.register("generated", frame)
    try:
        con.execute(f"insert into {table} ({columns}) select {columns} from generated"
                    + (f" order by {order_by}" if order_by else ""))
    finally:
        con.unregister("generated")


def remove_commune_review(con: duckdb.DuckDBPyConnection, year: int, commune: str) -> None:
    """A commune's review rows of a year taken out (the demo's communes that have not imported yet)."""
    for table in ("households", "population"):
        con.execute(f"delete from {table} where review_year = ? and commune_code = ?", [year, commune])


def replace_boundaries(con: duckdb.DuckDBPyConnection, code_list: str, rows: list[tuple]) -> None:
    """Commune shapes (code_list, level, code, name, geojson, source) replacing those of the same communes."""
    con.executemany("delete from boundaries where code_list = ? and level = 'commune' and code = ?",
                    [(code_list, row[2]) for row in rows])
    reference.add_boundaries(con, rows)
