"""Benchmark: import N household rows from one CSV file (default 500.000), as `giamngheo import` does.

The file is built from the demo's own records (real commune codes, all 2022-2025 indicator columns),
repeated with new household codes, written as a Windows-1258 CSV with ';' like an Excel export.
A third run imports the file again once another commune's review is approved, so that every row is checked
against the approved reviews (giamngheo.review.locked): its ratio to the second run is the lock's cost.
Prints JSON: rows, seconds for each step and rows per second. Usage:

    python bench/import_bench.py [--rows 500000] [--out bench/out]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from giamngheo import db, demo, extracts, review, store
from giamngheo.store import review as written


def build_file(rows: int, work: Path) -> Path:
    source = work / "demo.duckdb"
    demo.build(source)
    con = duckdb.connect(str(source), read_only=True)
    base = con.execute("select * from households where review_year = 2022 and code_list = 'gso_2024'").df()
    con.close()
    copies = -(-rows // len(base))
    frame = pd.concat([base.assign(household_id=base.household_id + f"-{i}") for i in range(copies)]).head(rows)
    text = extracts.to_extract(frame.reset_index(drop=True), "households", "2022-2025").to_csv(index=False, sep=";")
    path = work / "ra_soat_500k.csv"
    path.write_bytes(extracts.windows_1258(text))
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        path = build_file(args.rows, work)
        built = time.perf_counter() - started
        db_path = work / "bench.duckdb"
        timings = {}
        for run in ("first", "again", "again_with_approvals"):
            if run == "again_with_approvals":  # another commune's review approved: every row is checked for the lock
                con = db.connect(db_path)
                with store.transaction(con):
                    written.set_status(con, 2021, "gso_2024", "19597", review.APPROVED, "1/QĐ-UBND", None, "bench",
                                       datetime.now(), None)
                con.close()
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "households", str(path), "--db", str(db_path)],
                           check=True, capture_output=True)
            timings[run] = time.perf_counter() - started
        con = duckdb.connect(str(db_path), read_only=True)
        loaded = con.execute("select count(*) from households").fetchone()[0]
        con.close()
        native = [_native_read(path, work / f"native{i}.duckdb") for i in range(3)]
        size_mb = round(path.stat().st_size / 1e6, 1)
    print(json.dumps({
        "rows": args.rows,
        "file_mb": size_mb,
        "build_file_s": round(built, 1),
        "import_s": round(timings["first"], 1),
        "reimport_unchanged_s": round(timings["again"], 1),
        "reimport_with_approvals_s": round(timings["again_with_approvals"], 1),
        "lock_check_ratio": round(timings["again_with_approvals"] / timings["again"], 2),
        "rows_per_s": round(args.rows / timings["first"]),
        "rows_in_database": loaded,
        "native_read_csv_s": round(sorted(native)[1], 2),
        "import_over_native": round(timings["first"] / sorted(native)[1], 1),
    }))


def _native_read(path: Path, target: Path) -> float:
    """DuckDB's own reader loading the same file into a table, started as a command like the import: the floor an
    import could reach (Windows-1258 read as Latin-1, byte for byte, since DuckDB has no Vietnamese code page)."""
    script = ("import duckdb, sys; duckdb.connect(sys.argv[2]).execute(\"create table t as select * from "
              "read_csv(?, delim=';', header=true, encoding='latin-1')\", [sys.argv[1]])")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", script, str(path), str(target)], check=True, capture_output=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
