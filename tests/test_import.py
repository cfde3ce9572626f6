"""Importing real files: every supported shape is read, every rejection reason is reported with its
row and column, a rejected file changes nothing, and re-importing is idempotent."""

from __future__ import annotations

import io
import subprocess
import sys

import duckdb
import pandas as pd
import pytest
from openpyxl import Workbook

from giamngheo import catalogue, db, extracts, importer, queries
from giamngheo.store import schema


@pytest.fixture(scope="module")
def sample(demo_db) -> pd.DataFrame:
    """Cam Lộ's 2022 review records from the demo database (1.847 households)."""
    con = duckdb.connect(demo_db, read_only=True)
    try:
        return con.execute("select * from households where review_year = 2022 and district_code = '468' "
                           "order by household_id").df()
    finally:
        con.close()


@pytest.fixture
def con(empty_db):
    c = db.connect(empty_db)
    yield c
    c.close()


def fingerprint(con) -> tuple:
    return tuple(con.execute(f"select count(*), coalesce(sum(hash(columns(*))), 0) from {t}").fetchone()
                 for t in ("households", "population", "targets", "support", "imports", "import_changes"))


def extract_text(sample: pd.DataFrame, n: int = 60, sep: str = ",") -> str:
    return extracts.to_extract(sample.head(n), "households", "2022-2025").to_csv(index=False, sep=sep)


def xlsx_bytes(frame: pd.DataFrame, title_rows: int = 0, numeric_codes: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    for i in range(title_rows):
        sheet.append([f"BIỂU TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO (dòng tiêu đề {i + 1})"])
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        cells = list(row)
        if numeric_codes:  # codes typed as numbers: Excel drops their leading zeros
            cells = [int(c) if isinstance(c, str) and c.isdigit() and len(c) == 5 else c for c in cells]
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def load(con, data: bytes, name: str, kind: str = "households", year=None):
    prepared = importer.prepare(con, kind, data, name, year)
    return prepared, importer.commit(con, prepared, "test")


def assert_loaded(con, sample, n=60):
    got = con.execute("select household_id, classification, members, deprivation_count, commune_code, district_code, "
                      "province_code, td_vien_thong, khong_kha_nang_lao_dong from households order by household_id").df()
    want = sample.head(n).sort_values("household_id")
    assert len(got) == n
    assert list(got.household_id) == list(want.household_id)
    assert list(got.classification) == list(want.classification)
    assert list(got.deprivation_count) == list(want.deprivation_count)
    assert (got.district_code == "468").all() and (got.province_code == "45").all()


# -- every shape -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "encode, sep",
    [
        (lambda t: t.encode("utf-8"), ","),
        (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), ";"),
        (extracts.windows_1258, ";"),
        (lambda t: t.encode("utf-16"), "\t"),  # Excel's "Unicode text"
        (lambda t: t.encode("utf-8"), "\t"),
    ],
    ids=["utf8-comma", "utf8-bom-semicolon", "windows-1258", "utf16-tab", "utf8-tab"],
)
def test_csv_encodings_and_delimiters(con, sample, encode, sep):
    prepared, result = load(con, encode(extract_text(sample, sep=sep)), "ra_soat.csv")
    assert prepared.problems == []
    assert result.outcome == "accepted" and result.inserted == 60
    assert_loaded(con, sample)


def test_windows_1258_is_composed_back(con, sample):
    data = extracts.windows_1258(extract_text(sample))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    # Combining tone marks in Windows-1258: grave CC, acute EC, tilde DE, hook above D2, dot below F2.
    assert sum(data.count(bytes([b])) for b in (0xCC, 0xEC, 0xDE, 0xD2, 0xF2)) > 100
    load(con, data, "ra_soat.csv")
    names = con.execute("select head_name from households").df().head_name
    assert set(names) == set(sample.head(60).head_name)  # NFC again, identical to the source


@pytest.mark.parametrize("irregular", ["", "\n", '"ghi chú\nhai dòng"', "thừa", ";" * 40 + "thừa"],
                         ids=["excel-export", "blank-line", "line-break-in-a-cell", "shorter-row", "longer-row"])
def test_both_csv_readers_give_the_same_cells_and_row_numbers(sample, irregular, monkeypatch):
    # A regular body (each line one record of the header's width, as Excel exports it) is read by Arrow; any
    # other is read record by record by the csv module. Both give the cells and row numbers the csv module reads.
    from giamngheo.importer import reading

    frame = extracts.to_extract(sample.head(40), "households", "2022-2025")
    body = frame.to_csv(index=False, sep=";", header=False).splitlines()
    blank = ";" * (frame.shape[1] - 1)
    lines = (["BIỂU KẾT QUẢ RÀ SOÁT", "", ";".join(frame.columns)] + body[:10] + [blank] + body[10:20]
             + ([irregular] if irregular else []) + body[20:])
    data = extracts.windows_1258("\r\n".join(lines) + "\r\n")
    by_arrow = []
    arrow_body = reading._arrow_body
    monkeypatch.setattr(reading, "_arrow_body", lambda *args: by_arrow.append(arrow_body(*args)) or by_arrow[-1])
    sheet = reading.read_sheet(data, "ra_soat.csv", reading._aliases("households"))
    rows = reading.read_rows(data, "ra_soat.csv")
    below = [(number, cells) for number, cells in rows if number > sheet.header_row]
    assert sheet.header_row == 3 and sheet.header == list(frame.columns)
    assert list(sheet.rownums) == [number for number, _ in below]
    width = sheet.body.shape[1]
    assert sheet.body.astype(object).values.tolist() == [cells + [""] * (width - len(cells)) for _, cells in below]
    assert (by_arrow[0] is not None) == (irregular == "")  # which reader read it
    assert set(sample.head(40).head_name) <= set(sheet.body.astype(object).values.ravel())  # composed again


def test_xlsx_with_title_rows_and_numeric_codes(con, sample):
    frame = extracts.to_extract(sample.head(60), "households", "2022-2025")
    prepared, result = load(con, xlsx_bytes(frame, title_rows=3, numeric_codes=True), "bieu_ra_soat.xlsx")
    assert prepared.problems == [] and prepared.header_row == 4
    assert_loaded(con, sample)


@pytest.mark.parametrize("spelling", ["canonical", "english", "messy"])
def test_header_spellings(con, sample, spelling):
    frame = extracts.to_extract(sample.head(60), "households", "2022-2025")
    from giamngheo import catalogue

    by_label = {}
    for col in catalogue.import_columns("households"):
        by_label.setdefault(col.label_vi, col)
    for i in catalogue.indicators("2022-2025"):
        by_label[i.label_vi] = next(c for c in catalogue.import_columns("households") if c.canonical == i.flag)
    if spelling == "canonical":
        frame.columns = [by_label[c].canonical for c in frame.columns]
    elif spelling == "english":
        frame.columns = [by_label[c].alias_en for c in frame.columns]
    else:  # upper case, no diacritics, extra spaces and punctuation
        import unicodedata
        frame.columns = ["  " + "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
                         .replace("đ", "d").upper() + " :" for c in frame.columns]
    prepared, result = load(con, frame.to_csv(index=False).encode(), "x.csv")
    assert prepared.problems == [], prepared.problems[:3]
    assert_loaded(con, sample)


def test_vietnamese_values(con):
    text = (
        "Năm rà soát;Mã xã;Mã hộ;Số nhân khẩu;Khu vực;Thu nhập bình quân đầu người/tháng;Phân loại hộ;"
        "Hộ bảo trợ xã hội;Việc làm;Người phụ thuộc trong hộ gia đình;Bảo hiểm y tế;Dinh dưỡng;Ghi chú riêng;"
        "Trình độ giáo dục của người lớn;Tình trạng đi học của trẻ em;Chất lượng nhà ở;"
        "Diện tích nhà ở bình quân đầu người;Nguồn nước sinh hoạt;Nhà tiêu hợp vệ sinh;Sử dụng dịch vụ viễn thông;"
        "Phương tiện phục vụ tiếp cận thông tin\n"
        "2022;19597;H1;4;Nông thôn;1.200.000;Hộ nghèo;Có;x;1;true;;abc;;;;;;;;\n"
        "2022;19597;H2;2;nong_thon;1.400.000 đ;can_ngheo;không;;0;no;;;;;;;;;;\n"
        "2022;19597;H3;1;Thành thị;3.500.000;Không nghèo;;;;;;;;;;;;;;\n"
    )
    prepared, result = load(con, text.encode("utf-8"), "so_lieu.csv")
    assert prepared.problems == []
    assert prepared.extra_columns == ["Ghi chú riêng"]  # unknown columns are reported, not fatal
    rows = con.execute("select household_id, income_per_capita, bao_tro_xa_hoi, td_viec_lam, td_bhyt, "
                       "deprivation_count, classification, area_type, td_dinh_duong from households "
                       "order by household_id").fetchall()
    assert rows[0] == ("H1", 1_200_000, True, True, True, 3, "ngheo", "nong_thon", False)
    assert rows[1] == ("H2", 1_400_000, False, False, False, 0, "can_ngheo", "nong_thon", False)
    assert rows[2][2] is False and rows[2][7] == "thanh_thi" and rows[2][8] is None  # flags blank when not listed


@pytest.mark.parametrize("value, expected", [
    ("1.500.000", 1_500_000), ("54,6", 54.6), ("2.14", 2.14), ("1,500,000", 1_500_000), ("0,5", 0.5),
    ("1.234,5", 1234.5), ("1,234.5", 1234.5), (1500000, 1_500_000), ("700000", 700_000),
])
def test_numbers(value, expected):
    assert importer.parse_number(value) == pytest.approx(expected)


# -- one test per rejection reason ---------------------------------------------------------------------

GOOD_HEADER = "nam_ra_soat,ma_xa,ma_ho,so_nhan_khau,khu_vuc,phan_loai,td_viec_lam,td_nguoi_phu_thuoc,td_bhyt," \
              "td_dinh_duong,td_trinh_do_giao_duc,td_di_hoc,td_chat_luong_nha,td_dien_tich_nha,td_nguon_nuoc," \
              "td_nha_tieu,td_vien_thong,td_tiep_can_thong_tin"
GOOD_ROW = "2022,19597,H1,3,nong_thon,ngheo,1,1,1,0,0,0,0,0,0,0,0,0"


def row(**changes) -> str:
    values = dict(zip(GOOD_HEADER.split(","), GOOD_ROW.split(",")))
    values.update(changes)
    return ",".join(str(v) for v in values.values())


REJECTIONS = [
    # (file text, expected row, column, reason code, words of the Vietnamese message)
    (GOOD_HEADER + "\n" + row(ma_xa="99999"), 2, "ma_xa", "unknown_code", "danh mục đơn vị hành chính"),
    (GOOD_HEADER + "\n" + row(ma_xa="18073", nam_ra_soat="2025"), None, None, None, None),  # valid in 2025: accepted
    (GOOD_HEADER.replace("ma_ho,", "") + "\n" + ",".join(v for k, v in zip(GOOD_HEADER.split(","), GOOD_ROW.split(",")) if k != "ma_ho"),
     None, "ma_ho", "missing_column", "thiếu cột bắt buộc"),
    (GOOD_HEADER + "\n" + row(phan_loai="rat_ngheo"), 2, "phan_loai", "bad_class", "phân loại hộ không hợp lệ"),
    (GOOD_HEADER + "\n" + row(so_nhan_khau="0"), 2, "so_nhan_khau", "bad_members", "số nhân khẩu"),
    (GOOD_HEADER + "\n" + row(td_bhyt="0"), 2, "phan_loai", "too_few_deprivations", "từ 3 chỉ số"),
    (GOOD_HEADER + "\n" + row(td_bhyt="maybe"), 2, "td_bhyt", "bad_boolean", "đúng/sai"),
    (GOOD_HEADER + "\n" + row() + "\n" + row(), 3, "ma_ho", "duplicate", "trùng với dòng 2"),
    (GOOD_HEADER + "\n" + row(nam_ra_soat="2040"), 2, "nam_ra_soat", "bad_year", "năm ngoài khoảng"),
    (GOOD_HEADER.replace(",td_bhyt", "") + "\n" + row().replace(",1,0,0,0,0,0,0,0,0,0", ",0,0,0,0,0,0,0,0,0"),
     None, "td_bhyt", "missing_column", "thiếu cột chỉ số thiếu hụt"),
    ("", None, None, "empty", "tệp trống"),
    ("\x00\x01\x02garbage", None, None, "unreadable", "không"),
    (GOOD_HEADER + "\n", None, None, "empty", "không có dòng dữ liệu"),
    ("a,b,c\n1,2,3\n", None, None, "no_header", "dòng tiêu đề"),
]


@pytest.mark.parametrize("text, at_row, column, code, words", REJECTIONS,
                         ids=[r[3] or "accepted" for r in REJECTIONS])
def test_rejections(con, text, at_row, column, code, words):
    before = fingerprint(con)
    prepared, result = load(con, text.encode("utf-8"), "loi.csv")
    if code is None:
        assert result.outcome == "accepted"
        return
    assert result.outcome == "rejected"
    assert fingerprint(con) == before  # nothing written, not even the import log
    problem = next(p for p in prepared.problems if p.code == code)
    assert problem.row == at_row
    assert (problem.column == column) if column else True
    assert words in problem.reason_vi
    assert problem.reason_en  # English available


def test_unreadable_xlsx(con):
    before = fingerprint(con)
    prepared, result = load(con, b"PK\x03\x04 not really a zip", "hong.xlsx")
    assert result.outcome == "rejected" and prepared.problems[0].code == "unreadable"
    assert fingerprint(con) == before


def test_every_problem_is_listed_not_just_the_first(con):
    text = GOOD_HEADER + "\n" + row(ma_xa="99999") + "\n" + row(ma_ho="H2", so_nhan_khau="-1") + "\n" + \
        row(ma_ho="H3", phan_loai="x")
    prepared, _ = load(con, text.encode(), "nhieu_loi.csv")
    assert [(p.row, p.code) for p in prepared.problems] == [(2, "unknown_code"), (3, "bad_members"), (4, "bad_class")]


def test_commune_code_must_be_in_the_years_list(con):
    # 19597 exists before and after the reform; 19600 (Xã Cam Tuyền) was merged away in 2025.
    prepared, _ = load(con, (GOOD_HEADER + "\n" + row(ma_xa="19600", nam_ra_soat="2025")).encode(), "x.csv")
    assert [p.code for p in prepared.problems] == ["unknown_code"]


# -- idempotency and replacement ---------------------------------------------------------------------

def test_reimport_changes_nothing_and_corrections_replace(con, sample):
    text = extract_text(sample)
    _, first = load(con, text.encode(), "a.csv")
    after_first = con.execute("select count(*), sum(hash(* columns(* exclude (import_id)))) from households").fetchone()
    _, again = load(con, text.encode(), "a.csv")
    assert (again.inserted, again.replaced, again.unchanged) == (0, 0, 60)
    # the import refreshed the pre-aggregated commune table the rates read

    summary = queries.run(con, "summary", area="468", year=2022).iloc[0]
    assert summary.poor == (sample.head(60).classification == "ngheo").sum()
    assert con.execute("select count(*), sum(hash(* columns(* exclude (import_id)))) from households").fetchone() == after_first

    corrected = sample.head(60).copy()
    corrected.loc[corrected.index[0], "members"] = 9
    corrected.loc[corrected.index[1], "head_name"] = "Lê Thị Sửa"
    text2 = extracts.to_extract(corrected, "households", "2022-2025").to_csv(index=False)
    _, fixed = load(con, text2.encode(), "a_sua.csv")
    assert (fixed.inserted, fixed.replaced, fixed.unchanged) == (0, 2, 58)
    assert con.execute("select count(*) from households").fetchone()[0] == 60
    changes = con.execute("select record_key, changed_columns from import_changes where import_id = ? order by 1",
                          [fixed.import_id]).fetchall()
    assert changes == sorted([(f"2022|{corrected.household_id.iloc[0]}", ["members"]),
                              (f"2022|{corrected.household_id.iloc[1]}", ["head_name"])])
    log = con.execute("select file_name, sha256, user_name, rows_in_file, rows_inserted, rows_replaced, rows_unchanged, "
                      "outcome from imports order by import_id").fetchall()
    assert [r[0] for r in log] == ["a.csv", "a.csv", "a_sua.csv"]
    assert log[0][1] == log[1][1] != log[2][1] and len(log[0][1]) == 64
    assert log[2][2:] == ("test", 60, 0, 2, 58, "accepted")


def aggregates_match_households(con) -> bool:
    """Every pre-aggregated table holds exactly what its live view computes from the households now."""
    return all(con.execute(f"select count(*) from ((from {name} except all from {name}_live) "
                           f"union all (from {name}_live except all from {name}))").fetchone()[0] == 0
               for name in schema.AGGREGATES)


def test_every_import_refreshes_the_aggregate_tables(con, sample):
    load(con, extract_text(sample.head(40)).encode(), "a.csv")
    assert aggregates_match_households(con)
    before = queries.run(con, "deprivation", area="468", year=2022).set_index("indicator").deprived
    changed = sample.head(40).copy()
    poor = changed.index[changed.classification == "ngheo"][0]
    changed.loc[poor, "td_viec_lam"] = not changed.loc[poor, "td_viec_lam"]
    load(con, extracts.to_extract(changed, "households", "2022-2025").to_csv(index=False).encode(), "a_sua.csv")
    assert aggregates_match_households(con)
    after = queries.run(con, "deprivation", area="468", year=2022).set_index("indicator").deprived
    assert after["td_viec_lam"] - before["td_viec_lam"] == (1 if changed.loc[poor, "td_viec_lam"] else -1)
    assert after.drop("td_viec_lam").equals(before.drop("td_viec_lam"))


def test_changed_view_definitions_rebuild_the_aggregate_tables(empty_db, sample):
    con = db.connect(empty_db)
    load(con, extract_text(sample.head(40)).encode(), "a.csv")
    # As if the aggregates had been built by an older views.sql: a stale copy and another digest.
    con.execute("delete from area_year")
    con.execute("update metadata set value = 'older' where key = 'views_sha256'")
    con.close()
    con = db.connect(empty_db)
    try:
        assert aggregates_match_households(con)
        assert con.execute("select count(*) from area_year").fetchone()[0] > 0
    finally:
        con.close()


def test_year_option_fills_the_missing_column(con):
    text = GOOD_HEADER.replace("nam_ra_soat,", "") + "\n" + GOOD_ROW.split(",", 1)[1]
    prepared, result = load(con, text.encode(), "x.csv", year=2022)
    assert result.outcome == "accepted"
    assert con.execute("select review_year from households").fetchone() == (2022,)


def test_warnings_do_not_block(con):
    header = GOOD_HEADER + ",thu_nhap_bq"
    text = header + "\n" + row() + ",3.000.000"  # poor by the meeting, above the line by income
    prepared, result = load(con, text.encode(), "x.csv")
    assert result.outcome == "accepted"
    assert [w.code for w in prepared.warnings] == ["class_rule"]


def test_population_and_support(con):
    load(con, (GOOD_HEADER + "\n" + row()).encode(), "h.csv")
    prepared, result = load(con, "Năm rà soát,Mã xã,Tổng số hộ dân cư\n2022,19597,0\n".encode(), "p.csv", "population")
    assert result.outcome == "accepted" and [w.code for w in prepared.warnings] == ["population_low"]
    prepared, result = load(con, "nam_ra_soat,ma_ho,loai_ho_tro,don_vi_do_dau,so_tien\n2022,H1,Tín dụng,Hội Phụ nữ,5.000.000\n"
                            "2022,H9,nha_o,,\n".encode(), "s.csv", "support")
    assert result.outcome == "rejected" and [(p.row, p.code) for p in prepared.problems] == [(3, "unknown_household")]


# -- the command -------------------------------------------------------------------------------------

def test_cli_rejects_with_exit_2_and_no_traceback(tmp_path, empty_db):
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD_HEADER + "\n" + row(ma_xa="99999") + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "households", str(bad), "--db", empty_db],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "bad.csv: dòng 2, cột ma_xa, '99999'" in result.stderr and "Traceback" not in result.stderr
    english = subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "households", str(bad), "--db", empty_db,
                              "--lang", "en"], capture_output=True, text=True)
    assert "row 2, column ma_xa" in english.stderr


def test_cli_prints_the_first_warnings_and_how_many_more(tmp_path, empty_db):
    """A file can have a warning on every row: the command prints the first twenty and the count of the rest,
    every one with --all-warnings; the file is imported either way."""
    many = tmp_path / "many.csv"
    rows = [row(ma_ho=f"H{i}") + ",3.000.000" for i in range(25)]  # poor by the meeting, above the line by income
    many.write_text(GOOD_HEADER + ",thu_nhap_bq\n" + "\n".join(rows) + "\n", encoding="utf-8")

    def run(*options):
        result = subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "households", str(many), "--dry-run",
                                 "--db", empty_db, *options], capture_output=True, text=True)
        assert result.returncode == 0 and "25 rows valid" in result.stdout, result.stderr
        return [line for line in result.stderr.splitlines() if line.startswith("many.csv: ")]

    lines = run()
    assert len(lines) == 21 and all("cảnh báo: dòng" in line for line in lines[:20])
    assert "dòng 21," in lines[19]  # the file's rows 2 to 21
    assert lines[20] == "many.csv: … và 5 cảnh báo khác (25 cảnh báo; --all-warnings để in tất cả)"
    lines = run("--all-warnings", "--lang", "en")
    assert len(lines) == 25 and all(line.startswith("many.csv: warning: row ") for line in lines)


def test_cli_dry_run_writes_nothing(tmp_path, empty_db):
    good = tmp_path / "good.csv"
    good.write_text(GOOD_HEADER + "\n" + row() + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "households", str(good), "--dry-run",
                             "--db", empty_db], capture_output=True, text=True)
    assert result.returncode == 0 and "dry run" in result.stdout
    con = duckdb.connect(empty_db, read_only=True)
    assert con.execute("select count(*) from households").fetchone()[0] == 0
    con.close()


def test_failed_import_into_a_new_database_leaves_no_file(tmp_path):
    target = tmp_path / "new.duckdb"
    bad = tmp_path / "bad.csv"
    bad.write_text("nothing useful\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "households", str(bad), "--db", str(target)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and not target.exists()


def test_templates_are_importable(con):
    for kind in importer.KEYS:
        data = extracts.template(kind)
        prepared = importer.prepare(con, kind, data, f"mau_{kind}.xlsx")
        assert prepared.header_row == 3
        if kind in ("households", "population", "targets"):
            assert prepared.problems == [], (kind, prepared.problems)


def test_an_officer_imports_only_for_the_area(con):
    load(con, (GOOD_HEADER + "\n" + row() + "\n" + row(ma_ho="H2", ma_xa="19600")).encode(), "h.csv")
    allowed = {"gso_2024": {"19597"}, "qd19_2025": set()}
    own = importer.prepare(con, "households", (GOOD_HEADER + "\n" + row(ma_ho="H3")).encode(), "x.csv", allowed=allowed)
    assert own.problems == []
    other = importer.prepare(con, "households", (GOOD_HEADER + "\n" + row(ma_ho="H4", ma_xa="19600")).encode(),
                             "x.csv", allowed=allowed)
    assert [(p.row, p.code) for p in other.problems] == [(2, "outside_area")]
    # Support rows name a household: its commune decides (H2 lives in 19600).
    support = "nam_ra_soat,ma_ho,loai_ho_tro\n2022,H1,y_te\n2022,H2,nha_o\n".encode()
    prepared = importer.prepare(con, "support", support, "s.csv", allowed=allowed)
    assert [(p.row, p.column, p.value, p.code) for p in prepared.problems] == [(3, "ma_ho", "H2", "outside_area")]


def test_the_deprivation_cut_off_is_the_standards(con, monkeypatch, demo_db, tmp_path):
    """'At least 3 deprivations' is data (data/catalogue/standards.csv), read by the importer's check and the
    Alkire-Foster query alike: a standard with another cut-off changes both."""
    import dataclasses
    import shutil

    stricter = {name: dataclasses.replace(s, deprivation_cutoff=4) for name, s in catalogue.standards().items()}
    monkeypatch.setattr(catalogue, "standards", lambda: stricter)
    prepared, result = load(con, (GOOD_HEADER + "\n" + row(ma_ho="H-4")).encode("utf-8"), "bon.csv")
    assert result.outcome == "rejected"
    assert [p.text("vi") for p in prepared.problems if p.code == "too_few_deprivations"] == [
        "dòng 2, cột phan_loai, 'ngheo': hộ nghèo phải thiếu hụt từ 4 chỉ số trở lên"]
    path = tmp_path / "cutoff.duckdb"
    shutil.copy(demo_db, path)
    demo = db.connect(path)
    try:
        before = queries.run(demo, "alkire_foster", area="311", year=2022).multidimensionally_poor.iloc[0]
        demo.execute("update standards set deprivation_cutoff = 4 where standard = '2022-2025'")
        after = queries.run(demo, "alkire_foster", area="311", year=2022).multidimensionally_poor.iloc[0]
        assert before == 1118 and 0 < after < before
    finally:
        demo.close()


def test_ethnicity_by_code_name_or_other_name(con):
    """`dan_toc` takes the national list's code (Excel's 1 for 01), name or another name; the ethnic-minority flag
    follows from it, and a file saying otherwise is warned, not refused."""
    text = (GOOD_HEADER + ",dan_toc,dan_toc_thieu_so\n" + row(ma_ho="H1") + ",Vân Kiều,\n" + row(ma_ho="H2") + ",1,\n"
            + row(ma_ho="H3") + ",23,\n" + row(ma_ho="H4") + ",kinh,x\n" + row(ma_ho="H5") + ",Pa Kô,1\n"
            + row(ma_ho="H6") + ",,x\n")
    prepared, result = load(con, text.encode(), "dan_toc.csv")
    assert result.outcome == "accepted", [p.text() for p in prepared.problems]
    assert [(w.row, w.column, w.code) for w in prepared.warnings] == [(5, "dan_toc_thieu_so", "ethnicity_flag")]
    rows = con.execute("select household_id, ethnicity, dan_toc_thieu_so from households order by household_id").fetchall()
    assert rows == [("H1", "23", True), ("H2", "01", False), ("H3", "23", True), ("H4", "01", False),
                    ("H5", "31", True), ("H6", None, True)]


def test_unknown_ethnicity_is_refused_with_its_row(con):
    text = GOOD_HEADER + ",Dân tộc\n" + row(ma_ho="H1") + ",Tày\n" + row(ma_ho="H2") + ",Người Sao Hỏa\n"
    prepared, result = load(con, text.encode(), "x.csv")
    assert result.outcome == "rejected" and con.execute("select count(*) from households").fetchone()[0] == 0
    [problem] = prepared.problems
    assert (problem.row, problem.column, problem.code) == (3, "Dân tộc", "bad_ethnicity")
    assert "54 dân tộc" in problem.text("vi") and "54 ethnic groups" in problem.text("en")


def test_population_gives_persons_and_ethnic_minority_households(con):
    load(con, (GOOD_HEADER + "\n" + row()).encode(), "h.csv")
    text = "Năm rà soát,Mã xã,Tổng số hộ dân cư,Tổng số nhân khẩu,Tổng số hộ dân tộc thiểu số\n2022,19597,1.200,4.300,85\n"
    prepared, result = load(con, text.encode(), "p.csv", "population")
    assert result.outcome == "accepted"
    assert con.execute("select total_households, total_persons, total_ethnic_minority_households from population"
                       ).fetchone() == (1200, 4300, 85)


def test_an_earlier_database_gains_the_new_columns(empty_db):
    """A database made before `dan_toc` and `tong_so_ho_dtts` existed is upgraded on opening, its rows kept."""
    con = db.connect(empty_db)
    load(con, (GOOD_HEADER + "\n" + row()).encode(), "h.csv")
    con.execute("alter table households drop column ethnicity")
    con.execute("alter table population drop column total_ethnic_minority_households")
    con.close()
    reader = db.connect(empty_db, read_only=True)  # a reader upgrades it once too
    try:
        assert reader.execute("select household_id, ethnicity from households").fetchall() == [("H1", None)]
        assert queries.run(reader, "ethnicity", area="19597", year=2022).poor.sum() == 1
    finally:
        reader.close()
