"""Briefing exports: the PowerPoint deck, the report workbook and the narrative, opened and read back."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from pptx import Presentation


@pytest.fixture(scope="module")
def export_db(demo_db, tmp_path_factory) -> str:
    """A copy of the demo database: `export` writes its audit row, which needs the file to itself."""
    path = tmp_path_factory.mktemp("export") / "demo.duckdb"
    shutil.copy(demo_db, path)
    return str(path)


def export(db_path, kind, area, year, out):
    result = subprocess.run([sys.executable, "-m", "giamngheo.cli", "export", kind, "--area", area, "--year", str(year),
                             "--out", str(out), "--db", db_path], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_narrative_thuy_nguyen_2022_in_the_letters_format(export_db, tmp_path):
    text = export(export_db, "text", "311", 2022, tmp_path / "tn.txt").read_text(encoding="utf-8")
    assert text.startswith("Theo kết quả rà soát năm 2022, số hộ nghèo của Huyện Thuỷ Nguyên là 1.118 hộ, chiếm tỷ lệ "
                           "1,01%, số hộ cận nghèo là 2.359 hộ, chiếm tỷ lệ 2,14%.")
    assert "hộ không còn khả năng lao động là 706 hộ" in text and "còn lại 412 hộ nghèo có khả năng lao động" in text
    for figure in ("việc làm là 488 hộ, chiếm 43,6%", "người phụ thuộc trong hộ gia đình là 494 hộ, chiếm 44,2%",
                   "bảo hiểm y tế là 313 hộ, chiếm 28,0%", "chất lượng nhà ở là 279 hộ, chiếm 25,0%",
                   "sử dụng dịch vụ viễn thông là 610 hộ, chiếm 54,6%",
                   "phương tiện phục vụ tiếp cận thông tin là 446 hộ, chiếm 39,9%"):
        assert figure in text


def test_narrative_changes_in_points_and_social_protection(export_db, tmp_path):
    city = export(export_db, "text", "436", 2018, tmp_path / "ht.txt").read_text(encoding="utf-8")
    assert "727 hộ, chiếm tỷ lệ 2,58%" in city
    assert "tỷ lệ hộ nghèo giảm 1,05%, tỷ lệ hộ cận nghèo giảm 0,47%" in city
    thach_ha = export(export_db, "text", "445", 2019, tmp_path / "th.txt").read_text(encoding="utf-8")
    assert "1.597 hộ, chiếm tỷ lệ 4,10%" in thach_ha and "2.027 hộ, chiếm tỷ lệ 5,20%" in thach_ha
    assert "Hộ nghèo bảo trợ xã hội chiếm tỷ lệ 1,94%" in thach_ha


def test_pptx_deck(export_db, tmp_path):
    deck = Presentation(export(export_db, "pptx", "311", 2022, tmp_path / "deck.pptx"))
    slides = list(deck.slides)
    title = slide_text(slides[0])
    assert "Huyện Thuỷ Nguyên" in title and "2022" in title and "Dữ liệu mô phỏng" in title
    assert "data/demo/calibration.toml" in title  # the data source
    headline = slide_text(slides[1])
    assert "1,01%" in headline and "1.118 hộ" in headline and "2.359 hộ" in headline and "110.300 hộ" in headline
    assert "54,6% · 610 hộ" in slide_text(slides[2])
    assert "Theo kết quả rà soát năm 2022" in slides[1].notes_slide.notes_text_frame.text
    for slide in slides[1:]:
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
    # Forms R2 and R3 on one slide: the waterfall, the flows a leader quotes, and the near-poor start and end.
    dynamics = slide_text(slides[4])
    assert "Huyện Thuỷ Nguyên · Diễn biến hộ nghèo từ năm 2021 đến năm 2022" in dynamics
    assert "Diễn biến hộ cận nghèo từ năm 2021 đến năm 2022" in dynamics and "2.690 → 2.359 hộ" in dynamics
    assert "Thoát nghèo, thành cận nghèo" in dynamics and "Trở thành hộ nghèo" in dynamics
    assert len(slides) == 1 + 5  # title, headline, deprivation, groups, dynamics, map (no targets for 2022)


def test_pptx_deck_with_targets(export_db, tmp_path):
    deck = Presentation(export(export_db, "pptx", "445", 2020, tmp_path / "th.pptx"))
    last = slide_text(list(deck.slides)[-1])
    assert "Chỉ tiêu giảm nghèo" in last and "0,73 điểm % / 0,50 điểm % · Đạt" in last


def test_report_workbook(export_db, tmp_path):
    """The layout of the report set: a cover naming the circular, then the forms; the totals are formulas (their
    values against the CLI's reports: tests/test_forms.py)."""
    book = load_workbook(export(export_db, "xlsx", "311", 2022, tmp_path / "bieu.xlsx"))
    assert book.sheetnames[:5] == ["Bia", "R1 Ket qua", "R2 Dien bien", "R3 Dien bien can ngheo", "R4 Thieu hut ngheo"]
    assert "Thông tư 07/2021/TT-BLĐTBXH" in book["Bia"]["A4"].value
    r1 = book["R1 Ket qua"]
    assert r1["A1"].value.startswith("Biểu 01 (R1). TỔNG HỢP KẾT QUẢ CHÍNH THỨC RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO")
    assert [c.value for c in r1[5]][:8] == ["A", "B", "1", "2", "3", "4 = 3/1 × 100", "5", "6 = 5/1 × 100"]
    rows = list(r1.iter_rows(min_row=6, values_only=True))
    communes, total = rows[:-1], rows[-1]
    assert len(communes) == 37
    assert sum(r[4] for r in communes) == 1118 and sum(r[6] for r in communes) == 2359
    assert sum(r[2] for r in communes) == 110300
    assert communes[0][5] == "=IF(C6=0,0,E6/C6*100)"  # rates are Excel formulas, as on the forms
    assert total[2] == f"=SUM(C6:C{5 + 37})" and total[5] == f"=IF(C{6 + 37}=0,0,E{6 + 37}/C{6 + 37}*100)"
    assert r1.page_setup.orientation == "landscape" and str(r1.page_setup.paperSize) == str(r1.PAPERSIZE_A4)
    assert r1.print_title_rows == "$4:$5"
    r2 = list(book["R2 Dien bien"].iter_rows(min_row=6, values_only=True))
    households = [r for r in r2 if r[2] == "Hộ"]
    assert households[-1][3] == 1520  # the whole area's start
    last = 5 + len(r2)
    assert r2[-1][2] == "Nhân khẩu" and r2[-1][11] == f"=D{last}-E{last}-F{last}-G{last}+H{last}+I{last}+J{last}+K{last}"
    r3 = book["R3 Dien bien can ngheo"]
    assert r3["A1"].value == "Biểu 03 (R3). TỔNG HỢP DIỄN BIẾN HỘ CẬN NGHÈO NĂM 2022"
    assert [c.value for c in r3[4]][2:6] == ["Phân tổ", "Đầu kỳ", "Trở thành hộ nghèo", "Thoát cận nghèo"]
    r4 = book["R4 Thieu hut ngheo"]
    header = [c.value for c in r4[4]]
    telecom = header.index("Sử dụng dịch vụ viễn thông")
    counts = list(r4.iter_rows(min_row=6, values_only=True))[:-1]
    assert sum(r[telecom] for r in counts) == 610 and sum(r[2] for r in counts) == 1118
    assert book["R5 Ty le ngheo"]["D6"].value.startswith("=IF('R4 Thieu hut ngheo'!C6=0,0,")
    r8 = book["R8 Nhom doi tuong"]
    no_labour = [c.value for c in r8[4]].index("Hộ không có khả năng lao động – nghèo")
    assert sum(r[no_labour] for r in list(r8.iter_rows(min_row=6, values_only=True))[:-1]) == 706


def test_baseline_of_a_new_standard_in_every_export(export_db, tmp_path):
    """Thạch Hà 2021, the first review under the 2022-2025 standard: the narrative, the deck and the workbook say
    it is the baseline, and none calls its flows escapes or new poverty."""
    text = export(export_db, "text", "445", 2021, tmp_path / "th.txt").read_text(encoding="utf-8")
    assert "Đây là kết quả rà soát đầu kỳ theo chuẩn nghèo 2022-2025, không so sánh với năm 2020" in text
    assert "So với năm 2020" not in text
    deck = Presentation(export(export_db, "pptx", "445", 2021, tmp_path / "th.pptx"))
    headline = slide_text(list(deck.slides)[1])
    assert "5,45% (đầu kỳ chuẩn 2022-2025)" in headline
    dynamics = next(slide_text(s) for s in deck.slides if "phân loại lại theo chuẩn 2022-2025" in slide_text(s))
    assert "Hộ cận nghèo 2020 → 2021: phân loại lại theo chuẩn 2022-2025" in dynamics
    assert "Thoát nghèo" not in dynamics and "Phát sinh mới" not in dynamics
    last = slide_text(list(deck.slides)[-1])  # the scorecard: its cut and its escapes are not measured
    assert "– / 0,50 điểm % · Năm đầu kỳ (chuẩn mới): chưa so sánh" in last
    book = load_workbook(export(export_db, "xlsx", "445", 2021, tmp_path / "th.xlsx"))
    r2 = book["R2 Dien bien"]
    assert r2["A1"].value == "Biểu 02 (R2). PHÂN LOẠI LẠI HỘ NGHÈO THEO CHUẨN NGHÈO 2022-2025 (NĂM ĐẦU KỲ 2021)"
    assert r2["A3"].value.startswith("Năm 2021 là năm đầu kỳ theo chuẩn nghèo 2022-2025")
    header = [c.value for c in r2[4]]
    assert "Nghèo theo chuẩn mới, chưa từng nghèo" in header and "Phát sinh mới" not in header
    assert not [h for h in header if h and "Thoát nghèo" in h]
    card = book["Chỉ tiêu"]
    assert "Năm đầu kỳ (chuẩn mới): chưa so sánh" in [c.value for c in card["H"]]


def test_the_2025_workbook_starts_from_2024_on_the_new_units(export_db, tmp_path):
    book = load_workbook(export(export_db, "xlsx", "42", 2025, tmp_path / "ht.xlsx"))
    r1 = book["R1 Ket qua"]
    assert r1["A3"].value.startswith("Mới có số liệu rà soát của 12/69 xã")
    r2 = book["R2 Dien bien"]
    assert r2["A1"].value == "Biểu 02 (R2). TỔNG HỢP DIỄN BIẾN HỘ NGHÈO NĂM 2025"
    assert "tính lại theo đơn vị hành chính từ 01/7/2025" in r2["A3"].value
    rows = [r for r in r2.iter_rows(min_row=6, values_only=True) if r[2] == "Hộ"]
    assert rows[-1][3] == 1420 and rows[-1][4] > 0  # start from 2024; households escaped to near-poor
    assert sum(r[3] for r in rows[:-2]) == 1420  # the communes, and any households not placed, add up


def test_export_rejects_unknown_area(export_db, tmp_path):
    result = subprocess.run([sys.executable, "-m", "giamngheo.cli", "export", "text", "--area", "99999", "--year",
                             "2022", "--out", str(tmp_path / "x.txt"), "--db", export_db], capture_output=True, text=True)
    assert result.returncode == 2 and not (tmp_path / "x.txt").exists()
