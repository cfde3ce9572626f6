"""How fast hostile workbooks are refused (hardening, item 3): a 5 KB workbook declaring 1.048.576 rows by
16.384 columns, and one of about 1 MB that unpacks to 340 MB. Each is imported by `giamngheo import` into a new
database; prints one JSON line with each run's exit code and seconds (starting the command included).

Usage: .venv/bin/python bench/hostile_files.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
         'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'spreadsheetml.worksheet+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>')
BOOK = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" '
        'sheetId="1" r:id="r1"/></sheets></workbook>')
BOOK_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
             'relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>nam_ra_soat</t></is></c><c r="B1" t="inlineStr"><is><t>ma_xa'
          '</t></is></c></row>')


def workbook(dimension: str, rows: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in (("[Content_Types].xml", TYPES), ("_rels/.rels", RELS), ("xl/workbook.xml", BOOK),
                           ("xl/_rels/workbook.xml.rels", BOOK_RELS)):
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats'
                   f'.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{HEADER}{rows}'
                   '</sheetData></worksheet>')
    return buffer.getvalue()


def run(path: Path, db: Path) -> dict:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "households", str(path), "--db", str(db)],
                         capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return {"exit": out.returncode, "seconds": round(seconds, 2),
            "message": out.stderr.strip().splitlines()[-1][:160] if out.stderr.strip() else ""}


def main() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        dimension = folder / "dimension.xlsx"
        dimension.write_bytes(workbook("A1:XFD1048576", '<row r="2"><c r="A2"><v>2022</v></c></row>'))
        bomb = folder / "bomb.xlsx"
        bomb.write_bytes(workbook("A1:B2", '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 7_000_000))
        result = {
            "dimension_bytes": dimension.stat().st_size, "dimension": run(dimension, folder / "a.duckdb"),
            "bomb_bytes": bomb.stat().st_size,
            "bomb_unpacked_mb": round(sum(i.file_size for i in zipfile.ZipFile(bomb).infolist()) / 1024 ** 2),
            "bomb": run(bomb, folder / "b.duckdb"),
        }
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
