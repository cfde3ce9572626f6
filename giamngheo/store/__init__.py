"""The one write path: every statement that changes a giamngheo database is in this package.

- `schema`: the tables, views and aggregate tables, and the upgrade of a database made by an earlier giamngheo;
- `reference`: the catalogue, the code lists, crosswalks and shipped boundaries every database holds;
- `imports`: the rows of an import (a file, the demo, the national generator, a boundary file) and its record;
- `accounts`: users, the audit log and signed-in sessions;
- `review`: the review season's statuses and approvals, and the database of what was approved.

Each write runs in `transaction` (one helper, all or nothing); everything else in giamngheo only reads.
"""

from __future__ import annotations

from contextlib import contextmanager, suppress

import duckdb


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




def set_metadata(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("delete from metadata where key = ?", [key])
    con.execute("insert into metadata values (?, ?)", [key, value])
