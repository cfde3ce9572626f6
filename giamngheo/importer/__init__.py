"""Import review extracts (households, population, targets, support) as their users write them.

One code path for the command line and the Import page: `prepare` reads and validates a file and says
everything that is wrong with it (row as numbered in Excel, column, value, reason in Vietnamese and
English); `commit` writes a valid file in one transaction: rows whose key is new are inserted, rows
whose key exists with other values replace them (each change logged), identical rows change nothing.
A rejected file writes nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd

from giamngheo import catalogue
from giamngheo.importer.parsing import FIRST_YEAR, LAST_YEAR, _parsers, parse_number
from giamngheo.importer.problems import ParseError, Prepared, Problem, Result, _Checker, _file_problem
from giamngheo.importer.reading import PREVIEW_ROWS, _aliases, fold, read_rows, read_sheet
from giamngheo.importer.validating import (_check_allowed, _check_households, _check_moves, _check_range,
                                           _check_support, _check_target_ranges, _check_units, _check_unlocked,
                                           _warn_population)
from giamngheo.importer.writing import commit
from giamngheo.store.imports import KEYS

# What the command line, the Import page and the benchmarks use.
__all__ = ["FIRST_YEAR", "KEYS", "LAST_YEAR", "ParseError", "Prepared", "Problem", "Result", "commit", "fold",
           "import_file", "parse_number", "prepare", "read_rows"]


def prepare(con: duckdb.DuckDBPyConnection, kind: str, data: bytes, file_name: str,
            year: int | None = None, allowed: dict[str, set[str]] | None = None, allow_move: bool = False) -> Prepared:
    """Read and validate a file; nothing is written. `prepared.problems` lists everything wrong.

    `allowed` (code list -> unit codes) restricts the rows to an account's area: a commune officer imports
    only for their commune. A household belongs to one commune per review: a row that would move a household
    recorded in another commune is refused, unless `allow_move` (an administrator's explicit choice)."""
    if kind not in KEYS:
        raise ValueError(f"unknown import kind {kind!r}")
    prepared = Prepared(kind, Path(file_name).name, hashlib.sha256(data).hexdigest())
    aliases = _aliases(kind)
    try:
        sheet = read_sheet(data, file_name, aliases)
    except ParseError as error:
        return _file_problem(prepared, error.vi, error.en, error.code)
    prepared.header_row = sheet.header_row
    positions: dict[str, int] = {}
    for position, cell in enumerate(sheet.header):
        canonical = aliases.get(fold(cell))
        if canonical and canonical not in positions:
            positions[canonical] = position
            prepared.columns[canonical] = str(cell).strip()
        elif str(cell).strip():
            prepared.extra_columns.append(str(cell).strip())
    raw, rownums = sheet.body, sheet.rownums
    prepared.rows_in_file = len(raw)
    if not len(raw):
        return _file_problem(prepared, "tệp không có dòng dữ liệu", "the file has no data rows", "empty")
    width = raw.shape[1]
    prepared.preview = pd.DataFrame(
        {prepared.columns[c]: raw[i].head(PREVIEW_ROWS) for c, i in positions.items() if i < width}
    )

    specs = {c.canonical: c for c in catalogue.import_columns(kind)}
    for col in specs.values():
        if col.required and col.canonical not in positions and not (col.canonical == "nam_ra_soat" and year):
            _file_problem(prepared, f"thiếu cột bắt buộc {col.label_vi} ({col.canonical})",
                          f"missing required column {col.alias_en} ({col.canonical})", "missing_column",
                          column=col.canonical)
    if prepared.problems:
        return prepared

    check = _Checker(prepared, rownums)
    parsers = _parsers(kind)
    frame = pd.DataFrame(index=raw.index)
    for canonical, position in positions.items():
        spec = specs[canonical]
        values = raw[position] if position < width else pd.Series("", index=raw.index)
        parser = parsers[spec.type]
        # Each distinct value parsed once; the rows refer to their value by its number (a column of a
        # province's file holds a few hundred distinct values in half a million rows).
        numbers, distinct = pd.factorize(values, use_na_sentinel=False)
        distinct = distinct.tolist()
        blank = [str(value).strip() == "" for value in distinct]
        parsed, errors = [], {}
        for number, value in enumerate(distinct):
            try:
                parsed.append(None if (spec.type != "boolean" and blank[number]) else parser(value))
            except ParseError as error:
                parsed.append(None)
                errors[number] = error
        numbers = pd.Series(numbers, index=raw.index)
        for number, error in errors.items():
            check.rows(numbers == number, canonical, values, error.vi, error.en, error.code)
        frame[spec.db_column] = pd.Series(parsed).take(numbers.to_numpy()).set_axis(raw.index)
        _check_range(spec, frame[spec.db_column], values, check)
        if spec.required:
            check.rows(numbers.isin([n for n, empty in enumerate(blank) if empty]), canonical, None,
                       f"thiếu giá trị bắt buộc ({spec.label_vi})", f"required value missing ({spec.alias_en})",
                       "missing_value")
    if year is not None:
        if "review_year" in frame:
            other = frame.review_year.notna() & (frame.review_year != year)
            check.rows(other, "nam_ra_soat", frame.review_year, f"khác với năm đã chọn ({year})",
                       f"differs from the year given ({year})", "bad_year")
        frame["review_year"] = year
    _check_units(con, kind, frame, check)
    if allowed is not None:
        _check_allowed(con, kind, frame, check, allowed)
    if kind in ("households", "population"):
        _check_unlocked(con, frame, check)
    if kind == "households":
        _check_households(frame, check, positions)
        _check_moves(con, frame, check, allow_move)
    elif kind == "targets":
        _check_target_ranges(frame, check)
    elif kind == "support":
        _check_support(con, frame, check)
    elif kind == "population":
        _warn_population(con, frame, check)
    key = list(KEYS[kind])
    if kind == "support":
        frame["sponsor"] = frame.get("sponsor", pd.Series(None, index=frame.index, dtype=object)).fillna("")
    dup = frame.duplicated(key, keep=False) & frame[key].notna().all(axis=1)
    if dup.any():
        first = frame[dup].groupby(key, dropna=False).head(1).index
        for index in frame[dup].index:
            if index in first:
                continue
            twin = frame[dup & (frame[key] == frame.loc[index, key]).all(axis=1)].index[0]
            prepared.problems.append(Problem(
                int(rownums.loc[index]), prepared.columns.get("ma_ho", key[-1]),
                " / ".join(str(frame.loc[index, k]) for k in key),
                f"trùng với dòng {int(rownums.loc[twin])}", f"duplicate of row {int(rownums.loc[twin])}", "duplicate"))
    prepared.problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    prepared.warnings.sort(key=lambda p: (p.row or 0, p.column or ""))
    if not prepared.problems:
        prepared.frame = frame
    return prepared



def import_file(con, kind: str, path: str | Path, year: int | None = None, dry_run: bool = False,
                user: str | None = None, allow_move: bool = False) -> tuple[Prepared, Result]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        prepared = Prepared(kind, path.name, "")
        return _file_problem(prepared, f"không mở được tệp: {error.strerror}", f"cannot open the file: {error.strerror}",
                             "unreadable"), Result(None, "rejected", 0)
    prepared = prepare(con, kind, data, path.name, year, allow_move=allow_move)
    if not prepared.ok:
        return prepared, Result(None, "rejected", prepared.rows_in_file)
    if dry_run:
        return prepared, Result(None, "dry_run", prepared.rows_in_file)
    return prepared, commit(con, prepared, user)
