"""Writing a validated file: one transaction, new rows inserted, changed rows replaced and logged, identical rows
left alone, the import recorded; on a DuckLake, run again when another process committed first."""

from __future__ import annotations

import random
import time
from datetime import datetime

import duckdb

from giamngheo import auth, db, review
from giamngheo.importer.problems import Prepared, Result

KEYS = {
    "households": ("review_year", "household_id"),
    "population": ("review_year", "commune_code"),
    "targets": ("review_year", "area_code", "metric"),
    "support": ("review_year", "household_id", "support_type", "sponsor"),
}


CONFLICT_ATTEMPTS = 6


def record_import(con: duckdb.DuckDBPyConnection, kind: str, file_name: str, sha256: str, user: str | None,
                  rows_in_file: int, inserted: int, replaced: int = 0, unchanged: int = 0, message: str | None = None,
                  synthetic: bool = False, import_id: int | None = None) -> int:
    """The one way an import is put on record (imports, files and the demo and benchmark generators alike), in the
    caller's transaction. Returns its number."""
    if import_id is None:
        import_id = con.execute("select coalesce(max(import_id), 0) + 1 from imports").fetchone()[0]
    con.execute(
        "insert into imports (import_id, kind, file_name, sha256, imported_at, user_name, rows_in_file, rows_inserted, "
        "rows_replaced, rows_unchanged, outcome, message, synthetic) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?)",
        [import_id, kind, file_name, sha256, datetime.now().replace(microsecond=0), user, rows_in_file, inserted,
         replaced, unchanged, message, synthetic])
    return import_id


def commit(con: duckdb.DuckDBPyConnection, prepared: Prepared, user: auth.User | str | None = None) -> Result:
    """Write a validated file in one transaction, log it and audit it with the user's name. Identical rows are
    left as they are. A signed-in user must be allowed to write (auth.require_write); a name is the command
    line's operator.

    On a DuckLake, another process's import may commit first (both rewrite the aggregate tables): DuckLake
    then refuses this transaction whole, and it is run again on the new snapshot, a few times at most."""
    if not prepared.ok:
        return Result(None, "rejected", prepared.rows_in_file)
    name = auth.require_write(user, prepared.kind, prepared.moves)
    for attempt in range(CONFLICT_ATTEMPTS):
        try:
            return _write(con, prepared, name)
        except duckdb.TransactionException:
            if attempt == CONFLICT_ATTEMPTS - 1:
                raise
            time.sleep(0.1 * 2 ** attempt + random.random() * 0.1)
    raise AssertionError("unreachable")


def _write(con: duckdb.DuckDBPyConnection, prepared: Prepared, user: str | None) -> Result:
    kind = prepared.kind
    table_columns = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = ? order by ordinal_position", [kind]
    ).fetchall()]
    columns = [c for c in table_columns if c in prepared.frame.columns and c != "import_id"]
    keys = list(KEYS[kind])
    stage = prepared.frame[columns].copy()
    with db.transaction(con):
        if kind in ("households", "population") and review.locked(con, prepared.frame).notna().any():
            raise review.ReviewError("kết quả rà soát của xã vừa được phê duyệt: không nhập / the commune's review "
                                     "was approved after the file was checked: nothing imported")
        import_id = con.execute("select coalesce(max(import_id), 0) + 1 from imports").fetchone()[0]
        con.register("incoming", stage)
        con.execute(f"create temp table stage as select * from {kind} limit 0")
        con.execute(f"insert into stage ({', '.join(columns)}) select {', '.join(columns)} from incoming")
        con.unregister("incoming")
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
        inserted = len(stage) - unchanged - replaced
        key_list = ", ".join(keys)
        con.execute(f"delete from {kind} t using matched s where {on} and not s.same")
        con.execute(f"""
            insert into {kind} ({', '.join(columns)}, import_id)
            select {', '.join('s.' + c for c in columns)}, ?
            from stage s anti join (select * from matched where same) m using ({key_list})
        """, [import_id])
        con.execute(f"""
            insert into import_changes
            select ?, ?, {" || '|' || ".join(f"m.{k}::varchar" for k in keys)}, m.changed_columns
            from matched m where not m.same
        """, [import_id, kind])
        record_import(con, kind, prepared.file_name, prepared.sha256, user, prepared.rows_in_file, inserted, replaced,
                      unchanged, f"{len(prepared.warnings)} warnings", import_id=import_id)
        con.execute("drop table stage")
        con.execute("drop table matched")
        auth.audit(con, user, "import", f"{kind} {prepared.file_name} {prepared.sha256[:12]} +{inserted} ~{replaced}"
                   + (f" moved {prepared.moves} households between communes" if prepared.moves else ""))
        if kind in ("households", "population"):
            db.refresh_aggregates(con)
    return Result(import_id, "accepted", prepared.rows_in_file, inserted, replaced, unchanged)
