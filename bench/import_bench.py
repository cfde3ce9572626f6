"""Benchmark: `giamngheo import households` of a CSV (default 500.000 rows) and of a workbook (default 100.000
rows), each beside the fastest reader of the same file available here, as commands started the same way.

The files are built from the demo's own records (real commune codes, all 2022-2025 indicator columns), repeated
with new household codes: the CSV written in Windows-1258 with ';' like an Excel export, the workbook by openpyxl.
Each import goes into a database created beforehand (its schema and code lists), so that the import is timed,
not the creation. The rounds alternate the import and the readers, three times; the figures are medians.

The CSV is then imported again (every row unchanged), and a third time once another commune's review is
approved, so that every row is checked against the approved reviews (giamngheo.review.locked): its ratio to the
second is the lock's cost. Prints JSON. Usage:

    python bench/import_bench.py [--rows 500000] [--xlsx-rows 100000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from giamngheo import db, demo, extracts, lake, review, store
from giamngheo.store import review as written

ROUNDS = 3


def records(rows: int, work: Path) -> pd.DataFrame:
    source = work / "demo.duckdb"
    if not source.exists():
        demo.build(source)
    con = duckdb.connect(str(source), read_only=True)
    base = con.execute("select * from households where review_year = 2022 and code_list = 'gso_2024'").df()
    con.close()
    copies = -(-rows // len(base))
    frame = pd.concat([base.assign(household_id=base.household_id + f"-{i}") for i in range(copies)]).head(rows)
    return extracts.to_extract(frame.reset_index(drop=True), "households", "2022-2025")


def build_csv(rows: int, work: Path) -> Path:
    path = work / f"ra_soat_{rows}.csv"
    path.write_bytes(extracts.windows_1258(records(rows, work).to_csv(index=False, sep=";")))
    return path


def build_xlsx(rows: int, work: Path) -> Path:
    from openpyxl import Workbook

    frame = records(rows, work)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    path = work / f"ra_soat_{rows}.xlsx"
    book.save(path)
    return path


def command(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def import_into_new(path: Path, database: Path) -> float:
    db.remove(database)
    db.create(database).close()
    return command([sys.executable, "-m", "giamngheo.cli", "import", "households", str(path), "--db", str(database)])


# DuckDB's own readers loading the same file into a table, started as a command like the import. DuckDB has no
# Vietnamese code page: the Windows-1258 bytes are read as Latin-1, byte for byte.
NATIVE_CSV = ("import duckdb, sys; duckdb.connect(sys.argv[2]).execute(\"create table t as select * from "
              "read_csv(?, delim=';', header=true, encoding='latin-1')\", [sys.argv[1]])")
NATIVE_XLSX = ("import duckdb, sys; con = duckdb.connect(sys.argv[2]); con.execute(f\"install '{sys.argv[3]}'\"); "
               "con.execute('load excel'); con.execute('create table t as select * from read_xlsx(?)', [sys.argv[1]])")
CALAMINE = ("import python_calamine, sys; "
            "python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()")


def native(script: str, path: Path, work: Path, *extra: str) -> float:
    target = work / "native.duckdb"
    target.unlink(missing_ok=True)
    return command([sys.executable, "-c", script, str(path), str(target), *extra])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        csv_path, xlsx_path = build_csv(args.rows, work), build_xlsx(args.xlsx_rows, work)
        built = time.perf_counter() - started
        database = work / "bench.duckdb"
        csv_times = {"import": [], "read_csv": []}
        xlsx_times = {"import": [], "read_xlsx": [], "calamine": []}
        excel = str(lake.extension_file("excel"))
        for _ in range(ROUNDS):
            csv_times["read_csv"].append(native(NATIVE_CSV, csv_path, work))
            csv_times["import"].append(import_into_new(csv_path, database))
            xlsx_times["read_xlsx"].append(native(NATIVE_XLSX, xlsx_path, work, excel))
            xlsx_times["calamine"].append(command([sys.executable, "-c", CALAMINE, str(xlsx_path)]))
            xlsx_times["import"].append(import_into_new(xlsx_path, work / "xlsx.duckdb"))
        import_csv = [sys.executable, "-m", "giamngheo.cli", "import", "households", str(csv_path), "--db", str(database)]
        again = command(import_csv)
        con = db.connect(database)  # another commune's review approved: every row is checked for the lock
        with store.transaction(con):
            written.set_status(con, 2021, "gso_2024", "19597", review.APPROVED, "1/QĐ-UBND", None, "bench",
                               datetime.now(), None)
        con.close()
        again_with_approvals = command(import_csv)
        con = duckdb.connect(str(database), read_only=True)
        loaded = con.execute("select count(*) from households").fetchone()[0]
        con.close()
        sizes = {"csv_mb": round(csv_path.stat().st_size / 1e6, 1), "xlsx_mb": round(xlsx_path.stat().st_size / 1e6, 1)}
    csv_median = {k: statistics.median(v) for k, v in csv_times.items()}
    xlsx_median = {k: statistics.median(v) for k, v in xlsx_times.items()}
    fastest = min(("read_xlsx", "calamine"), key=xlsx_median.get)
    print(json.dumps({
        "rows": args.rows,
        "xlsx_rows": args.xlsx_rows,
        **sizes,
        "build_files_s": round(built, 1),
        "csv_s": {k: [round(t, 2) for t in v] for k, v in csv_times.items()},
        "xlsx_s": {k: [round(t, 2) for t in v] for k, v in xlsx_times.items()},
        "csv_import_over_read_csv": round(csv_median["import"] / csv_median["read_csv"], 2),
        "xlsx_fastest_reader": fastest,
        "xlsx_import_over_fastest": round(xlsx_median["import"] / xlsx_median[fastest], 2),
        "csv_rows_per_s": round(args.rows / csv_median["import"]),
        "reimport_unchanged_s": round(again, 1),
        "reimport_with_approvals_s": round(again_with_approvals, 1),
        "lock_check_ratio": round(again_with_approvals / again, 2),
        "rows_in_database": loaded,
    }))


if __name__ == "__main__":
    main()
