"""Excel workbooks the meetings need, written with openpyxl: the scorecard (more in `export xlsx`)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from giamngheo import fmt

STATUS_FILLS = {"green": "CDEBDD", "amber": "FBE3B3", "red": "F6CFC0", "none": "FFFFFF"}
STATUS_WORDS = {
    "vi": {"green": "Đạt", "amber": "Gần đạt", "red": "Chưa đạt", "none": "Chưa có số liệu"},
    "en": {"green": "Met", "amber": "Nearly met", "red": "Not met", "none": "No data"},
}
HEADERS = {
    "vi": ["Mã", "Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu giao", "Thực hiện", "Chênh lệch", "Đánh giá",
           "Kỳ trước", "Ghi chú"],
    "en": ["Code", "Area", "Metric", "Unit", "Target", "Actual", "Gap", "Status", "Previous review", "Note"],
}


def scorecard_sheet(book: Workbook, frame: pd.DataFrame, title: str, lang: str = "vi") -> None:
    sheet = book.create_sheet("Chỉ tiêu" if lang == "vi" else "Targets")
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(HEADERS[lang])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r in frame.itertuples():
        sheet.append([r.area_code, r.area_name, getattr(r, f"label_{lang}"), r.unit, r.target, r.actual, r.gap,
                      STATUS_WORDS[lang][r.status], r.previous_actual, r.note])
        row = sheet.max_row
        sheet.cell(row, 8).fill = PatternFill("solid", fgColor=STATUS_FILLS[r.status])
        for col in (5, 6, 7, 9):
            sheet.cell(row, col).number_format = "#,##0.00"
    for i, width in enumerate([8, 26, 34, 11, 12, 12, 12, 16, 12, 40], start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "C4"


def scorecard_workbook(frame: pd.DataFrame, title: str, lang: str = "vi") -> bytes:
    book = Workbook()
    book.remove(book.active)
    scorecard_sheet(book, frame, title, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def value_text(value, unit: str, lang: str = "vi") -> str:
    """A target or actual as leaders read it: '0,50 điểm %', '95,0%', '14'."""
    if value is None or pd.isna(value):
        return "–"
    if unit == "pp":
        return fmt.number(value, 2, lang) + (" điểm %" if lang == "vi" else " pp")
    if unit == "pct":
        return fmt.pct(value, 2 if abs(value) < 10 else 1, lang)
    return fmt.count(value, lang)
