"""Import review extracts (households, population, targets, support) as their users write them.

One code path for the command line and the Import page: `prepare` reads and validates a file and says
everything that is wrong with it (row as numbered in Excel, column, value, reason in Vietnamese and
English); `commit` writes a valid file in one transaction: rows whose key is new are inserted, rows
whose key exists with other values replace them (each change logged), identical rows change nothing.
A rejected file writes nothing.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import math
import random
import re
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from giamngheo import auth, catalogue, i18n, review

FIRST_YEAR, LAST_YEAR = 2015, 2035
HEADER_SEARCH_ROWS = 30
PREVIEW_ROWS = 10

# What a workbook may hold, checked before and while it is read, so that a hostile file (a dimension of a
# million rows by 16.384 columns in 5 KB; 830 KB that unpacks to 340 MB) is refused in seconds, with its memory
# bounded, instead of slowing every other user's pages for minutes.
MAX_ROWS = 1_048_576          # Excel's own limit
MAX_COLUMNS = 200             # the households format has about 40
MAX_UNPACKED_BYTES = 2 * 1024 ** 3
MAX_PACKING_RATIO = 100       # a workbook of text and numbers packs 5-20 times; a zip bomb, hundreds
MAX_SHARED_STRINGS_BYTES = 512 * 1024 ** 2
READ_SECONDS = 300
# Quyết định 19/2025: Xã Ba Chẽ is 06978; several lists still carry 06970 (data/admin/SOURCES.md).
COMMUNE_ALIASES = {("qd19_2025", "06970"): "06978"}
KEYS = {
    "households": ("review_year", "household_id"),
    "population": ("review_year", "commune_code"),
    "targets": ("review_year", "area_code", "metric"),
    "support": ("review_year", "household_id", "support_type", "sponsor"),
}


def fold(text) -> str:
    """Lower case, no diacritics, no spaces or punctuation: 'Mã xã' -> 'maxa', 'Đô thị' -> 'dothi'."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass
class Problem:
    row: int | None  # as numbered in Excel; None for the whole file
    column: str | None
    value: str | None
    reason_vi: str
    reason_en: str
    code: str

    def text(self, lang: str = "vi") -> str:
        where = []
        if self.row is not None:
            where.append(f"{i18n.text('row_word', lang)} {self.row}")
        if self.column:
            where.append(f"{i18n.text('column_word', lang)} {self.column}")
        if self.value not in (None, ""):
            where.append(f"'{self.value}'")
        reason = getattr(self, f"reason_{lang}")
        return (", ".join(where) + ": " if where else "") + reason


@dataclass
class Prepared:
    kind: str
    file_name: str
    sha256: str
    rows_in_file: int = 0
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # canonical -> header as written
    extra_columns: list[str] = field(default_factory=list)
    preview: pd.DataFrame | None = None
    frame: pd.DataFrame | None = None  # validated rows, database column names
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    moves: int = 0  # households moved from another commune of the same review (administrators only)

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None


@dataclass
class Result:
    import_id: int | None
    outcome: str  # accepted | rejected | dry_run
    rows_in_file: int
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0


class ParseError(ValueError):
    def __init__(self, vi: str, en: str, code: str):
        super().__init__(en)
        self.vi, self.en, self.code = vi, en, code


# -- reading ----------------------------------------------------------------------------------------

def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Windows writes Vietnamese CSV in Windows-1258, with combining tone marks: compose them.
        text = data.decode("cp1258")
    return unicodedata.normalize("NFC", text)


def _too_large(vi: str, en: str) -> ParseError:
    return ParseError(f"tệp Excel vượt giới hạn: {vi}", f"the workbook exceeds a limit: {en}", "too_large")


def _check_workbook(data: bytes) -> None:
    """Refuse a workbook by what it declares, before parsing a byte of its sheets."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ParseError("không đọc được tệp Excel", f"unreadable Excel file ({error})", "unreadable") from error
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_PACKING_RATIO * max(len(data), 1):
        raise _too_large(f"giải nén ra {unpacked // 1024 ** 2} MB từ {len(data) // 1024} KB",
                         f"{unpacked // 1024 ** 2} MB unpacked from {len(data) // 1024} KB")
    strings = sum(e.file_size for e in entries if e.filename.endswith("sharedStrings.xml"))
    if strings > MAX_SHARED_STRINGS_BYTES:
        raise _too_large(f"bảng chuỗi {strings // 1024 ** 2} MB", f"shared strings of {strings // 1024 ** 2} MB")
    for entry in entries:
        if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", entry.filename):
            with archive.open(entry) as sheet:
                head = sheet.read(4096).decode("utf-8", errors="replace")
            declared = re.search(r'<(?:\w+:)?dimension ref="[A-Z]+(\d+)(?::([A-Z]+)(\d+))?"', head)
            if declared and declared.group(2):
                from openpyxl.utils import column_index_from_string

                rows, columns = int(declared.group(3)), column_index_from_string(declared.group(2))
                if rows > MAX_ROWS or columns > MAX_COLUMNS:
                    raise _too_large(f"khai báo {rows} dòng × {columns} cột (tối đa {MAX_COLUMNS} cột)",
                                     f"declares {rows} rows × {columns} columns (at most {MAX_COLUMNS} columns)")


def _read_workbook(data: bytes) -> list[tuple[int, list]]:
    """The first sheet's rows, streamed: the declared dimension is not trusted (no padding to it), and the rows,
    the columns and the time spent reading are bounded."""
    from openpyxl import load_workbook

    _check_workbook(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ParseError("không đọc được tệp Excel", f"unreadable Excel file ({error})", "unreadable") from error
    started = time.monotonic()
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # read the rows there are, not the rows the file claims
        rows = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS or len(cells) > MAX_COLUMNS:
                raise _too_large(f"quá {MAX_ROWS} dòng hoặc {MAX_COLUMNS} cột", f"over {MAX_ROWS} rows or "
                                 f"{MAX_COLUMNS} columns")
            if number % 10_000 == 0 and time.monotonic() - started > READ_SECONDS:
                raise _too_large(f"đọc quá {READ_SECONDS} giây", f"reading took over {READ_SECONDS} s")
            values = [("" if c is None else c) for c in cells]
            if any(str(v).strip() for v in values):
                rows.append((number, [unicodedata.normalize("NFC", v) if isinstance(v, str) else v for v in values]))
        return rows
    finally:
        book.close()


def read_rows(data: bytes, file_name: str) -> list[tuple[int, list]]:
    """The file's rows as (row number as Excel shows it, cells). XLSX cells keep their types."""
    if file_name.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        return _read_workbook(data)
    try:
        text = _decode(data)
    except UnicodeDecodeError as error:
        raise ParseError("không đọc được mã ký tự của tệp", "unreadable text encoding", "unreadable") from error
    if "\x00" in text:
        raise ParseError("tệp không phải CSV hay XLSX", "not a CSV or XLSX file", "unreadable")
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    delimiter = max(",;\t", key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as error:
        raise ParseError("tệp CSV hỏng", f"malformed CSV ({error})", "unreadable") from error
    return rows


def _aliases(kind: str) -> dict[str, str]:
    """Folded header spelling -> canonical column: canonical, Vietnamese label, English alias."""
    out: dict[str, str] = {}
    for col in catalogue.import_columns(kind):
        for spelling in (col.canonical, col.label_vi, col.alias_en):
            out.setdefault(fold(spelling), col.canonical)
    if kind == "households":  # every standard's label of a deprivation indicator
        for standard in catalogue.standards():
            for i in catalogue.indicators(standard):
                out.setdefault(fold(i.label_vi), i.flag)
                out.setdefault(fold(i.label_en), i.flag)
    return out


def _find_header(rows: list[tuple[int, list]], aliases: dict[str, str]) -> int | None:
    best, best_score = None, 1
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = len({aliases[f] for f in (fold(c) for c in cells) if f in aliases})
        if score > best_score:
            best, best_score = index, score
    return best


# -- values ------------------------------------------------------------------------------------------

TRUE = {"1", "x", "co", "c", "true", "yes", "y", "dung"}
FALSE = {"", "0", "khong", "k", "false", "no", "n", "sai"}
CLASSES = {
    "ngheo": "ngheo", "hongheo": "ngheo", "poor": "ngheo",
    "canngheo": "can_ngheo", "hocanngheo": "can_ngheo", "nearpoor": "can_ngheo",
    "trungbinh": "trung_binh", "hocomucsongtrungbinh": "trung_binh", "mucsongtrungbinh": "trung_binh",
    "average": "trung_binh",
    "khong": "khong", "khongngheo": "khong", "hokhongngheo": "khong", "notpoor": "khong",
}
AREA_TYPES = {"nongthon": "nong_thon", "rural": "nong_thon", "thanhthi": "thanh_thi", "dothi": "thanh_thi",
              "urban": "thanh_thi"}


def _bad(column_type: str, vi: str, en: str) -> ParseError:
    return ParseError(vi, en, f"bad_{column_type}")


def parse_number(value) -> float:
    if isinstance(value, bool):
        raise _bad("number", "không phải số", "not a number")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise _bad("number", "không phải số", "not a number")
        return float(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    text = re.sub(r"(đồng|đ|vnd)$", "", text, flags=re.IGNORECASE)
    if not re.fullmatch(r"[+-]?[\d.,]+", text) or not re.search(r"\d", text):
        raise _bad("number", "không phải số", "not a number")
    if "." in text and "," in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "." in text:
        if re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", text):  # Vietnamese thousands: 1.500.000
            text = text.replace(".", "")
    elif "," in text:
        if re.fullmatch(r"[+-]?\d{1,3}(,\d{3}){2,}", text):  # 1,500,000 can only be thousands
            text = text.replace(",", "")
        else:  # Vietnamese decimal comma: 54,6
            text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError as error:
        raise _bad("number", "không phải số", "not a number") from error
    if not math.isfinite(number):  # 1 followed by 400 zeros
        raise _bad("number", "số quá lớn", "number too large")
    return number


def parse_integer(value) -> int:
    number = parse_number(value)
    if number != int(number):
        raise _bad("integer", "không phải số nguyên", "not a whole number")
    return int(number)


def parse_code(value, width: int) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value).zfill(width)  # Excel drops leading zeros of codes typed as numbers
    text = str(value).strip()
    if not re.fullmatch(rf"\d{{{width}}}", text):
        raise ParseError(f"mã phải gồm {width} chữ số", f"a code of {width} digits is expected", "bad_code")
    return text


def parse_boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(value)
    if folded in TRUE:
        return True
    if folded in FALSE:
        return False
    raise ParseError("giá trị đúng/sai không hợp lệ (dùng 1/0, x, Có/Không)",
                     "not a yes/no value (use 1/0, x, Có/Không)", "bad_boolean")


def _lookup(table: dict[str, str], vi: str, en: str, code: str):
    def parse(value) -> str:
        folded = fold(value)
        if folded not in table:
            raise ParseError(vi, en, code)
        return table[folded]
    return parse


def _parsers(kind: str) -> dict[str, object]:
    causes = {fold(c["cause"]): c["cause"] for c in catalogue.causes()}
    causes.update({fold(c["label_vi"]): c["cause"] for c in catalogue.causes()})
    causes.update({fold(c["label_en"]): c["cause"] for c in catalogue.causes()})

    def parse_causes(value) -> list[str] | None:
        parts = [p for p in re.split(r"[;\n]", str(value)) if p.strip()]
        out = []
        for part in parts:
            if fold(part) not in causes:
                raise ParseError(f"nguyên nhân nghèo không có trong danh mục: {part.strip()}",
                                 f"unknown cause of poverty: {part.strip()}", "bad_cause")
            out.append(causes[fold(part)])
        return out or None

    ethnicities = {}
    for e in catalogue.ethnicities():  # the code, the name or another name of the 54 groups
        for name in (e["code"], e["name"], *filter(None, e["aliases"].split(";"))):
            ethnicities[fold(name)] = e["code"]

    def ethnicity(value) -> str:
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
        folded = fold(text.zfill(2) if text.isdigit() else text)  # Excel drops the leading zero of 01-09
        if folded not in ethnicities:
            raise ParseError(f"dân tộc không có trong danh mục 54 dân tộc: {text}",
                             f"not one of the 54 ethnic groups of the national list: {text}", "bad_ethnicity")
        return ethnicities[folded]

    support = {fold(s["support_type"]): s["support_type"] for s in catalogue.support_types()}
    support.update({fold(s["label_vi"]): s["support_type"] for s in catalogue.support_types()})
    support.update({fold(s["label_en"]): s["support_type"] for s in catalogue.support_types()})
    metrics = {fold(m["metric"]): m["metric"] for m in catalogue.metrics()}

    def year(value) -> int:
        y = parse_integer(value)
        if not FIRST_YEAR <= y <= LAST_YEAR:
            raise ParseError(f"năm ngoài khoảng {FIRST_YEAR}-{LAST_YEAR}", f"year outside {FIRST_YEAR}-{LAST_YEAR}",
                             "bad_year")
        return y

    def members(value) -> int:
        n = parse_integer(value)
        if n < 1:
            raise ParseError("số nhân khẩu phải từ 1 trở lên", "members must be at least 1", "bad_members")
        return n

    def count(value) -> int:
        n = parse_integer(value)
        if n < 0:
            raise ParseError("không được âm", "must not be negative", "bad_count")
        return n

    def standard(value) -> str:
        text = str(value).strip().replace("–", "-")
        text = catalogue.renamed_standards().get(text, text)  # "2026-2030", as the standard was first called
        if text not in catalogue.standards():
            raise ParseError("chuẩn nghèo không có trong danh mục", "unknown poverty standard", "bad_standard")
        return text

    def text(value) -> str | None:
        t = str(value).strip()
        return t or None

    return {
        "year": year,
        "code2": lambda v: parse_code(v, 2),
        "code3": lambda v: parse_code(v, 3),
        "code5": lambda v: parse_code(v, 5),
        "area": lambda v: parse_code(v, len(str(v).strip()) if len(str(v).strip()) in (2, 3, 5) else 5),
        "text": text,
        "integer": members,
        "count": count,
        "number": parse_number,
        "boolean": parse_boolean,
        "area_type": _lookup(AREA_TYPES, "khu vực phải là Nông thôn hoặc Thành thị", "area type must be rural or urban",
                             "bad_area_type"),
        "classification": _lookup(CLASSES, "phân loại hộ không hợp lệ (Hộ nghèo, Hộ cận nghèo, ...)",
                                  "invalid classification (ngheo, can_ngheo, trung_binh, khong)", "bad_class"),
        "standard": standard,
        "causes": parse_causes,
        "ethnicity": ethnicity,
        "support_type": _lookup(support, "loại hỗ trợ không có trong danh mục", "unknown support type",
                                "bad_support_type"),
        "metric": _lookup(metrics, "chỉ tiêu không có trong danh mục", "unknown metric", "bad_metric"),
    }


# -- validation ---------------------------------------------------------------------------------------

class _Checker:
    def __init__(self, prepared: Prepared, rownums: pd.Series):
        self.p = prepared
        self.rownums = rownums

    def rows(self, mask: pd.Series, column: str | None, values: pd.Series | None, vi: str, en: str, code: str,
             into: list[Problem] | None = None):
        """One problem (or warning, with `into`) per row of `mask`, with the file's own column header."""
        header = self.p.columns.get(column, column) if column else None
        target = self.p.problems if into is None else into
        for index in mask[mask].index:
            value = None if values is None else values.loc[index]
            target.append(Problem(int(self.rownums.loc[index]), header, None if value is None else str(value),
                                  vi, en, code))

    def warn(self, mask: pd.Series, column: str | None, values: pd.Series | None, vi: str, en: str, code: str):
        self.rows(mask, column, values, vi, en, code, into=self.p.warnings)


def _file_problem(prepared: Prepared, vi: str, en: str, code: str, column: str | None = None) -> Prepared:
    prepared.problems.append(Problem(None, column, None, vi, en, code))
    return prepared


def prepare(con: duckdb.DuckDBPyConnection, kind: str, data: bytes, file_name: str,
            year: int | None = None, allowed: dict[str, set[str]] | None = None, allow_move: bool = False) -> Prepared:
    """Read and validate a file; nothing is written. `prepared.problems` lists everything wrong.

    `allowed` (code list -> unit codes) restricts the rows to an account's area: a commune officer imports
    only for their commune. A household belongs to one commune per review: a row that would move a household
    recorded in another commune is refused, unless `allow_move` (an administrator's explicit choice)."""
    if kind not in KEYS:
        raise ValueError(f"unknown import kind {kind!r}")
    prepared = Prepared(kind, Path(file_name).name, hashlib.sha256(data).hexdigest())
    try:
        rows = read_rows(data, file_name)
    except ParseError as error:
        return _file_problem(prepared, error.vi, error.en, error.code)
    if not rows:
        return _file_problem(prepared, "tệp trống", "the file is empty", "empty")
    aliases = _aliases(kind)
    header_index = _find_header(rows, aliases)
    if header_index is None:
        return _file_problem(prepared, "không tìm thấy dòng tiêu đề cột", "no header row found", "no_header")
    header_row, header = rows[header_index]
    prepared.header_row = header_row
    positions: dict[str, int] = {}
    for position, cell in enumerate(header):
        canonical = aliases.get(fold(cell))
        if canonical and canonical not in positions:
            positions[canonical] = position
            prepared.columns[canonical] = str(cell).strip()
        elif str(cell).strip():
            prepared.extra_columns.append(str(cell).strip())
    body = rows[header_index + 1:]
    prepared.rows_in_file = len(body)
    if not body:
        return _file_problem(prepared, "tệp không có dòng dữ liệu", "the file has no data rows", "empty")
    width = max(len(cells) for _, cells in body)
    raw = pd.DataFrame([cells + [""] * (width - len(cells)) for _, cells in body], dtype=object)
    rownums = pd.Series([n for n, _ in body])
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
        parsed, errors = {}, {}
        for value in pd.unique(values):
            try:
                parsed[value] = None if (spec.type not in ("boolean",) and str(value).strip() == "") else parser(value)
            except ParseError as error:
                errors[value] = error
        for value, error in errors.items():
            check.rows(values == value, canonical, values, error.vi, error.en, error.code)
        frame[spec.db_column] = values.map(parsed)
        _check_range(spec, frame[spec.db_column], values, check)
        if spec.required:
            blank = values.map(lambda v: str(v).strip() == "")
            check.rows(blank, canonical, None, f"thiếu giá trị bắt buộc ({spec.label_vi})",
                       f"required value missing ({spec.alias_en})", "missing_value")
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


def _check_range(spec: catalogue.ImportColumn, parsed: pd.Series, raw: pd.Series, check: _Checker) -> None:
    """The column's bounds from the catalogue: numbers within min-max, texts no longer than max characters."""
    if spec.min is None and spec.max is None:
        return
    if spec.type == "text":
        too_long = parsed.map(lambda v: isinstance(v, str) and len(v) > spec.max)
        check.rows(too_long, spec.canonical, raw.map(lambda v: str(v)[:40] + "…"),
                   f"dài quá {spec.max:.0f} ký tự", f"longer than {spec.max:.0f} characters", "too_long")
        return
    numbers = pd.to_numeric(parsed, errors="coerce")
    outside = numbers.notna() & ((numbers < (spec.min if spec.min is not None else -math.inf))
                                 | (numbers > (spec.max if spec.max is not None else math.inf)))
    bounds = f"{fmt_bound(spec.min)}-{fmt_bound(spec.max)}"
    check.rows(outside, spec.canonical, raw, f"ngoài khoảng cho phép ({bounds})", f"outside the allowed range ({bounds})",
               "out_of_range")


def fmt_bound(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}".replace(",", ".")


def _check_target_ranges(frame: pd.DataFrame, check: _Checker) -> None:
    """A target and its actual within the range of the metric's unit (a share 0-100, a cut in points ±100...)."""
    bounds = {m["metric"]: (float(m["min"]), float(m["max"])) for m in catalogue.metrics()}
    for column, canonical in (("target", "gia_tri"), ("actual", "thuc_hien")):
        if column not in frame:
            continue
        low = frame.metric.map(lambda m: bounds.get(m, (-math.inf, math.inf))[0])
        high = frame.metric.map(lambda m: bounds.get(m, (-math.inf, math.inf))[1])
        values = pd.to_numeric(frame[column], errors="coerce")
        check.rows(values.notna() & ((values < low) | (values > high)), canonical, frame[column],
                   "ngoài khoảng của đơn vị tính chỉ tiêu", "outside the range of the metric's unit", "out_of_range")


def _check_unlocked(con, frame: pd.DataFrame, check: _Checker) -> None:
    """An approved commune-review is locked (giamngheo.review): rows for it, or moving a household out of it, are
    refused, naming the recognition decision, until an administrator reopens it."""
    if not {"review_year", "commune_code"} <= set(frame.columns):
        return
    decisions = review.locked(con, frame)
    for text in decisions.dropna().unique():
        check.rows(decisions == text, "ma_xa", frame.commune_code,
                   f"kết quả rà soát của xã đã được phê duyệt ({text}): quản trị viên mở lại trước khi nhập",
                   f"the commune's review is approved ({text}): an administrator reopens it before anything is "
                   "imported", "approved")


def _check_moves(con, frame: pd.DataFrame, check: _Checker, allow_move: bool) -> None:
    """A household belongs to one commune per review: a row whose household code is already recorded in
    another commune of that review would move it and overwrite that commune's record (a commune officer could
    take over a neighbour's household). Refused, without naming the other commune or its figures, unless an
    administrator allows moves; the moves are then counted and logged."""
    if not {"review_year", "household_id", "commune_code"} <= set(frame.columns):
        return
    held = con.execute("select review_year, household_id, commune_code as held_in from households "
                       "where household_id in (select unnest(?))", [frame.household_id.dropna().unique().tolist()]).df()
    if held.empty:
        return
    incoming = frame[["review_year", "household_id", "commune_code"]].reset_index()
    incoming["review_year"] = pd.to_numeric(incoming.review_year, errors="coerce").astype("Int64")
    held["review_year"] = held.review_year.astype("Int64")
    joined = incoming.merge(held, how="inner", on=["review_year", "household_id"])
    moved = joined[joined.held_in != joined.commune_code].set_index("index").index
    mask = pd.Series(frame.index.isin(moved), index=frame.index)
    if allow_move:
        check.p.moves = int(mask.sum())
        return
    check.rows(mask, "ma_ho", frame.household_id,
               "mã hộ đã được ghi ở một xã khác trong kỳ rà soát này; chỉ quản trị viên mới chuyển được hộ giữa các xã",
               "this household code is recorded in another commune at this review; only an administrator may move "
               "a household between communes", "held_elsewhere")


def _code_lists(con) -> pd.DataFrame:
    return con.execute("select code_list, first_review_year, last_review_year from code_lists "
                       "where first_review_year is not null").df()


def _check_units(con, kind: str, frame: pd.DataFrame, check: _Checker) -> None:
    """Codes must exist in the code list in force at the review; province and district come from it."""
    if "review_year" not in frame:
        return
    lists = _code_lists(con)
    by_year = {y: next((r.code_list for r in lists.itertuples() if r.first_review_year <= y <= r.last_review_year), None)
               for y in frame.review_year.dropna().unique()}
    frame["code_list"] = frame.review_year.map(by_year)
    column = "commune_code" if "commune_code" in frame else "area_code" if "area_code" in frame else None
    if column is None:
        return
    units = con.execute("select code_list, code, level, province_code, district_code from admin_units").df()
    frame[column] = [COMMUNE_ALIASES.get((cl, c), c) for cl, c in zip(frame.code_list, frame[column])]
    levels = ("commune",) if column == "commune_code" else ("province", "district", "commune")
    known = units[units.level.isin(levels)].set_index(["code_list", "code"])
    index = pd.MultiIndex.from_arrays([frame.code_list, frame[column]])
    found = index.isin(known.index)
    canonical = "ma_xa" if column == "commune_code" else "ma_dv"
    missing = ~found & frame[column].notna() & frame.code_list.notna()  # a year that did not parse is said once
    check.rows(pd.Series(missing, index=frame.index), canonical, frame[column],
               "mã không có trong danh mục đơn vị hành chính của năm rà soát",
               "code not in the administrative code list of that review year", "unknown_code")
    if column != "commune_code":
        return
    lookup = known[~known.index.duplicated()].reindex(index)
    for col, canonical in (("province_code", "ma_tinh"), ("district_code", "ma_huyen")):
        derived = pd.Series(lookup[col].to_numpy(), index=frame.index)
        if col in frame:
            wrong = found & frame[col].notna() & (frame[col] != derived)
            check.rows(pd.Series(wrong, index=frame.index), canonical, frame[col],
                       "không khớp với mã xã", "does not match the commune code", "code_mismatch")
        frame[col] = derived.where(pd.notna(derived), None)


def _check_allowed(con, kind: str, frame: pd.DataFrame, check: _Checker, allowed: dict[str, set[str]]) -> None:
    if kind == "support":  # a support row names a household: the household's commune decides
        communes = con.execute("select review_year, household_id, code_list, commune_code from households").df()
        place = frame[["review_year", "household_id"]].merge(communes, how="left", on=["review_year", "household_id"])
        codes, lists, column = place.commune_code.to_numpy(), place.code_list.to_numpy(), "ma_ho"
        shown = frame.household_id
    else:
        name = "commune_code" if kind in ("households", "population") else "area_code"
        codes, lists, shown = frame[name].to_numpy(), frame.code_list.to_numpy(), frame[name]
        column = "ma_xa" if name == "commune_code" else "ma_dv"
    outside = pd.Series([isinstance(code, str) and code not in allowed.get(code_list, set())
                         for code, code_list in zip(codes, lists)], index=frame.index)
    check.rows(outside, column, shown, "ngoài địa bàn được giao cho tài khoản", "outside the account's area",
               "outside_area")


def _check_households(frame: pd.DataFrame, check: _Checker, positions: dict[str, int]) -> None:
    by_year = {}
    for y in frame.review_year.dropna().unique():
        with contextlib.suppress(KeyError):  # a review year no decreed standard covers: refused below
            by_year[y] = catalogue.standard_for_year(int(y))
    default = frame.review_year.map(lambda y: by_year[y].standard if y in by_year else None)
    check.rows(frame.review_year.notna() & default.isna(), "nam_ra_soat", frame.review_year,
               "chưa có chuẩn nghèo cho năm rà soát này (danh mục chuẩn nghèo)",
               "no poverty standard covers that review year (standards catalogue)", "no_standard")
    if "standard" in frame:
        wrong = frame.standard.notna() & default.notna() & (frame.standard != default)
        check.rows(wrong, "chuan_ngheo", frame.standard, "chuẩn nghèo không áp dụng cho năm rà soát này",
                   "the standard does not apply to that review year", "bad_standard")
        frame["standard"] = frame.standard.fillna(default)
    else:
        frame["standard"] = default
    if "ethnicity" in frame:  # the ethnic-minority flag follows from the group; a file saying otherwise is warned
        minority = {e["code"]: e["minority"] == "true" for e in catalogue.ethnicities()}
        implied = frame.ethnicity.map(minority)
        if "dan_toc_thieu_so" in positions:
            # Set for a Kinh head: a contradiction. Blank (false) for a minority group: the flag simply follows.
            contradicts = (implied == False) & frame.dan_toc_thieu_so.fillna(False).astype(bool)  # noqa: E712
            check.warn(contradicts, "dan_toc_thieu_so", frame.dan_toc_thieu_so,
                       "hộ dân tộc Kinh được đánh dấu dân tộc thiểu số; lấy theo cột dân tộc",
                       "a Kinh household is marked ethnic minority; the ethnicity column is kept", "ethnicity_flag")
        frame["dan_toc_thieu_so"] = implied.where(implied.notna(), frame.get("dan_toc_thieu_so"))
    for group in catalogue.group_columns():
        frame[group] = frame[group].fillna(False) if group in frame else False
    listed = frame.classification.isin(["ngheo", "can_ngheo"])
    counts = pd.Series(0, index=frame.index)
    for flag in catalogue.all_flags():
        if flag in frame:
            frame[flag] = frame[flag].astype(object)
    for standard in [s for s in frame.standard.unique() if isinstance(s, str)]:
        rows = frame.standard == standard
        own = [i.flag for i in catalogue.indicators(standard)]
        for flag in own:
            if flag not in positions:
                affected = rows & listed
                if affected.any():
                    first = int(check.rownums[affected].iloc[0])
                    check.p.problems.append(Problem(
                        None, flag, None,
                        f"thiếu cột chỉ số thiếu hụt (bắt buộc với hộ nghèo, cận nghèo theo chuẩn {standard}; "
                        f"{int(affected.sum())} dòng, dòng đầu tiên {first})",
                        f"missing deprivation column (required for poor and near-poor rows of the {standard} "
                        f"standard; {int(affected.sum())} rows, first row {first})", "missing_column"))
                continue
            counts[rows] += frame.loc[rows, flag].fillna(False).astype(int)
        for flag in catalogue.all_flags():
            if flag not in own and flag in frame:
                stray = rows & frame[flag].fillna(False).astype(bool)
                check.rows(stray, flag, None, f"không phải chỉ số của chuẩn {standard}",
                           f"not an indicator of the {standard} standard", "bad_indicator")
                frame.loc[rows, flag] = None
            elif flag in frame:
                frame.loc[rows & ~listed, flag] = frame.loc[rows & ~listed, flag].where(
                    frame.loc[rows & ~listed, flag].astype(bool), None)
    frame["deprivation_count"] = counts
    for standard in [s for s in frame.standard.unique() if isinstance(s, str)]:
        rule = catalogue.standards()[standard]  # its cut-off: data/catalogue/standards.csv
        if rule.rule != "income_and_deprivation":
            continue
        few = (frame.standard == standard) & (frame.classification == "ngheo") & (counts < rule.deprivation_cutoff)
        check.rows(few, "phan_loai", frame.classification,
                   f"hộ nghèo phải thiếu hụt từ {rule.deprivation_cutoff} chỉ số trở lên",
                   f"a poor household must have at least {rule.deprivation_cutoff} deprivations", "too_few_deprivations")
    if "income_per_capita" in frame:
        frame["expected_class"] = None
        income = pd.to_numeric(frame.income_per_capita)
        for standard in [s for s in frame.standard.unique() if isinstance(s, str)]:
            rows = (frame.standard == standard) & income.notna() & frame.area_type.isin(["nong_thon", "thanh_thi"])
            frame.loc[rows, "expected_class"] = catalogue.standards()[standard].classify_many(
                frame.area_type[rows].to_numpy(), income[rows].to_numpy(), frame.deprivation_count[rows].to_numpy())
        disagree = frame.expected_class.notna() & (frame.expected_class != frame.classification)
        check.warn(disagree, "phan_loai", frame.classification,
                   "phân loại khác với kết quả theo chuẩn (thu nhập và số chỉ số thiếu hụt)",
                   "classification differs from the standard's rule (income and deprivations)", "class_rule")
        income = pd.to_numeric(frame.income_per_capita).round()
        # out of range rows are refused (_check_range); an integer column cannot hold 1e30 meanwhile
        frame["income_per_capita"] = income.where(income.abs() < 2 ** 62).astype("Int64")


def _check_support(con, frame: pd.DataFrame, check: _Checker) -> None:
    known = con.execute("select review_year, household_id from households").df()
    index = pd.MultiIndex.from_arrays([frame.review_year, frame.household_id])
    missing = ~index.isin(pd.MultiIndex.from_frame(known)) & frame.household_id.notna()
    check.rows(pd.Series(missing, index=frame.index), "ma_ho", frame.household_id,
               "không có hộ này trong kết quả rà soát năm đó", "no such household in that year's review",
               "unknown_household")


def _warn_population(con, frame: pd.DataFrame, check: _Checker) -> None:
    reviewed = con.execute("select review_year, commune_code, count(*) as n from households group by all").df()
    merged = frame.merge(reviewed, on=["review_year", "commune_code"], how="left")
    over = pd.Series((merged.n.fillna(0) > merged.total_households).to_numpy(), index=frame.index)
    check.warn(over, "tong_so_ho", frame.total_households,
               "ít hơn số hộ đã được rà soát của xã", "fewer than the commune's reviewed households", "population_low")


# -- writing ------------------------------------------------------------------------------------------

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
    table_columns = [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = ? order by ordinal_position", [kind]
    ).fetchall()]
    columns = [c for c in table_columns if c in prepared.frame.columns and c != "import_id"]
    keys = list(KEYS[kind])
    stage = prepared.frame[columns].copy()
    con.execute("begin")
    try:
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
        con.execute(
            "insert into imports values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, false)",
            [import_id, kind, prepared.file_name, prepared.sha256, datetime.now().replace(microsecond=0), user,
             prepared.rows_in_file, inserted, replaced, unchanged, f"{len(prepared.warnings)} warnings"],
        )
        con.execute("drop table stage")
        con.execute("drop table matched")
        auth.audit(con, user, "import", f"{kind} {prepared.file_name} {prepared.sha256[:12]} +{inserted} ~{replaced}"
                   + (f" moved {prepared.moves} households between communes" if prepared.moves else ""))
        if kind in ("households", "population"):
            from giamngheo import db

            db.refresh_aggregates(con)
        con.execute("commit")
    except BaseException:
        _rollback(con)
        raise
    return Result(import_id, "accepted", prepared.rows_in_file, inserted, replaced, unchanged)


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, unless the failure was the commit itself, which has ended the transaction already."""
    try:
        con.execute("rollback")
    except duckdb.TransactionException:
        pass


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
