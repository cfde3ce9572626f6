"""Hardening, one test per finding of the probe (the issue's numbers): each fails on the code before the fix.

1 takeover through imports, 2 names without an account (and its browser test in test_e2e.py), 3 hostile
workbooks, 4 writes by a role that may not write, 5 formulas in exports, 6 long passwords, 7 revoked sessions,
8 numbers out of range, 9 a file without income, 11 account names by timing; then the low findings.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import textwrap
import zipfile
from datetime import datetime, timedelta

import duckdb
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from streamlit.testing.v1 import AppTest

from giamngheo import auth, db, importer, workbooks
from giamngheo.paths import APP

from tests.apptest import sign_in

HEADER = ("nam_ra_soat,ma_xa,ma_ho,so_nhan_khau,khu_vuc,phan_loai,thu_nhap_bq,chu_ho,thon,td_viec_lam,"
          "td_nguoi_phu_thuoc,td_bhyt,td_dinh_duong,td_trinh_do_giao_duc,td_di_hoc,td_chat_luong_nha,"
          "td_dien_tich_nha,td_nguon_nuoc,td_nha_tieu,td_vien_thong,td_tiep_can_thong_tin")


def household(hid: str, commune: str, cls: str = "ngheo", **values) -> str:
    row = dict(nam_ra_soat="2022", ma_xa=commune, ma_ho=hid, so_nhan_khau="3", khu_vuc="nong_thon", phan_loai=cls,
               thu_nhap_bq="1.000.000", chu_ho="Nguyễn Văn An", thon="Thôn 1",
               **{f: ("1" if i < 3 and cls == "ngheo" else "0") for i, f in enumerate(HEADER.split(",")[9:])})
    row.update(values)
    return ",".join(str(row[c]) for c in HEADER.split(","))


def csv_bytes(*rows: str) -> bytes:
    return (HEADER + "\n" + "\n".join(rows) + "\n").encode("utf-8")


@pytest.fixture
def con(empty_db):
    c = db.connect(empty_db)
    prepared = importer.prepare(c, "households", csv_bytes(household("H1", "19597"), household("H2", "19600")), "a.csv")
    assert importer.commit(c, prepared, "setup").outcome == "accepted"
    yield c
    c.close()


def copy_of(demo_db, tmp_path, name: str, *statements: str, users: tuple = ()) -> str:
    """A copy of the demo database for one test, changed by `statements`, with accounts (name, password, role, area)."""
    path = tmp_path / f"{name}.duckdb"
    shutil.copy(demo_db, path)
    con = db.connect(path)
    for statement in statements:
        con.execute(statement)
    for user in users:
        auth.add_user(con, *user)
    con.close()
    return str(path)


def fingerprint(con) -> tuple:
    return con.execute("select count(*), sum(hash(household_id, commune_code, classification)) from households"
                       ).fetchone()


# 1 ---------------------------------------------------------------------------------------------------------

def test_1_an_officer_cannot_take_over_a_neighbours_household(con):
    officer = auth.User("canbo_camlo", "can_bo", "19597", True)
    allowed = {"gso_2024": {"19597"}, "qd19_2025": set()}
    before = fingerprint(con)
    # H2 is recorded in 19600 (Xã Cam Tuyền) at the 2022 review: a row for it in 19597 would move it.
    prepared = importer.prepare(con, "households", csv_bytes(household("H2", "19597", "khong")), "x.csv", allowed=allowed)
    assert [(p.row, p.column, p.code) for p in prepared.problems] == [(2, "ma_ho", "held_elsewhere")]
    said = prepared.problems[0].text("vi") + prepared.problems[0].text("en")
    assert "19600" not in said and "Cam Tuyền" not in said  # nothing of the other commune
    assert importer.commit(con, prepared, officer).outcome == "rejected" and fingerprint(con) == before
    # Even a prepared move (as an administrator would prepare it) is refused to an officer at the write.
    moving = importer.prepare(con, "households", csv_bytes(household("H2", "19597")), "x.csv", allow_move=True)
    with pytest.raises(auth.AuthError):
        importer.commit(con, moving, officer)
    assert fingerprint(con) == before
    # An administrator moves it explicitly, and the move is on record.
    admin = auth.User("admin", "quan_tri", None, True)
    assert importer.commit(con, moving, admin).outcome == "accepted" and moving.moves == 1
    assert con.execute("select commune_code from households where household_id = 'H2'").fetchone()[0] == "19597"
    assert con.execute("select count(*) from audit_log where user_name = 'admin' and action = 'import' "
                       "and detail like '%moved 1 households%'").fetchone()[0] == 1


def test_1_the_command_line_moves_only_when_told(empty_db, tmp_path):
    con = db.connect(empty_db)
    importer.commit(con, importer.prepare(con, "households", csv_bytes(household("H2", "19600")), "a.csv"), "setup")
    con.close()
    path = tmp_path / "move.csv"
    path.write_bytes(csv_bytes(household("H2", "19597")))
    run = lambda *extra: subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "households", str(path),  # noqa: E731
                                         "--db", empty_db, *extra], capture_output=True, text=True)
    refused = run()
    assert refused.returncode == 2 and "held_elsewhere" not in refused.stderr and "xã khác" in refused.stderr
    assert run("--allow-move").returncode == 0


# 2 ---------------------------------------------------------------------------------------------------------

@pytest.fixture
def real_db(demo_db, tmp_path):
    """The demo's data as a real (not synthetic) database with no account yet."""
    return copy_of(demo_db, tmp_path, "real", "update metadata set value = 'false' where key = 'synthetic'")


def open_app(path, monkeypatch, read_only: bool = False, **params) -> AppTest:
    monkeypatch.setenv("GIAMNGHEO_DB", path)
    if read_only:  # the shared demo file, which this test process also holds open read-only
        monkeypatch.setenv("GIAMNGHEO_READ_ONLY", "1")
    else:
        monkeypatch.delenv("GIAMNGHEO_READ_ONLY", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def test_2_a_real_database_without_accounts_shows_nothing(real_db, monkeypatch):
    at = open_app(real_db, monkeypatch, nam="2022", tinh="Thành phố Hải Phòng", huyen="Huyện Thuỷ Nguyên")
    assert not at.exception
    assert any("chưa có tài khoản nào" in w.value for w in at.warning)
    assert "giamngheo user add" in at.code[0].value
    assert not at.metric and not at.dataframe and not at.selectbox  # no figures, no names, no filters
    assert not [w for w in at.warning if "Dữ liệu mô phỏng" in w.value]  # not called a demo either


# 3 ---------------------------------------------------------------------------------------------------------

def workbook_with(sheet_xml: str) -> bytes:
    """A minimal valid .xlsx whose first sheet is `sheet_xml`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
                   'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                   'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
                   'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/'
                   '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships"><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def sheet(dimension: str, rows: str) -> str:
    return (f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>')


ROWS = ('<row r="1"><c r="A1" t="inlineStr"><is><t>nam_ra_soat</t></is></c><c r="B1" t="inlineStr"><is><t>ma_xa</t>'
        '</is></c></row><row r="2"><c r="A2"><v>2022</v></c><c r="B2"><v>19597</v></c></row>')


def prepare_in_a_subprocess(path, seconds: int = 120) -> list[str]:
    """The problem codes of preparing a workbook, in a process of its own that may not run away: on the code before
    the fix the first file below ran for tens of minutes (the test then fails on the timeout)."""
    code = textwrap.dedent(f"""
        import duckdb
        from giamngheo import db, importer
        con = duckdb.connect()
        data = open({str(path)!r}, "rb").read()
        print(",".join(p.code for p in importer.prepare(con, "households", data, "f.xlsx").problems))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=seconds)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().split(",")


def test_3_a_tiny_workbook_declaring_a_million_rows_by_16384_columns_is_refused(tmp_path):
    path = tmp_path / "dimension.xlsx"
    path.write_bytes(workbook_with(sheet("A1:XFD1048576", ROWS)))
    assert path.stat().st_size < 5_000
    with pytest.raises(importer.ParseError) as refused:
        importer.read_rows(path.read_bytes(), path.name)
    assert refused.value.code == "too_large" and "1048576" in refused.value.vi
    assert prepare_in_a_subprocess(path) == ["too_large"]


def test_3_a_declared_dimension_is_not_trusted_for_padding(tmp_path):
    # Within the limits (200 columns) but a million rows declared for two written: the rows written are read.
    path = tmp_path / "declared.xlsx"
    path.write_bytes(workbook_with(sheet("A1:GR1048576", ROWS)))
    assert [number for number, _ in importer.read_rows(path.read_bytes(), path.name)] == [1, 2]
    assert "too_large" not in prepare_in_a_subprocess(path)


def test_3_a_zip_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    bomb = workbook_with(sheet("A1:A2", ROWS + '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 500_000))
    assert len(bomb) < 1_500_000 and sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist()) > 2e7

    def no_parsing(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr("python_calamine.CalamineWorkbook", no_parsing)
    with pytest.raises(importer.ParseError) as refused:
        importer.read_rows(bomb, "bomb.xlsx")
    assert refused.value.code == "too_large" and "MB" in refused.value.en


@pytest.mark.parametrize("dimension", ["A1:B2", "A1:GR1000000"])
def test_3_a_far_cell_in_a_small_file_is_refused_before_parsing(tmp_path, monkeypatch, dimension):
    # A workbook is held whole while it is read, as the rectangle from its first cell to its last: one cell at
    # GR1000000 (declared or not) would make 200 million cells of a 5 KB file.
    far = workbook_with(sheet(dimension, ROWS + '<row r="1000000"><c r="GR1000000"><v>1</v></c></row>'))
    assert len(far) < 5_000

    def no_parsing(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr("python_calamine.CalamineWorkbook", no_parsing)
    with pytest.raises(importer.ParseError) as refused:
        importer.read_rows(far, "far.xlsx")
    assert refused.value.code == "too_large"
    path = tmp_path / "far.xlsx"
    path.write_bytes(far)
    assert prepare_in_a_subprocess(path, seconds=60) == ["too_large"]


def test_3_a_cell_numbered_past_its_row_counts(tmp_path, monkeypatch):
    # Rows numbered 1 and 2, but the cells of row 2 addressed as A1000000 and GR1000000: still a far rectangle.
    far = workbook_with(sheet("A1:GR2", ROWS.replace('r="A2"', 'r="A1000000"').replace('r="B2"', 'r="GR1000000"')))
    with pytest.raises(importer.ParseError) as refused:
        importer.read_rows(far, "far.xlsx")
    assert refused.value.code == "too_large"


# 4 ---------------------------------------------------------------------------------------------------------

def test_4_a_role_that_may_not_write_cannot_write(con):
    targets = "nam_ra_soat,ma_dv,chi_tieu,gia_tri\n2022,19597,giam_ty_le_ngheo_pp,1\n".encode()
    prepared = importer.prepare(con, "targets", targets, "nhap_tay.csv")
    for role in ("lanh_dao", "phan_tich"):
        with pytest.raises(auth.AuthError):
            importer.commit(con, prepared, auth.User("x", role, "19597", False))
    assert con.execute("select count(*) from targets").fetchone()[0] == 0
    officer = auth.User("canbo_camlo", "can_bo", "19597", True)
    assert importer.commit(con, prepared, officer).outcome == "accepted"
    assert con.execute("select user_name from imports where kind = 'targets'").fetchone()[0] == "canbo_camlo"
    assert con.execute("select user_name from audit_log where action = 'import' and detail like 'targets%'"
                       ).fetchone()[0] == "canbo_camlo"


def test_4_a_leader_gets_no_target_form(demo_db, tmp_path, monkeypatch):
    path = copy_of(demo_db, tmp_path, "leader", users=[("ld_thachha", "matkhau-lanh-dao", "lanh_dao", "445")])
    at = sign_in(open_app(path, monkeypatch, nam="2020", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà"), "ld_thachha",
                 "matkhau-lanh-dao")
    at.switch_page("pages/targets.py").run()
    assert not at.exception and at.title[0].value.startswith("Chỉ tiêu giảm nghèo")
    assert not [e for e in at.expander if e.label == "Nhập chỉ tiêu"]


# 5 ---------------------------------------------------------------------------------------------------------

HOSTILE = ["=HYPERLINK(\"http://x\",\"bấm\")", "+cmd", "-1+1", "@SUM(A1)", "\tx"]


def test_5_imported_text_never_becomes_a_formula():
    frame = pd.DataFrame({"Họ tên chủ hộ": HOSTILE, "Nhân khẩu": [3, 2, 1, 4, -2]})
    sheet = load_workbook(io.BytesIO(workbooks.frame_xlsx(frame))).active
    cells = [sheet.cell(row, 1) for row in range(2, 7)]
    assert [c.value for c in cells] == HOSTILE and all(c.data_type == "s" for c in cells)
    assert sheet.cell(6, 2).value == -2  # numbers stay numbers
    read_back = pd.read_csv(io.BytesIO(workbooks.frame_csv(frame)), encoding="utf-8-sig")
    assert list(read_back["Họ tên chủ hộ"]) == ["'" + v for v in HOSTILE]  # each opens as text
    assert list(read_back["Nhân khẩu"]) == [3, 2, 1, 4, -2]


def test_5_notes_in_the_scorecard_workbook_and_the_report(demo_db, tmp_path):
    path = copy_of(demo_db, tmp_path, "notes", "update targets set note = '=HYPERLINK(\"http://x\",\"bấm\")' "
                                               "where area_code = '445' and review_year = 2020")
    out = tmp_path / "bieu.xlsx"
    subprocess.run([sys.executable, "-m", "giamngheo.cli", "export", "xlsx", "--area", "445", "--year", "2020", "--out",
                    str(out), "--db", str(path)], check=True, capture_output=True)
    notes = [c for c in load_workbook(out)["Chỉ tiêu"]["J"] if c.value and "HYPERLINK" in str(c.value)]
    assert notes and all(c.data_type == "s" for c in notes)
    report = subprocess.run([sys.executable, "-m", "giamngheo.cli", "report", "targets", "--area", "445", "--year",
                             "2020", "--db", str(path)], check=True, capture_output=True, text=True).stdout
    assert "'=HYPERLINK" in report


# 6 and 11 --------------------------------------------------------------------------------------------------

LONG = "Mật khẩu rất dài của cán bộ xã, có dấu tiếng Việt đầy đủ cho chắc chắn"  # 72 characters, over 72 bytes


def test_6_passwords_of_any_length(empty_db):
    assert len(LONG.encode("utf-8")) > 72
    con = db.connect(empty_db)
    try:
        auth.add_user(con, "canbo", LONG, "can_bo", "19597")
        assert auth.authenticate(con, "canbo", LONG).name == "canbo"
        with pytest.raises(auth.AuthError):
            auth.authenticate(con, "canbo", LONG + "!")  # a wrong password, counted as one
        assert con.execute("select failed_attempts from users").fetchone()[0] == 1
        with pytest.raises(auth.AuthError, match="at most"):
            auth.set_password(con, "canbo", "x" * (auth.MAX_PASSWORD + 1))
    finally:
        con.close()


def test_6_accounts_hashed_before_pre_hashing_still_sign_in_and_are_rehashed(empty_db):
    import bcrypt

    con = db.connect(empty_db)
    try:
        auth.add_user(con, "cu", "mat-khau-cu-1", "can_bo", "19597")
        old = bcrypt.hashpw(b"mat-khau-cu-1", bcrypt.gensalt(4)).decode()
        con.execute("update users set password_hash = ?", [old])
        auth.authenticate(con, "cu", "mat-khau-cu-1")
        assert con.execute("select password_hash from users").fetchone()[0].startswith(auth.PREHASHED)
    finally:
        con.close()


def test_11_an_unknown_name_costs_what_a_real_account_costs():
    # The sign-in answer for a name that is no account checks a hash made like a real one (same bcrypt cost):
    # the timing cannot tell them apart. Measured side by side in bench/sign_in.py.
    real, dummy = auth.hash_password("mot-mat-khau"), auth._unknown_user_hash()
    assert dummy.startswith(auth.PREHASHED) and dummy.split("$")[3] == real.split("$")[3] == str(auth.BCRYPT_ROUNDS)


# 7 ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("revoke", ["disable", "passwd", "rescope"])
def test_7_revoking_an_account_ends_its_open_session(demo_db, tmp_path, monkeypatch, revoke):
    path = copy_of(demo_db, tmp_path, "sessions", users=[("canbo_camlo", "matkhau-can-bo-1", "can_bo", "19597")])
    at = sign_in(open_app(path, monkeypatch, nam="2022", tinh="Tỉnh Quảng Trị"), "canbo_camlo", "matkhau-can-bo-1")
    assert at.title[0].value == "Thị trấn Cam Lộ · Năm rà soát 2022"
    c = duckdb.connect(path)  # the same process: the dashboard's connection shares the file
    {"disable": lambda: auth.disable_user(c, "canbo_camlo", "admin"),
     "passwd": lambda: auth.set_password(c, "canbo_camlo", "mat-khau-moi-123", "admin"),
     "rescope": lambda: auth.rescope(c, "canbo_camlo", "19600", "admin")}[revoke]()
    assert auth.account(c, "canbo_camlo", valid_since=datetime.now() - timedelta(minutes=1)) is None
    at.run()  # the session's next action: the sign-in form, nothing else
    assert "session" not in at.session_state and not at.metric and at.text_input(key="login_password")
    assert c.execute("select end_reason from sessions where user_name = 'canbo_camlo'").fetchall() == [("account changed",)]
    c.close()


# 8 ---------------------------------------------------------------------------------------------------------

def test_8_numbers_out_of_range_are_row_errors(con):
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append([2022, "19597", "H9", 3, "nong_thon", "ngheo", 1e30, "A", "B", *[1, 1, 1] + [0] * 9])
    book.active.append([2022, "19597", "H10", 3_000_000_000, "nong_thon", "khong", 2_000_000, "A", "B", *[0] * 12])
    buffer = io.BytesIO()
    book.save(buffer)
    before = fingerprint(con)
    prepared = importer.prepare(con, "households", buffer.getvalue(), "so.xlsx")
    assert [(p.row, p.column, p.code) for p in prepared.problems] == [
        (2, "thu_nhap_bq", "out_of_range"), (3, "so_nhan_khau", "out_of_range")]
    targets = f"nam_ra_soat,ma_dv,chi_tieu,gia_tri\n2022,19597,so_ho_thoat_ngheo,1{'0' * 400}\n" \
              "2022,19597,bhyt_pct,120\n".encode()
    prepared = importer.prepare(con, "targets", targets, "t.csv")
    assert [(p.row, p.code) for p in prepared.problems] == [(2, "bad_number"), (3, "out_of_range")]
    assert fingerprint(con) == before


def test_8_the_command_line_refuses_with_exit_2(empty_db, tmp_path):
    path = tmp_path / "so.csv"
    path.write_bytes(csv_bytes(household("H11", "19597", so_nhan_khau="3000000000")))
    cli = subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "households", str(path), "--db", empty_db],
                         capture_output=True, text=True)
    assert cli.returncode == 2 and "Traceback" not in cli.stderr and "ngoài khoảng cho phép" in cli.stderr


# 9 ---------------------------------------------------------------------------------------------------------

def test_9_a_file_without_income_shows_on_the_households_page(empty_db, monkeypatch):
    con = db.connect(empty_db)
    without_income = pd.read_csv(io.BytesIO(csv_bytes(household("H1", "19597"))), dtype=str).drop(columns="thu_nhap_bq")
    prepared = importer.prepare(con, "households", without_income.to_csv(index=False).encode(), "a.csv")
    assert importer.commit(con, prepared, "setup").outcome == "accepted"
    con.execute("update metadata set value = 'true' where key = 'synthetic'")  # open, as the demo
    con.close()
    at = open_app(empty_db, monkeypatch, nam="2022", tinh="Tỉnh Quảng Trị", huyen="Huyện Cam Lộ")
    at.switch_page("pages/households.py").run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "Mã hộ" in d.value.columns)
    assert list(table["Mã hộ"]) == ["H1"]


# low -------------------------------------------------------------------------------------------------------

def test_low_a_bad_slide_number_opens_the_first_slide(demo_db, monkeypatch):
    at = open_app(demo_db, monkeypatch, read_only=True, nam="2022", tinh="Thành phố Hải Phòng",
                  huyen="Huyện Thuỷ Nguyên", trang="abc")
    at.switch_page("pages/present.py").run()
    assert not at.exception and at.title[0].value == "Huyện Thuỷ Nguyên · Năm rà soát 2022"


def test_low_an_officer_sees_only_their_own_imports(demo_db, tmp_path, monkeypatch):
    path = copy_of(demo_db, tmp_path, "log", users=[("canbo_camlo", "matkhau-can-bo-1", "can_bo", "19597")])
    at = sign_in(open_app(path, monkeypatch), "canbo_camlo", "matkhau-can-bo-1")
    at.switch_page("pages/import.py").run()
    log = next(d.value for d in at.dataframe if "sha256" in d.value.columns)
    assert log.empty  # the demo's imports (the whole country) are not the officer's


def test_low_a_database_held_by_an_import_says_so(demo_db, tmp_path, monkeypatch):
    path = copy_of(demo_db, tmp_path, "busy")
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
                               "print('held', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        at = open_app(path, monkeypatch)
        assert not at.exception and any("đang được một tiến trình khác ghi" in e.value for e in at.error)
    finally:
        holder.kill()
        holder.wait()


def test_low_a_year_written_as_a_date_is_one_problem(con):
    data = "nam_ra_soat,ma_xa,ma_ho,so_nhan_khau,khu_vuc,phan_loai\n2022-12-01,19597,H5,3,nong_thon,khong\n".encode()
    assert [(p.column, p.code) for p in importer.prepare(con, "households", data, "d.csv").problems] == [
        ("nam_ra_soat", "bad_number")]


def test_low_names_and_codes_have_bounds(con):
    with pytest.raises(auth.AuthError):
        auth.add_user(con, "", "mot-mat-khau-dai", "can_bo", "19597")
    prepared = importer.prepare(con, "households", csv_bytes(household("H" * 100_000, "19597")), "long.csv")
    assert [(p.column, p.code) for p in prepared.problems] == [("ma_ho", "too_long")]
    assert len(prepared.problems[0].value) < 50  # the report does not echo a 100.000-character value


def test_low_uploaded_names_are_not_markdown():
    from components.imports import plain

    assert plain("[bấm](http://x) ![a](b.png) tot.csv") == r"\[bấm\]\(http\://x\) \!\[a\]\(b\.png\) tot\.csv"


def test_low_an_account_of_a_merged_pre_2025_commune_is_flagged(empty_db):
    con = db.connect(empty_db)
    try:
        # Thị trấn Cam Lộ (19597, end-2024) became part of Xã Cam Lộ (19597 again, with three other communes).
        auth.add_user(con, "cu", "mot-mat-khau-dai", "can_bo", "19597")
        con.execute("update users set area_list = null, created_at = ?", [datetime(2024, 3, 1)])
        auth.add_user(con, "moi", "mot-mat-khau-dai", "can_bo", "19597")  # made now: the new Xã Cam Lộ
        users = auth.list_users(con).set_index("name")
        assert bool(users.loc["cu", "needs_rescoping"]) and not bool(users.loc["moi", "needs_rescoping"])
        assert auth.authenticate(con, "cu", "mot-mat-khau-dai").needs_rescoping
        auth.rescope(con, "cu", "19597")
        assert not auth.list_users(con).set_index("name").loc["cu", "needs_rescoping"]
    finally:
        con.close()
