"""The official report set (forms R1-R15): the exported workbook recalculated by LibreOffice, as an official opens
it, against the command line's reports, the forms' identities in households and in persons, the named lists,
and the forms page."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from giamngheo import comparison, db, forms, queries

APP = Path(__file__).resolve().parent.parent / "app.py"
CASES = [("311", 2022), ("42", 2024), ("42", 2025), ("445", 2021), ("468", 2019)]


@pytest.fixture(scope="module")
def forms_db(demo_db, tmp_path_factory) -> str:
    """A copy of the demo database: `export` writes its audit row, which needs the file to itself."""
    path = tmp_path_factory.mktemp("forms") / "demo.duckdb"
    shutil.copy(demo_db, path)
    return str(path)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "giamngheo.cli", *args], capture_output=True, text=True)


def report(db_path: str, name: str, area: str, year: int) -> list[dict]:
    result = cli("report", name, "--area", area, "--year", str(year), "--format", "json", "--db", db_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def recalculated(path: Path, tmp_path: Path) -> Path:
    """The workbook opened and saved by LibreOffice (Debian's, from the README's set-up), which computes every
    formula: what an official sees."""
    out = tmp_path / "recalculated"
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is installed by `make debian`"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "xlsx", "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
    return out / path.name


@pytest.fixture(scope="module", params=CASES, ids=[f"{a}-{y}" for a, y in CASES])
def exported(request, forms_db, tmp_path_factory):
    area, year = request.param
    tmp = tmp_path_factory.mktemp(f"bieu-{area}-{year}")
    path = tmp / f"bieu_{area}_{year}.xlsx"
    result = cli("export", "xlsx", "--area", area, "--year", str(year), "--out", str(path), "--db", forms_db)
    assert result.returncode == 0, result.stderr
    values = load_workbook(recalculated(path, tmp), data_only=True)
    con = db.connect(forms_db, read_only=True)
    try:
        built = {f.code: f for f in forms.build(con, area, year)}
    finally:
        con.close()
    return area, year, load_workbook(path), values, built


def rows_of(sheet, first: int = 6) -> list[tuple]:
    return list(sheet.iter_rows(min_row=first, values_only=True))


def labelled(sheet, label_start: str, split: str | None = None) -> tuple:
    """The row whose unit name starts with `label_start` (and whose Phân tổ is `split`)."""
    return next(r for r in rows_of(sheet) if isinstance(r[1], str) and r[1].startswith(label_start)
                and (split is None or r[2] == split))


def test_every_formula_evaluates_to_the_figure_on_screen(exported):
    """LibreOffice's value of every cell, formula or not, is the form's value as the forms page shows it."""
    _, _, formulas, values, built = exported
    checked = 0
    for code, form in built.items():
        sheet = values[form.sheet]
        first = form.first_column
        for i, row in enumerate(form.rows):
            if row.kind == "heading":
                continue
            for j, column in enumerate(form.columns):
                expected = row.values.get(column.key)
                got = sheet.cell(6 + i, first + j).value
                if column.kind == "text":
                    continue
                if expected is None:
                    assert got is None, (code, i, column.key, got)
                else:
                    assert got == pytest.approx(expected, rel=1e-9, abs=1e-9), (code, row.label, column.key)
                    checked += formulas[form.sheet].cell(6 + i, first + j).data_type == "f"
    assert checked > 100  # formulas were compared, not only values


def test_totals_match_the_command_line_reports(exported, forms_db):
    area, year, _, values, _ = exported
    summary = report(forms_db, "summary", area, year)[0]
    total = rows_of(values["R1 Ket qua"])[-1]
    assert total[1].startswith("Tổng cộng")
    assert (total[2], total[4], total[6]) == (summary["total_households"], summary["poor"], summary["near_poor"])
    assert total[5] == pytest.approx(summary["poor_rate_pct"]) and total[7] == pytest.approx(summary["near_poor_rate_pct"])
    assert (total[10], total[12]) == (summary["poor_persons"], summary["near_poor_persons"])
    for name, sheet, keys in (("transitions", "R2 Dien bien", comparison.FLOW_KEYS),
                              ("near_poor_transitions", "R3 Dien bien can ngheo",
                               comparison.NEAR_POOR_KEYS)):
        flows = report(forms_db, name, area, year)[0]
        rows = [r for r in rows_of(values[sheet]) if r[2] == "Hộ"]
        whole = rows[-1]  # the area's own row, or the total where the area is one commune
        assert whole[3:12] == tuple(flows[k] for k in keys), sheet
        assert rows[-2 if len(rows) > 2 else -1][3] == flows[keys[0]]  # the communes' starts add up to the area's
    deprivation = {d["indicator"]: d for d in report(forms_db, "deprivation", area, year)}
    r4 = values["R4 Thieu hut ngheo"]
    header = [c.value for c in r4[4]]
    r4_total = rows_of(r4)[-1]
    assert r4_total[2] == summary["poor"]
    for d in deprivation.values():
        assert r4_total[header.index(d["label_vi"])] == d["deprived"], d["indicator"]
    r5_total = rows_of(values["R5 Ty le ngheo"])[-1]
    r5_header = [c.value for c in values["R5 Ty le ngheo"][4]]
    for d in deprivation.values():
        assert r5_total[r5_header.index(d["label_vi"])] == pytest.approx(d["share_pct"]), d["indicator"]
    assert rows_of(values["R6 Thieu hut can_ngheo"])[-1][2] == summary["near_poor"]
    for sheet, key in (("R12 Tong hop ngheo", "poor"), ("R13 Tong hop can ngheo", "near_poor")):
        assert rows_of(values[sheet])[-1][2] == summary[key], sheet  # stayed + arrived = the class at the review
    groups = report(forms_db, "groups", area, year)
    r8 = values["R8 Nhom doi tuong"]
    header, r8_total = [c.value for c in r8[4]], rows_of(r8)[-1]
    for g in groups:
        column = header.index(f"{g['label_vi']} – nghèo")
        assert (r8_total[column], r8_total[column + 1]) == (g["poor"], g["near_poor"]), g["group"]


def test_the_dynamics_identity_in_households_and_persons(exported):
    """R2 and R3: end = start − decreases + increases on every row, households and persons, and the persons'
    start and end are the members of the class's households at the two reviews."""
    area, year, _, values, _ = exported
    for sheet in ("R2 Dien bien", "R3 Dien bien can ngheo"):
        rows = [r for r in rows_of(values[sheet]) if r[2] in ("Hộ", "Nhân khẩu")]
        assert {r[2] for r in rows} == {"Hộ", "Nhân khẩu"}
        for r in rows:
            start, d1, d2, d3, i1, i2, i3, i4, end = r[3:12]
            assert end == start - d1 - d2 - d3 + i1 + i2 + i3 + i4, (sheet, r)
            if r[2] == "Nhân khẩu":
                households = next(h for h in rows if h[1] == r[1] and h[2] == "Hộ")
                assert r[3] >= households[3] and r[11] >= households[11]  # a household has one member or more


def test_r1_counts_average_living_households_but_never_in_the_rates(exported, forms_db):
    area, year, _, values, _ = exported
    con = db.connect(forms_db, read_only=True)
    try:
        average = con.execute("select count(*) from households where review_year = ? and classification = 'trung_binh' "
                              "and commune_code in (select code from area_communes(?, ?))", [year, area, year]).fetchone()[0]
    finally:
        con.close()
    total = rows_of(values["R1 Ket qua"])[-1]
    assert total[8] == average
    summary = report(forms_db, "summary", area, year)[0]
    assert summary["poor_rate_pct"] == pytest.approx(100 * summary["poor"] / summary["total_households"])


def test_ethnicity_and_causes_forms(exported, forms_db):
    area, year, _, values, _ = exported
    con = db.connect(forms_db, read_only=True)
    try:
        ethnic = queries.run(con, "ethnicity", area=area, year=year)
        causes = queries.run(con, "causes", area=area, year=year)
    finally:
        con.close()
    r9 = values["R9 Dan toc"]
    header, total = [c.value for c in r9[4]], rows_of(r9)[-1]
    minority = ethnic[ethnic.minority]
    assert total[header.index("Hộ nghèo – DTTS")] == minority.poor.sum()
    assert total[header.index("Hộ nghèo – dân tộc Kinh")] == ethnic[~ethnic.minority].poor.sum()
    assert total[header.index("Hộ nghèo – tổng số")] == ethnic.poor.sum()
    if len(minority) and minority.total_ethnic_minority_households.notna().any():
        assert total[header.index("Tỷ lệ hộ nghèo DTTS (%)")] == pytest.approx(minority.minority_poor_rate_pct.iloc[0])
    for row in minority[minority.ethnicity.notna()].itertuples():
        assert total[header.index(f"Hộ nghèo – {row.name}")] == row.poor
    r10 = values["R10 Nguyen nhan"]
    header, total = [c.value for c in r10[4]], rows_of(r10)[-1]
    for c in causes.itertuples():
        assert total[header.index(f"{c.label_vi} (hộ nghèo)")] == c.mentioned, c.cause
    assert total[header.index("Tổng số hộ nghèo")] == causes.households.iloc[0]


def test_the_cover_and_the_children_form(exported):
    area, year, formulas, _, built = exported
    cover = formulas["Bia"]
    assert formulas.sheetnames[0] == "Bia"
    listed = [r[1] for r in cover.iter_rows(min_row=8, values_only=True)]
    assert listed == [f.sheet for f in built.values()] and len(built) == 15
    standard = "2016-2020" if year <= 2020 else "2022-2025"
    assert standard in cover["A3"].value
    assert ("Thông tư 17/2016" if year <= 2020 else "Thông tư 07/2021") in cover["A4"].value
    assert "DỮ LIỆU MÔ PHỎNG" in cover["A2"].value
    r11 = formulas["R11 Tre em"]
    assert "không có dữ liệu trẻ em" in r11["B6"].value
    for sheet in formulas.worksheets[1:16]:
        assert "DỮ LIỆU MÔ PHỎNG" in sheet["A2"].value and f"Năm rà soát {year}" in sheet["A2"].value
        assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$4:$5"


def test_named_lists_masked_unless_asked_and_audited(forms_db, tmp_path):
    masked = tmp_path / "masked.xlsx"
    assert cli("export", "xlsx", "--area", "19597", "--year", "2019", "--out", str(masked), "--db", forms_db).returncode == 0
    named = tmp_path / "named.xlsx"
    assert cli("export", "xlsx", "--area", "19597", "--year", "2019", "--out", str(named), "--db", forms_db,
               "--names").returncode == 0
    con = db.connect(forms_db, read_only=True)
    try:
        poor = con.execute("select household_id, head_name, village from households where review_year = 2019 "
                           "and commune_code = '19597' and classification = 'ngheo' order by household_id").fetchall()
        audit = con.execute("select detail from audit_log where action = 'export' order by happened_at desc limit 2").fetchall()
    finally:
        con.close()
    masked_rows = [r for r in rows_of(load_workbook(masked)["R14 DS ho ngheo"]) if isinstance(r[0], int)]
    named_rows = [r for r in rows_of(load_workbook(named)["R14 DS ho ngheo"]) if isinstance(r[0], int)]
    assert len(masked_rows) == len(named_rows) == len(poor)
    assert [r[2] for r in masked_rows] == [h for h, _, _ in poor]
    assert {r[3] for r in masked_rows} == {"(ẩn)"} and {r[4] for r in masked_rows} == {"(ẩn)"}
    assert [r[3] for r in named_rows] == [n for _, n, _ in poor]
    assert "with names" in audit[0][0] and "with names" not in audit[1][0]
    protected = tmp_path / "protected.xlsx"
    assert cli("export", "xlsx", "--area", "19597", "--year", "2019", "--out", str(protected), "--db", forms_db,
               "--names", "--protect").returncode == 0  # protection masks the names whatever is asked
    assert {r[3] for r in rows_of(load_workbook(protected)["R14 DS ho ngheo"]) if isinstance(r[0], int)} == {"(ẩn)"}


def test_a_form_alone_and_its_pair(forms_db):
    con = db.connect(forms_db, read_only=True)
    try:
        assert [f.code for f in forms.build(con, "311", 2022, only="R9")] == ["R9"]
        assert [f.code for f in forms.build(con, "311", 2022, only="R5")] == ["R4", "R5"]  # rates over counts
        assert [f.code for f in forms.build(con, "311", 2022, only="R6")] == ["R6", "R7"]
    finally:
        con.close()


@pytest.fixture
def served_demo(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("GIAMNGHEO_DB", str(path))
    monkeypatch.delenv("GIAMNGHEO_READ_ONLY", raising=False)
    return path


def test_forms_page_shows_the_workbooks_figures(served_demo):
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"nam": "2022", "tinh": "Thành phố Hải Phòng", "huyen": "Huyện Thuỷ Nguyên"})
    at.run()
    at.switch_page("pages/forms.py").run()
    assert not at.exception
    assert at.title[0].value == "Biểu mẫu báo cáo · Huyện Thuỷ Nguyên · 2022"
    picker = at.selectbox(key="bieu")
    assert len(picker.options) == 15
    html = at.get("html")[0].proto.body
    assert "1.118" in html and "110.300" in html and "4 = 3/1 × 100" in html
    picker.set_value("R9").run()
    html = at.get("html")[0].proto.body
    assert "Hộ nghèo – DTTS" in html and "2 = 3+4" in html
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Tải biểu R9 (Excel)" in labels and "Tải cả bộ biểu (Excel)" in labels


@pytest.fixture
def accounts(analyst_db):
    """The forms page as a signed-in analyst or leader sees it."""
    from tests.apptest import sign_in

    def forms_page(name, password, form):
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.query_params.update({"nam": "2024", "tinh": "Thành phố Hải Phòng", "huyen": "Huyện Thuỷ Nguyên"})
        at.run()
        sign_in(at, name, password)
        at.switch_page("pages/forms.py").run()
        at.selectbox(key="bieu").set_value(form).run()
        assert not at.exception, at.exception
        return at

    return forms_page


def test_the_forms_page_protects_and_masks_as_the_role_requires(accounts, demo_con):
    exact = queries.run(demo_con, "official_results", area="311", year=2024)
    analyst = accounts("pt", "matkhau-phan-tich", "R1")
    html = analyst.get("html")[0].proto.body
    assert "dưới 3 hộ" in html or any("dưới 3 hộ" in c.value for c in analyst.caption)
    small = exact[exact.poor.between(1, 2)].commune_name
    assert len(small)  # the rule has something to hide in Thủy Nguyên 2024
    listed = accounts("pt", "matkhau-phan-tich", "R14").get("html")[0].proto.body
    assert "(ẩn)" in listed
    leader = accounts("ld", "matkhau-lanh-dao", "R14")
    assert any("không xem danh sách hộ" in i.value for i in leader.info)


def test_the_mean_per_household_is_not_a_percentage(demo_con):
    """R12's mean deprivations: total deprivations / households, numbered and computed without × 100."""
    [r12] = forms.build(demo_con, "311", 2022, only="R12")
    header = dict(zip([c.key for c in r12.columns], r12.numbers()[2:]))
    assert header["mean"].endswith(" = 12/1")
    total = r12.rows[-1].values
    assert total["mean"] == pytest.approx(total["deprivations"] / total["total"])


def test_districts_are_numbered_past_twenty_five():
    """Hà Nội had 30 districts and Thanh Hóa 27 before July 2025: the forms number every one."""
    assert [forms.roman(n) for n in (1, 4, 9, 14, 27, 30)] == ["I", "IV", "IX", "XIV", "XXVII", "XXX"]


def test_r8_counts_the_supported_households(demo_con):
    """R8's support columns: the poor and near-poor households that received each type, once per household."""
    [r8] = forms.build(demo_con, "436", 2018, only="R8")
    total = r8.rows[-1].values
    expected = dict(demo_con.execute("""
        select s.support_type, count(distinct s.household_id) from support s
        join households h using (review_year, household_id)
        where s.review_year = 2018 and h.district_code = '436' and h.classification in ('ngheo', 'can_ngheo')
        group by all""").fetchall())
    assert expected and {k: total[f"support:{k}"] for k in expected} == expected
    assert {k for k in total if k.startswith("support:") and total[k]} == {f"support:{k}" for k in expected}
