"""Writing a validated file: the account's right to write and the approvals checked again, then one transaction
of the write path (giamngheo.store.imports) that merges the rows, records the import and audits it; on a
DuckLake, run again when another process committed first."""

from __future__ import annotations

import random
import time

import duckdb

from giamngheo import auth, review, store
from giamngheo.importer.problems import Prepared, Result
from giamngheo.store import accounts, imports

CONFLICT_ATTEMPTS = 6


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
    with store.transaction(con):
        if kind in ("households", "population") and review.locked(con, prepared.frame).notna().any():
            raise review.ReviewError("kết quả rà soát của xã vừa được phê duyệt: không nhập / the commune's review "
                                     "was approved after the file was checked: nothing imported")
        import_id = imports.next_import_id(con)
        inserted, replaced, unchanged = imports.merge_rows(con, kind, prepared.frame, import_id)
        imports.record_import(con, kind, prepared.file_name, prepared.sha256, user, prepared.rows_in_file, inserted,
                              replaced, unchanged, f"{len(prepared.warnings)} warnings", import_id=import_id)
        accounts.audit(con, user, "import", f"{kind} {prepared.file_name} {prepared.sha256[:12]} +{inserted} "
                       f"~{replaced}" + (f" moved {prepared.moves} households between communes" if prepared.moves else ""))
    return Result(import_id, "accepted", prepared.rows_in_file, inserted, replaced, unchanged)
