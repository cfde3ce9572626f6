"""Mangled files never crash the importer or half-load: each ends in a clean success or a clean rejection."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giamngheo import db, importer

HEADER = ("Năm rà soát;Mã xã;Mã hộ;Số nhân khẩu;Khu vực;Phân loại hộ;Việc làm;Người phụ thuộc trong hộ gia đình;"
          "Dinh dưỡng;Bảo hiểm y tế;Trình độ giáo dục của người lớn;Tình trạng đi học của trẻ em;Chất lượng nhà ở;"
          "Diện tích nhà ở bình quân đầu người;Nguồn nước sinh hoạt;Nhà tiêu hợp vệ sinh;Sử dụng dịch vụ viễn thông;"
          "Phương tiện phục vụ tiếp cận thông tin;Thu nhập bình quân đầu người/tháng")
ROWS = [
    "2022;19597;H{i};{m};Nông thôn;Hộ nghèo;x;x;;x;;;;;;;x;;1.100.000",
    "2022;19600;H{i};{m};nong_thon;can_ngheo;x;;;;;;;;;;;;1.300.000",
    "2022;19603;H{i};{m};Thành thị;Không nghèo;;;;;;;;;;;;;3.100.000",
]
VALID = HEADER + "\n" + "\n".join(ROWS[i % 3].format(i=i, m=1 + i % 5) for i in range(12)) + "\n"


@st.composite
def mangled(draw) -> tuple[bytes, str]:
    text = VALID
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["delete", "insert", "swap", "truncate", "duplicate", "replace_cell"]))
        if not text:
            break
        pos = draw(st.integers(0, len(text) - 1))
        if op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)):]
        elif op == "insert":
            text = text[:pos] + draw(st.text(max_size=8)) + text[pos:]
        elif op == "truncate":
            text = text[:pos]
        elif op == "swap":
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == "duplicate":
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        else:
            cells = text.split(";")
            i = draw(st.integers(0, len(cells) - 1))
            cells[i] = draw(st.sampled_from(["", "x", "-1", "0", "abc", "99999", "2040", "1.5", "Có", "😀", "\x00"]))
            text = ";".join(cells)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258-ish", "latin-1-bytes"]))
    if encoding == "cp1258-ish":
        data = text.encode("cp1258", errors="replace")
    elif encoding == "latin-1-bytes":
        data = bytes(ord(c) % 256 for c in text)
    else:
        data = text.encode(encoding, errors="surrogatepass")
    name = draw(st.sampled_from(["f.csv", "f.xlsx", "f.txt"]))
    return data, name


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    db.create(path).close()
    return str(path)


def state(con) -> tuple:
    return con.execute("select count(*), coalesce(sum(hash(household_id, review_year, classification, members)), 0) "
                       "from households").fetchone() + con.execute("select count(*) from imports").fetchone()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=mangled())
def test_mangled_files_end_cleanly(fuzz_db, case):
    data, name = case
    con = duckdb.connect(fuzz_db)
    try:
        con.execute("delete from households; delete from imports; delete from import_changes")
        before = state(con)
        prepared = importer.prepare(con, "households", data, name)
        result = importer.commit(con, prepared, "fuzz")
        if result.outcome == "rejected":
            assert prepared.problems, "a rejection always says why"
            assert state(con) == before
        else:
            assert not prepared.problems
            n = len(prepared.frame)
            assert result.inserted + result.replaced + result.unchanged == n
            assert con.execute("select count(*) from households").fetchone()[0] == n  # all rows, not some
    finally:
        con.close()


# Hardening: whatever a workbook or an extract holds, the command line answers 0 or 2, never a traceback (1),
# and a refused file changes nothing.
CELL = st.one_of(
    st.sampled_from(["", "x", "0", "1", "-1", "Hộ nghèo", "can_ngheo", "Nông thôn", "19597", "19600", "H1", "H2",
                     "=HYPERLINK(\"http://x\",\"a\")", "+1", "@A1", "2022-12-01", "1.500.000", "54,6", "1e30",
                     "1" + "0" * 400, "nan", "x" * 300]),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e35, max_value=1e35),
    st.booleans(),
    st.dates(),
)
COLUMNS = ["nam_ra_soat", "ma_xa", "ma_ho", "so_nhan_khau", "khu_vuc", "phan_loai", "thu_nhap_bq", "chu_ho", "thon",
           "td_viec_lam", "td_nguoi_phu_thuoc", "td_bhyt"]


@st.composite
def extracts(draw) -> tuple[list, list[list]]:
    columns = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=len(COLUMNS), unique=True))
    rows = draw(st.lists(st.lists(CELL, min_size=len(columns), max_size=len(columns)), min_size=0, max_size=6))
    return columns, rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=extracts(), as_workbook=st.booleans())
def test_any_extract_ends_in_0_or_2(fuzz_db, tmp_path_factory, case, as_workbook):
    import csv as csvlib

    from openpyxl import Workbook

    from giamngheo import cli

    columns, rows = case
    folder = tmp_path_factory.mktemp("hostile")
    if as_workbook:
        path = folder / "f.xlsx"
        book = Workbook()
        book.active.append(columns)
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        path = folder / "f.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csvlib.writer(f)
            writer.writerow(columns)
            writer.writerows([str(v) for v in row] for row in rows)
    con = duckdb.connect(fuzz_db)
    before = state(con)
    con.close()
    code = cli.main(["import", "households", str(path), "--db", fuzz_db, "--user", "fuzz"])
    assert code in (0, 2)
    con = duckdb.connect(fuzz_db)
    try:
        if code == 2:
            assert state(con) == before
    finally:
        con.close()
