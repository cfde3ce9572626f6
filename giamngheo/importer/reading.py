"""Reading a file as its user wrote it: CSV in any of the encodings Excel writes, or the first sheet of a workbook
streamed within bounds; finding the header row among title rows."""

from __future__ import annotations

import csv
import io
import re
import time
import unicodedata
import zipfile


from giamngheo import catalogue
from giamngheo.importer.problems import ParseError

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


def fold(text) -> str:
    """Lower case, no diacritics, no spaces or punctuation: 'Mã xã' -> 'maxa', 'Đô thị' -> 'dothi'."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text.lower())



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
            if "".join(cells).strip():  # a row with a cell that is not blank
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

