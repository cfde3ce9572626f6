"""Excel workbooks the meetings need, written with openpyxl: the scorecard (more in `export xlsx`)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from giamngheo import catalogue, comparison, disclosure, fmt, i18n, scorecard

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

BOLD = Font(bold=True)
ROMAN = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split()
TITLE = Font(bold=True, size=13)
SUBTOTAL = PatternFill("solid", fgColor="EDEDED")


def _print_setup(sheet: Worksheet, header_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows
    sheet.freeze_panes = f"C{int(header_rows.split(':')[1]) + 1}"


def _head(sheet: Worksheet, title: str, subtitle: str, headers: list[str], numbers: list[str]) -> int:
    sheet.append([title])
    sheet["A1"].font = TITLE
    sheet.append([subtitle])
    sheet.append([])
    sheet.append(headers)
    sheet.append(numbers)
    for row in (4, 5):
        for cell in sheet[row]:
            cell.font = BOLD
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 30
    for i in range(3, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(i)].width = 13
    _print_setup(sheet, "4:5")
    return 6


def _groups_of_rows(units: pd.DataFrame) -> list[tuple[str | None, str | None, pd.DataFrame]]:
    """Communes under their district (with a subtotal row per district) when the area has districts."""
    if units.district_code.notna().any() and units.district_code.nunique() > 1:
        return [(code, name, rows) for (code, name), rows in units.groupby(["district_code", "district_name"])]
    return [(None, None, units)]


def _value(v):
    """A cell's value: empty for a hidden or missing count, whole numbers as integers."""
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _hidden(*values) -> bool:
    return any(v is None or (not isinstance(v, str) and pd.isna(v)) for v in values)


def report_workbook(con, area: str, year: int, lang: str = "vi", protect: bool = False) -> bytes:
    """Forms R1, R2, R4-R8 and the scorecard. With `protect` (an account that sees protected counts), small
    counts are empty (giamngheo.disclosure), and a total or a rate that would be computed from an empty cell is
    written as the protected figure of its unit, or left empty, rather than as a formula that would mislead."""
    def run(name: str, **params) -> pd.DataFrame:
        return disclosure.run(con, name, protect, area=area, year=year, **params)

    summary = run("summary").iloc[0]
    communes = run("communes")
    names = dict(con.execute("select code, name from admin_units where code_list = "
                             "(select code_list from review_years where review_year = ?)", [year]).fetchall())
    communes["district_name"] = communes.district_code.map(names)
    persons = dict(con.execute("select commune_code, total_persons from commune_year where review_year = ?",
                               [year]).fetchall())
    synthetic = con.execute("select value from metadata where key = 'synthetic'").fetchone()[0] == "true"
    standing = comparison.approval(summary, lang, short=True)  # every sheet says whether its figures are final
    subtitle = f"{summary.area_name} · {i18n.text('review_year', lang)} {year}" + (
        f" · {standing}" if standing else "") + (" · DỮ LIỆU MÔ PHỎNG (synthetic)" if synthetic else "")
    book = Workbook()
    book.remove(book.active)

    # R1: official results, rates as formulas (4 = 3/1 x 100, 6 = 5/1 x 100).
    sheet = book.create_sheet("R1 Ket qua")
    row = _head(sheet, f"TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {year}", subtitle,
                ["TT", "Đơn vị", "Tổng số hộ dân cư", "Tổng số nhân khẩu", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)",
                 "Số hộ cận nghèo", "Tỷ lệ hộ cận nghèo (%)"],
                ["A", "B", "1", "2", "3", "4 = 3/1 × 100", "5", "6 = 5/1 × 100"])
    notes = [comparison.coverage(summary, lang), disclosure.rule().note[lang] if protect else None]
    sheet["A3"] = " ".join(n for n in notes if n) or None  # a review of part of the area, protected counts

    def totals(at: int, first: int, last: int, unit: pd.Series | None) -> None:
        """A subtotal or total row: sums of the rows above, or, where a count above is empty, the unit's own
        protected figures."""
        ranges = {"C": "total_households", "D": None, "E": "poor", "G": "near_poor"}
        for col, key in ranges.items():
            cells = [sheet[f"{col}{r}"].value for r in range(first, last + 1)]
            if unit is not None and key and any(c is None for c in cells):
                sheet[f"{col}{at}"] = _value(unit[key])
            else:
                sheet[f"{col}{at}"] = f"=SUM({col}{first}:{col}{last})"
        for rate, count in (("F", "E"), ("H", "G")):
            sheet[f"{rate}{at}"] = None if sheet[f"{count}{at}"].value is None else \
                f"=IF(C{at}=0,0,{count}{at}/C{at}*100)"

    blocks = []
    for number, (district, district_name, rows) in enumerate(_groups_of_rows(communes), start=1):
        first = row
        if district:
            sheet.append([ROMAN[number - 1], district_name])
            row += 1
        for i, c in enumerate(rows.itertuples(), start=1):
            sheet.append([i, c.commune_name, _value(c.total_households), persons.get(c.commune_code),
                          _value(c.poor), None if _hidden(c.poor) else f"=IF(C{row}=0,0,E{row}/C{row}*100)",
                          _value(c.near_poor), None if _hidden(c.near_poor) else f"=IF(C{row}=0,0,G{row}/C{row}*100)"])
            row += 1
        if district:
            district_summary = disclosure.run(con, "summary", True, area=district, year=year).iloc[0] if protect else None
            totals(first, first + 1, row - 1, district_summary)
            for cell in sheet[first]:
                cell.font, cell.fill = BOLD, SUBTOTAL
            blocks.append(first)
    total = row
    sheet.append(["", i18n.text("total_row", lang, name=summary.area_name)])
    if blocks:
        for col in "CDEG":
            sheet[f"{col}{total}"] = "=" + "+".join(f"{col}{r}" for r in blocks)
        if protect and any(sheet[f"{col}{r}"].value is None for col in "EG" for r in blocks):
            for col, key in (("E", "poor"), ("G", "near_poor")):
                sheet[f"{col}{total}"] = _value(summary[key])
        for rate, count in (("F", "E"), ("H", "G")):
            sheet[f"{rate}{total}"] = None if sheet[f"{count}{total}"].value is None else \
                f"=IF(C{total}=0,0,{count}{total}/C{total}*100)"
    else:
        totals(total, 6, total - 1, summary if protect else None)
    for cell in sheet[total]:
        cell.font = BOLD
    for r in range(6, total + 1):
        for col in "FH":
            sheet[f"{col}{r}"].number_format = "0.00"
        for col in "CDEG":
            sheet[f"{col}{r}"].number_format = "#,##0"

    # R2 and R3: dynamics of poor and of near-poor households (9 = 1 - 2 - 3 - 4 + 5 + 6 + 7 + 8), over the same
    # ground as the previous review; against a review under another standard, a reclassification under the new one.
    for classification, form, who in (("ngheo", "R2", "HỘ NGHÈO"), ("can_ngheo", "R3", "HỘ CẬN NGHÈO")):
        flows = comparison.named_flows(run("transitions_by_commune", classification=classification), classification)
        area_flows = comparison.named_flows(run("transitions", classification=classification), classification).iloc[0]
        sheet = book.create_sheet(f"{form} Dien bien" + (" can ngheo" if classification == "can_ngheo" else ""))
        comparable = area_flows.comparable
        title = (f"TỔNG HỢP DIỄN BIẾN {who} NĂM {year}" if not comparison.is_baseline(area_flows) else
                 f"PHÂN LOẠI LẠI {who} THEO CHUẨN NGHÈO {area_flows.standard} (NĂM ĐẦU KỲ {year})")
        *columns, end = (key for key, _ in comparison.flows(classification))
        row = _head(sheet, title, subtitle,
                    ["TT", "Đơn vị", *[comparison.flow_label(c, comparable, "vi", classification) for c in columns + [end]]],
                    ["A", "B", "1", "2", "3", "4", "5", "6", "7", "8", "9 = 1−2−3−4+5+6+7+8"])
        sheet["A3"] = comparison.basis(summary, lang)  # what the start stands on: standard and units
        records = [(i, r["commune_name"] if isinstance(r["commune_name"], str) else i18n.text("unallocated_row", lang), r)
                   for i, r in enumerate(flows.to_dict("records"), start=1)]
        records.append(("", i18n.text("whole_area_row", lang, name=summary.area_name), area_flows))
        for i, name, r in records:
            values = [r[c] for c in columns]
            sheet.append([i, name, *[_value(v) for v in values],
                          _value(r[end]) if _hidden(*values) else f"=C{row}-D{row}-E{row}-F{row}+G{row}+H{row}+I{row}+J{row}"])
            row += 1
        for cell in sheet[row - 1]:
            cell.font = BOLD

    # R4-R7: deprivation counts and rates among poor and among near-poor households.
    for classification, code in (("ngheo", "R4-R5"), ("can_ngheo", "R6-R7")):
        shares = run("deprivation_by_commune", classification=classification)
        indicators = shares.drop_duplicates("indicator").sort_values("position")
        who = "hộ nghèo" if classification == "ngheo" else "hộ cận nghèo"
        counts_name, rates_name = f"{code[:2]} Thieu hut {classification}", f"{code[3:]} Ty le {classification}"
        counts = book.create_sheet(counts_name)
        rates = book.create_sheet(rates_name)
        labels = indicators[f"label_{lang}"].tolist()
        row = _head(counts, f"PHÂN TÍCH CÁC CHỈ SỐ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA {who.upper()} NĂM {year}",
                    subtitle, ["TT", "Đơn vị", f"Tổng số {who}", "Tổng số chỉ số thiếu hụt", *labels],
                    ["A", "B", "1", "2", *[str(i + 3) for i in range(len(labels))]])
        _head(rates, f"PHÂN TÍCH TỶ LỆ THIẾU HỤT DỊCH VỤ XÃ HỘI CƠ BẢN CỦA {who.upper()} NĂM {year} (%)",
              subtitle, ["TT", "Đơn vị", f"Tổng số {who}", *labels],
              ["A", "B", "1", *[f"{i + 2} = {i + 2}/1 × 100" for i in range(len(labels))]])
        keyed = shares.set_index(["commune_code", "commune_name", "indicator"])
        # An indicator no household of a commune has a value for is 0 in the form; an empty cell is a hidden one.
        present = pd.Series(True, index=keyed.index).unstack()
        table = keyed.deprived.unstack().where(present.notna(), 0)[indicators.indicator.tolist()]
        households = shares.drop_duplicates("commune_code").set_index("commune_code").households
        for i, ((commune, name), values) in enumerate(table.iterrows(), start=1):
            last = get_column_letter(4 + len(labels))
            base = households[commune]
            counts.append([i, name, _value(base), None if _hidden(base, *values) else f"=SUM(E{row}:{last}{row})",
                           *[_value(v) for v in values]])
            rates.append([i, name, None if _hidden(base) else f"='{counts_name}'!C{row}",
                          *[None if _hidden(base, v) else
                            f"=IF('{counts_name}'!C{row}=0,0,'{counts_name}'!{get_column_letter(5 + j)}{row}"
                            f"/'{counts_name}'!C{row}*100)" for j, v in enumerate(values)]])
            for j in range(len(labels)):
                rates.cell(row, 4 + j).number_format = "0.0"
            row += 1

    # R8: poor and near-poor households by group.
    by_group = run("groups_by_commune")
    groups = list(catalogue.groups())
    sheet = book.create_sheet("R8 Nhom doi tuong")
    headers = [f"{g['label_vi']} – {w}" for g in groups for w in ("nghèo", "cận nghèo")]
    row = _head(sheet, f"PHÂN TÍCH HỘ NGHÈO, HỘ CẬN NGHÈO THEO CÁC NHÓM ĐỐI TƯỢNG NĂM {year}", subtitle,
                ["TT", "Đơn vị", *headers], ["A", "B", *[str(i + 1) for i in range(len(headers))]])
    lookup = by_group.set_index(["commune_code", "group"])
    for i, c in enumerate(communes.itertuples(), start=1):
        values = []
        for g in groups:
            key = (c.commune_code, g["group"])
            values += [_value(lookup.loc[key, "poor"]) if key in lookup.index else 0,
                       _value(lookup.loc[key, "near_poor"]) if key in lookup.index else 0]
        sheet.append([i, c.commune_name, *values])
        row += 1

    card = None
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
