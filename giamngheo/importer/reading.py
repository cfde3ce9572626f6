"""Reading a file as its user wrote it: CSV in any of the encodings Excel writes, or the first sheet of a workbook
streamed within bounds; finding the header row among title rows."""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from giamngheo import catalogue
from giamngheo.importer.problems import ParseError

HEADER_SEARCH_ROWS = 30
HEAD_CHARACTERS = 1_000_000  # where the header is looked for, unless 30 rows are longer
PREVIEW_ROWS = 10

# What a workbook may hold, checked before and while it is read, so that a hostile file (a dimension of a
# million rows by 16.384 columns in 5 KB; 830 KB that unpacks to 340 MB) is refused in seconds, with its memory
# bounded, instead of slowing every other user's pages for minutes.
MAX_ROWS = 1_048_576          # Excel's own limit
MAX_COLUMNS = 200             # the households format has about 40
MAX_UNPACKED_BYTES = 2 * 1024 ** 3
MAX_PACKING_RATIO = 100       # a workbook of text and numbers packs 5-20 times; a zip bomb, hundreds
MAX_SHARED_STRINGS_BYTES = 512 * 1024 ** 2
MIN_RECTANGLE_CELLS = 16_000_000  # a sheet's rectangle of cells may be as large as its XML in bytes, or this


def fold(text) -> str:
    """Lower case, no diacritics, no spaces or punctuation: 'Mã xã' -> 'maxa', 'Đô thị' -> 'dothi'."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text.lower())



def _decode(data: bytes) -> str:
    """The text as written, not yet composed: Windows writes Vietnamese CSV in Windows-1258, with combining tone
    marks, which the readers compose (NFC)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258")


def _too_large(vi: str, en: str) -> ParseError:
    return ParseError(f"tệp Excel vượt giới hạn: {vi}", f"the workbook exceeds a limit: {en}", "too_large")


def _check_workbook(data: bytes) -> None:
    """Refuse a workbook by what it declares and by where its cells lie, before a sheet is parsed."""
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
            _check_sheet(archive, entry)


def _check_sheet(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """A sheet is held whole while it is read, as the rectangle from its first cell to its last: its declared
    dimension is bounded, then its XML is scanned (not parsed) for the rows and columns its cells use, and a
    rectangle larger than the XML holding it (a cell at GR1000000 in a file of 5 KB) is refused."""
    from openpyxl.utils import column_index_from_string

    with archive.open(entry) as sheet:
        head = sheet.read(4096).decode("utf-8", errors="replace")
    declared = re.search(r'<(?:\w+:)?dimension ref="[A-Z]+(\d+)(?::([A-Z]+)(\d+))?"', head)
    width = None
    if declared and declared.group(2):
        rows, width = int(declared.group(3)), column_index_from_string(declared.group(2))
        if rows > MAX_ROWS or width > MAX_COLUMNS:
            raise _too_large(f"khai báo {rows} dòng × {width} cột (tối đa {MAX_COLUMNS} cột)",
                             f"declares {rows} rows × {width} columns (at most {MAX_COLUMNS} columns)")
    rows, columns = _scan_sheet(archive, entry, width)
    if columns is None:  # a cell beyond the declared width: every cell's column read
        rows, columns = _scan_sheet(archive, entry, None)
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise _too_large(f"có ô ở dòng {rows}, cột {columns}", f"a cell at row {rows}, column {columns}")
    if rows * columns > max(entry.file_size, MIN_RECTANGLE_CELLS):
        raise _too_large(f"vùng {rows} dòng × {columns} cột trong {entry.file_size // 1024} KB",
                         f"a range of {rows} rows × {columns} columns in {entry.file_size // 1024} KB")


SCAN_BYTES = 4 * 1024 ** 2
ROW_NUMBER = re.compile(rb'row r="(\d+)"')
CELL_ROW = re.compile(rb'c r="[A-Z]+(\d+)"')
TWO_LETTERS = re.compile(rb'c r="([A-Z]{2,})\d')


def _scan_sheet(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, width: int | None) -> tuple[int, int | None]:
    """(last row, last column) that the sheet's cells use. With a declared `width`, only a cell beyond it is looked
    for (an Excel file has none: the column is then None if one is found); without, every column is read, those of
    two letters or more by a pattern, those of one letter by looking for each letter from Z down."""
    from openpyxl.utils import column_index_from_string

    beyond = None if width is None else re.compile(b'c r="(?:%s)\\d' % _letters_after(width).encode())
    rows, columns, tail = 0, width or 0, b""
    with archive.open(entry) as sheet:
        while chunk := sheet.read(SCAN_BYTES):
            text = tail + chunk
            if beyond is not None and beyond.search(text):
                return rows, None
            if beyond is None:
                two = TWO_LETTERS.findall(text)
                if two:
                    columns = max(columns, *(column_index_from_string(c.decode()) for c in set(two)))
                elif columns < 26:
                    found = next((n for n in range(26, columns, -1) if b'c r="%c' % (64 + n) in text), columns)
                    columns = max(columns, found)
            rows = max([rows, *map(int, ROW_NUMBER.findall(text))])
            if re.search(rb'c r="[A-Z]+\d{%d}' % (len(str(rows)) + 1), text):  # a cell numbered past its row
                rows = max(rows, *map(int, CELL_ROW.findall(text)))
            tail = text[-64:]
    return rows, columns


def _letters_after(width: int) -> str:
    """A pattern for the column letters after column `width` (at most ZZ)."""
    from openpyxl.utils import get_column_letter

    name = get_column_letter(width)
    first, last = ("", name) if len(name) == 1 else tuple(name)
    after = ["[A-Z]{3,}"] + (["[A-Z]{2}"] if not first else [])
    if last != "Z":
        after.append(f"{first}[{chr(ord(last) + 1)}-Z]")
    if first and first != "Z":
        after.append(f"[{chr(ord(first) + 1)}-Z][A-Z]")
    return "|".join(after)


def _read_workbook(data: bytes) -> list[tuple[int, list]]:
    """The first sheet's rows that are not blank, as (row number as Excel shows it, cells), read by python-calamine
    once the file has passed _check_workbook; the rows and columns are bounded while they are turned into Python."""
    import python_calamine

    _check_workbook(data)
    try:
        sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    except (python_calamine.CalamineError, IndexError, OSError, ValueError) as error:
        raise ParseError("không đọc được tệp Excel", f"unreadable Excel file ({error})", "unreadable") from error
    if sheet.height > MAX_ROWS or sheet.width > MAX_COLUMNS:
        raise _too_large(f"quá {MAX_ROWS} dòng hoặc {MAX_COLUMNS} cột",
                         f"over {MAX_ROWS} rows or {MAX_COLUMNS} columns")
    first_row = sheet.start[0] + 1 if sheet.start else 1
    return [(number, cells) for number, cells in enumerate(sheet.iter_rows(), start=first_row)
            if not all(map(_blank, cells))]


def _csv_text(data: bytes) -> str:
    try:
        text = _decode(data)
    except UnicodeDecodeError as error:
        raise ParseError("không đọc được mã ký tự của tệp", "unreadable text encoding", "unreadable") from error
    if "\x00" in text:
        raise ParseError("tệp không phải CSV hay XLSX", "not a CSV or XLSX file", "unreadable")
    return text


def _is_workbook(data: bytes, file_name: str) -> bool:
    return file_name.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK"


def _delimiter(text: str) -> str:
    sample = "\n".join(text[:100_000].splitlines()[:HEADER_SEARCH_ROWS])
    return max(",;\t", key=sample.count)


def _csv_records(text: str, delimiter: str):
    """(line number of the record's last line, characters read up to its end, cells) of each record that is not
    blank, as Excel numbers the lines."""
    consumed = 0

    def lines():
        nonlocal consumed
        for line in io.StringIO(text, newline=""):
            consumed += len(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        for cells in reader:
            if not all(map(_blank, cells)):
                yield reader.line_num, consumed, cells
    except csv.Error as error:
        raise ParseError("tệp CSV hỏng", f"malformed CSV ({error})", "unreadable") from error


def read_rows(data: bytes, file_name: str) -> list[tuple[int, list]]:
    """The file's rows as (row number as Excel shows it, cells). XLSX cells keep their types."""
    if _is_workbook(data, file_name):
        return _read_workbook(data)
    text = unicodedata.normalize("NFC", _csv_text(data))
    return [(number, cells) for number, _, cells in _csv_records(text, _delimiter(text))]


@dataclass
class Sheet:
    """A file's header row and the rows below it: one column per position (strings for a CSV, the cells' own types
    for a workbook), blank rows left out, each row's number as Excel shows it."""
    header_row: int
    header: list
    body: pd.DataFrame
    rownums: pd.Series


def read_sheet(data: bytes, file_name: str, aliases: dict[str, str]) -> Sheet:
    """Find the header among the first rows (title rows above it are skipped), then read the rows below it.

    A CSV's body is read by Arrow's CSV reader when each of its lines is one record of the header's width (an Excel
    export): the line numbers are then the records' own. Anything else (a blank line, a line break inside a
    quoted cell, a short or long row) is read by Python's csv module, record by record, as the head is."""
    if _is_workbook(data, file_name):
        rows = _read_workbook(data)
        header = _find_header(rows, aliases)
        return _sheet(rows[header][0], rows[header][1], rows[header + 1:])
    text = _csv_text(data)
    delimiter = _delimiter(text)
    head = []
    for record in _csv_records(text[:HEAD_CHARACTERS], delimiter):
        head.append(record)
        if len(head) == HEADER_SEARCH_ROWS:
            break
    if len(text) > HEAD_CHARACTERS and (len(head) < HEADER_SEARCH_ROWS or head[-1][1] >= HEAD_CHARACTERS):
        # the last record read may have been cut: read the first rows from the whole text
        head = list(itertools.islice(_csv_records(text, delimiter), HEADER_SEARCH_ROWS))
    header_row, offset, header = head[_find_header([(number, cells) for number, _, cells in head], aliases)]
    header = [unicodedata.normalize("NFC", c) for c in header]
    encoded = text.encode("utf-8")
    body = _arrow_body(encoded, len(text[:offset].encode("utf-8")), delimiter, len(header), header_row)
    if body is not None:
        return Sheet(header_row, header, *body)
    return _sheet(header_row, header,
                  [(header_row + number, cells) for number, _, cells in _csv_records(text[offset:], delimiter)])


def _distinct(column: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """A dictionary column as (each row's value number, the distinct values composed (NFC)): a province's file
    holds a few hundred distinct values in half a million rows of most columns, and each is then composed, parsed
    and checked once."""
    encoded = column.combine_chunks()
    numbers, values = encoded.indices.to_numpy(), encoded.dictionary
    if not pc.all(pc.string_is_ascii(values)).as_py():
        composed = pc.dictionary_encode(pc.utf8_normalize(values, "NFC"))  # two spellings may compose alike
        numbers, values = composed.indices.to_numpy()[numbers], composed.dictionary
    return numbers, values.to_pylist()


def _sheet(header_row: int, header: list, rows: list[tuple[int, list]]) -> Sheet:
    """A sheet from rows of cells (a workbook's, or a CSV's read by the csv module), each column's distinct values
    made alike (_cell) once."""
    width = max([len(header), *(len(cells) for _, cells in rows)])
    grid = pd.DataFrame([cells if len(cells) == width else cells + [""] * (width - len(cells)) for _, cells in rows],
                        columns=range(width), dtype=object)
    body = {}
    for position in range(width):
        numbers, values = pd.factorize(grid[position].to_numpy(), use_na_sentinel=False)
        alike, values = pd.factorize(pd.Index([_cell(v) for v in values], dtype=object), use_na_sentinel=False)
        body[position] = _column(alike[numbers], values)
    return Sheet(header_row, [_cell(c) for c in header], pd.DataFrame(body, index=range(len(rows))),
                 pd.Series([n for n, _ in rows], dtype="int64"))


def _blank(value) -> bool:
    """An empty cell, or one of spaces only: a row of them is left out."""
    return value == "" or (isinstance(value, str) and value.isspace())


def _column(numbers: np.ndarray, values) -> pd.Categorical:
    """A body column from each row's value number and the distinct values."""
    return pd.Categorical.from_codes(numbers, pd.Index(values, dtype=object), validate=False)


def _cell(value):
    """A cell as the parsers take it: text composed (NFC), a whole number as an integer (a workbook stores 2022 as
    2022.0), nothing as ''."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    return value


def _arrow_body(encoded: bytes, start: int, delimiter: str, width: int,
                header_row: int) -> tuple[pd.DataFrame, pd.Series] | None:
    """The body (UTF-8 from `start`) read by Arrow, composed (NFC) column by column, blank rows left out; None unless
    each line is one record of `width` cells."""
    if start >= len(encoded) or encoded.count(b"\r", start) != encoded.count(b"\r\n", start):
        return None
    lines = encoded.count(b"\n", start) + (0 if encoded.endswith(b"\n") else 1)
    irregular = []
    names = [str(i) for i in range(width)]
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(encoded)[start:]),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                              invalid_row_handler=lambda row: irregular.append(row) or "skip"),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.dictionary(pa.int32(), pa.string())),  # each value once
                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowInvalid:
        return None
    if irregular or table.num_rows != lines:
        return None
    columns = [_distinct(column) for column in table.unify_dictionaries().columns]
    filled = np.zeros(table.num_rows, dtype=bool)
    for numbers, values in columns:
        filled |= ~np.array([_blank(v) for v in values], dtype=bool)[numbers]
    kept = slice(None) if filled.all() else filled
    frame = pd.DataFrame({position: _column(numbers[kept], values)
                          for position, (numbers, values) in enumerate(columns)})
    return frame, pd.Series(np.flatnonzero(filled) + header_row + 1, dtype="int64")


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


def _find_header(rows: list[tuple[int, list]], aliases: dict[str, str]) -> int:
    """The index of the row naming the most known columns (two at least) among the first rows."""
    if not rows:
        raise ParseError("tệp trống", "the file is empty", "empty")
    best, best_score = None, 1
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = len({aliases[f] for f in (fold(c) for c in cells) if f in aliases})
        if score > best_score:
            best, best_score = index, score
    if best is None:
        raise ParseError("không tìm thấy dòng tiêu đề cột", "no header row found", "no_header")
    return best

