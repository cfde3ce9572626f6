"""Excel workbooks the meetings need, written with openpyxl: the scorecard (more in `export xlsx`)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from giamngheo import catalogue, disclosure, fmt, i18n, scorecard

# A text that begins like this is a formula to Excel or LibreOffice when it opens a CSV, and "=" makes openpyxl
# write a formula: imported names, villages and notes must never run (=HYPERLINK(...)).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def literal(cell) -> None:
    """Keep a cell holding imported text as text in a workbook, whatever it begins with."""
    if isinstance(cell.value, str) and cell.data_type == "f":
        cell.data_type = "s"


def csv_text(value):
    """Imported text as a CSV cell that a spreadsheet opens as text: prefixed with ' if it begins like a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def frame_csv(frame: pd.DataFrame) -> bytes:
    """A table as CSV for Excel (UTF-8 with BOM), every text cell inert."""
    return frame.map(csv_text).to_csv(index=False).encode("utf-8-sig")


def frame_xlsx(frame: pd.DataFrame) -> bytes:
    """A table as a workbook, every text cell written as text."""
    book = Workbook()
    sheet = book.active
    sheet.append([str(c) for c in frame.columns])
    for values in frame.itertuples(index=False):
        sheet.append([None if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in values])
        for cell in sheet[sheet.max_row]:
            literal(cell)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


STATUS_FILLS = {"green": "CDEBDD", "amber": "FBE3B3", "red": "F6CFC0", "none": "FFFFFF", "baseline": "E8E8E8"}
STATUS_WORDS = {
    "vi": {"green": "Đạt", "amber": "Gần đạt", "red": "Chưa đạt", "none": "Chưa có số liệu",
           "baseline": "Năm đầu kỳ (chuẩn mới): chưa so sánh"},
    "en": {"green": "Met", "amber": "Nearly met", "red": "Not met", "none": "No data",
           "baseline": "Baseline (new standard): not compared"},
}
HEADERS = {
    "vi": ["Mã", "Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu giao", "Thực hiện", "Chênh lệch", "Đánh giá",
           "Kỳ trước", "Ghi chú"],
    "en": ["Code", "Area", "Metric", "Unit", "Target", "Actual", "Gap", "Status", "Previous review", "Note"],
}


def scorecard_sheet(book: Workbook, frame: pd.DataFrame, title: str, lang: str = "vi") -> None:
    sheet = book.create_sheet(i18n.text("targets_sheet", lang))
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
        literal(sheet.cell(row, 10))  # the note is imported text
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
        return fmt.number(value, 2, lang) + " " + i18n.text("points_unit", lang)
    if unit == "pct":
        return fmt.pct(value, 2 if abs(value) < 10 else 1, lang)
    return fmt.count(value, lang)


# -- the report workbook (giamngheo export xlsx) ---------------------------------------------------------

from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402

from giamngheo import forms as report_forms  # noqa: E402

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
SUBTOTAL = PatternFill("solid", fgColor="EDEDED")
FIRST_ROW = 6  # title, subtitle, note, headers, numbering


def _print_setup(sheet: Worksheet, header_rows: str, freeze: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows
    sheet.freeze_panes = freeze


def _sum_formula(form: report_forms.Form, column: str, row: report_forms.Row, at: dict[int, int]) -> str:
    """A subtotal's or total's formula over the rows it adds up: SUM over a range of unit rows (SUMIF on the
    Phân tổ column where a form has households and persons rows), else the cells added one by one."""
    if row.kind == "subtotal":
        parts = [r for r in row.members if r.split == row.split]
    else:
        subtotals = [r for r in form.rows if r.kind == "subtotal" and r.split == row.split]
        under = {id(m) for r in subtotals for m in r.members}
        parts = subtotals + [r for r in form.rows if r.kind == "unit" and r.split == row.split and id(r) not in under]
    rows = sorted(at[id(r)] for r in parts)
    if not rows:
        return "=0"
    first, last = rows[0], rows[-1]
    summed = {at[id(r)] for r in form.rows if r.kind in ("subtotal", "total", "area")}
    if all(r.kind == "unit" for r in parts) and not summed & set(range(first, last + 1)):
        if form.split:
            return f'=SUMIF($C${first}:$C${last},"{row.split}",{column}{first}:{column}{last})'
        return f"=SUM({column}{first}:{column}{last})"
    return "=" + "+".join(f"{column}{r}" for r in rows)


def form_sheet(book: Workbook, form: report_forms.Form, letters: dict[str, dict[str, str]]) -> None:
    """One form on its own sheet: counts as values, subtotals, totals, rates and identities as formulas."""
    sheet = book.create_sheet(form.sheet)
    first = form.first_column
    letter = {c.key: get_column_letter(first + i) for i, c in enumerate(form.columns)}
    letters[form.sheet] = letter
    sheet.append([f"Biểu {form.number:02d} ({form.code}). {form.title}"])
    sheet["A1"].font = TITLE
    sheet.append([form.subtitle])
    sheet.append([" ".join(n for n in form.notes if n) or None])
    sheet.append(form.headers())
    sheet.append(form.numbers())
    for r in (4, 5):
        for cell in sheet[r]:
            cell.font = BOLD
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[4].height = 60
    at = {id(row): FIRST_ROW + i for i, row in enumerate(form.rows)}
    for row in form.rows:
        n = at[id(row)]
        sheet.cell(n, 1, row.tt)
        literal(sheet.cell(n, 2, row.label))
        if form.split:
            sheet.cell(n, 3, row.split)
        if row.kind == "heading":
            sheet.cell(n, 2).font = BOLD
            continue
        for c in form.columns:
            col = letter[c.key]
            cell = sheet[f"{col}{n}"]
            value = row.values.get(c.key)
            if c.kind == "text":
                cell.value = value
                literal(cell)  # imported text (names, villages) never runs
            elif c.kind == "count" and c.source is not None:  # the same cell of the form it stands on
                cell.value = None if report_forms.missing(value) else f"='{c.source}'!{letters[c.source][c.key]}{n}"
            elif c.kind == "count" and row.kind in ("subtotal", "total") and c.key not in row.holes:
                cell.value = _sum_formula(form, col, row, at)
            elif c.kind == "rate" and not report_forms.missing(value):
                sheet_ref = f"'{c.source}'!" if c.source else ""
                cols = letters[c.source] if c.source else letter
                num, den = (f"{sheet_ref}{cols[k]}{n}" for k in c.ratio)
                scale = "" if c.scale == 1 else f"*{c.scale}"
                cell.value = f"=IF({den}=0,0,{num}/{den}{scale})"
            elif c.kind == "identity" and not any(report_forms.missing(row.values.get(k)) for k, _ in c.terms):
                cell.value = "=" + "".join(("" if i == 0 and s > 0 else ("+" if s > 0 else "-")) + f"{letter[k]}{n}"
                                           for i, (k, s) in enumerate(c.terms))
            else:
                cell.value = None if report_forms.missing(value) else value
            cell.number_format = c.format
        if row.kind in ("subtotal", "total", "area"):
            for cell in sheet[n]:
                cell.font = BOLD
                if row.kind == "subtotal":
                    cell.fill = SUBTOTAL
    if form.empty_note:
        sheet.cell(FIRST_ROW, 2, form.empty_note).font = Font(italic=True)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 30
    if form.split:
        sheet.column_dimensions["C"].width = 11
    for c in form.columns:
        sheet.column_dimensions[letter[c.key]].width = 22 if c.kind == "text" else 13
    _print_setup(sheet, "4:5", f"{get_column_letter(first)}{FIRST_ROW}")


def cover_sheet(book: Workbook, built: list[report_forms.Form], subtitle: str, standard: str) -> None:
    """The first sheet: what the workbook is, which circular its forms follow, and the list of forms."""
    sheet = book.create_sheet("Bia", 0)
    rule = catalogue.standards().get(standard)
    sheet.append(["BIỂU MẪU BÁO CÁO KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO"])
    sheet["A1"].font = TITLE
    sheet.append([subtitle])
    sheet.append([f"Chuẩn nghèo: {rule.label_vi if rule else standard} ({rule.legal_basis if rule else ''})"])
    sheet.append([f"Mẫu biểu: {rule.report_forms if rule else ''}"])
    sheet.append([i18n.text("forms_numbering_note", "vi")])
    sheet.append([])
    sheet.append(["Biểu", "Trang tính", "Tên biểu"])
    for cell in sheet[7]:
        cell.font = BOLD
    for form in built:
        sheet.append([f"{form.number:02d} ({form.code})", form.sheet, form.title])
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 110


def forms_workbook(con, area: str, year: int, lang: str = "vi", protect: bool = False, show_names: bool = False,
                   lists: bool = True, only: str | None = None, scorecard_sheet_too: bool = True) -> bytes:
    """The report set (forms R1-R15 after a cover sheet) or the one form `only`, and the scorecard.

    With `protect` (an account that sees protected counts), small counts are empty (giamngheo.disclosure), and a
    total or a rate that would be computed from an empty cell is the protected figure of its unit, or empty,
    rather than a formula that would mislead. Names of heads of household only with `show_names`."""
    built = report_forms.build(con, area, year, protect, show_names, lists, only)
    summary = disclosure.run(con, "summary", protect, area=area, year=year).iloc[0]
    subtitle = report_forms.subtitle(con, summary, year, lang)
    book = Workbook()
    book.remove(book.active)
    letters: dict[str, dict[str, str]] = {}
    for form in built:
        form_sheet(book, form, letters)
    cover_sheet(book, built, subtitle, summary.standard)
    if scorecard_sheet_too and only is None:
        try:
            card = scorecard.build(con, area, year)
            card = disclosure.protect_scorecard(card) if protect else card
        except Exception:  # noqa: BLE001 - a workbook without targets is still a workbook
            card = None
        if card is not None and len(card):
            scorecard_sheet(book, card, f"Chỉ tiêu giảm nghèo · {subtitle}", lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_workbook(con, area: str, year: int, lang: str = "vi", protect: bool = False,
                    show_names: bool = False, lists: bool = True) -> bytes:
    """Every form of the review and the scorecard (giamngheo export xlsx, the report page)."""
    return forms_workbook(con, area, year, lang, protect, show_names, lists)
