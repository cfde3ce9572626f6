"""The review season: every step by every role from every status, the lock on approved reviews (an import exits 2
and changes nothing until an administrator reopens the review; the approved figures stay reproducible), and the
status said by every export."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta

import duckdb
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from giamngheo import auth, db, importer, queries, reports, review

YEAR, PROVINCE = 2026, "42"  # the demo's review in season: Hà Tĩnh's communes in every status


@pytest.fixture
def season(demo_db, tmp_path) -> str:
    path = tmp_path / "season.duckdb"
    shutil.copy(demo_db, path)
    return str(path)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "giamngheo.cli", *args], capture_output=True, text=True)


def communes_in(con, status: str, area: str = PROVINCE, year: int = YEAR) -> list[str]:
    frame = queries.run(con, "review_progress", area=area, year=year)
    return list(frame.commune_code[frame.status == status])


def status_of(con, commune: str, year: int = YEAR) -> str:
    return review.status(con, commune, year)


def put(con, commune: str, status: str) -> None:
    """Set a commune's review to `status` directly (an approved one with an approval to keep)."""
    con.execute("delete from review_status where review_year = ? and commune_code = ?", [YEAR, commune])
    if status != review.UNDER_REVIEW:
        con.execute("insert into review_status values (?, 'qd19_2025', ?, ?, ?, null, 'setup', now(), ?)",
                    [YEAR, commune, status, "1/QĐ" if status == review.APPROVED else None,
                     999 if status == review.APPROVED else None])


def test_the_demo_is_in_season(demo_con):
    """Every review before 2026 approved with its decision; the 2026 review has communes in every status."""
    assert demo_con.execute("""
        select count(*) from (select distinct review_year, commune_code from households where review_year < 2026)
        anti join review_status using (review_year, commune_code)
    """).fetchone()[0] == 0
    assert demo_con.execute("select count(*) from review_status where review_year < 2026 and "
                            "(status <> 'da_phe_duyet' or decision not like '%/QĐ-UBND ngày %')").fetchone()[0] == 0
    statuses = set(queries.run(demo_con, "review_progress", area=PROVINCE, year=YEAR).status)
    assert statuses == {*review.STATUSES, "chua_co_so_lieu"}


@pytest.mark.parametrize("role", auth.ROLES)
def test_every_step_by_every_role_from_every_status(season, role):
    """A step is taken when the role may take it and the review's status allows it; otherwise it is refused with
    the reason and nothing changes. Taken steps are audited with who and when."""
    con = db.connect(season)
    commune = communes_in(con, review.UNDER_REVIEW)[0]
    user = auth.User(f"nguoi_{role}", role, PROVINCE, True)
    try:
        for step, (starts, roles) in review.STEPS.items():
            for start in review.STATUSES:
                put(con, commune, start)
                args = dict(decision="12/QĐ-UBND ngày 01/12/2026", reason="phúc tra")
                allowed = role in roles and start in starts
                if allowed:
                    review.take(con, user, step, [commune], YEAR, **args)
                    assert status_of(con, commune) == review.OUTCOME[step], (step, start)
                    who, detail = con.execute("select user_name, detail from audit_log where action = 'review' "
                                              "order by happened_at desc limit 1").fetchone()
                    assert who == user.name and detail.startswith(f"{step} commune={commune} year={YEAR}")
                else:
                    with pytest.raises(review.ReviewError):
                        review.take(con, user, step, [commune], YEAR, **args)
                    assert status_of(con, commune) == start, (step, start)
    finally:
        con.close()


def test_an_account_takes_steps_only_in_its_area(season):
    con = db.connect(season)
    try:
        mine, other = communes_in(con, review.UNDER_REVIEW)[:2]
        officer = auth.User("canbo", "can_bo", mine, True)
        with pytest.raises(review.ReviewError, match="ngoài địa bàn"):
            review.take(con, officer, "submit", [other], YEAR)
        review.take(con, officer, "submit", [mine], YEAR)
        assert (status_of(con, mine), status_of(con, other)) == (review.SUBMITTED, review.UNDER_REVIEW)
    finally:
        con.close()


def test_a_decision_to_approve_a_reason_to_reopen_data_to_submit(season):
    con = db.connect(season)
    try:
        submitted = communes_in(con, review.SUBMITTED)[0]
        with pytest.raises(review.ReviewError, match="quyết định"):
            review.take(con, "admin", "approve", [submitted], YEAR, decision="  ")
        approved = communes_in(con, review.APPROVED)[0]
        with pytest.raises(review.ReviewError, match="lý do"):
            review.take(con, "admin", "reopen", [approved], YEAR)
        empty = communes_in(con, "chua_co_so_lieu")
        with pytest.raises(review.ReviewError, match="chưa có số liệu"):
            review.take(con, "admin", "submit", [empty[0]], YEAR)
        with pytest.raises(review.ReviewError, match="code list"):
            review.take(con, "admin", "submit", ["445"], YEAR)  # a district: none after 1 July 2025
    finally:
        con.close()


def test_a_step_for_several_communes_is_all_or_none(season):
    con = db.connect(season)
    try:
        ready = communes_in(con, review.UNDER_REVIEW)
        approved = communes_in(con, review.APPROVED)[0]
        before = con.execute("select count(*) from audit_log").fetchone()[0]
        with pytest.raises(review.ReviewError):
            review.take(con, "admin", "submit", [*ready, approved], YEAR)
        assert {status_of(con, c) for c in ready} == {review.UNDER_REVIEW}
        assert con.execute("select count(*) from audit_log").fetchone()[0] == before
    finally:
        con.close()


def household_csv(path, *rows: tuple[str, str, str], year: int = YEAR) -> str:
    """A small household file: (commune, household code, class) per row."""
    lines = ["nam_ra_soat,ma_xa,ma_ho,so_nhan_khau,khu_vuc,phan_loai"]
    lines += [f"{year},{commune},{hid},3,nong_thon,{cls}" for commune, hid, cls in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def fingerprint(path: str) -> tuple:
    con = duckdb.connect(path, read_only=True)
    try:
        return con.execute("select (select count(*) from households), (select sum(hash(household_id, commune_code, "
                           "classification)) from households), (select count(*) from population), "
                           "(select count(*) from imports)").fetchone()
    finally:
        con.close()


def summary(path: str, area: str, *extra: str) -> dict:
    run = cli("report", "summary", "--db", path, "--area", area, "--year", str(YEAR), "--format", "json", *extra)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)[0]


def test_an_approved_review_is_locked_until_reopened_and_stays_reproducible(season, tmp_path):
    con = db.connect(season, read_only=True)
    commune = communes_in(con, review.APPROVED)[0]
    open_commune = communes_in(con, review.UNDER_REVIEW)[0]
    decision = con.execute("select decision from review_status where review_year = ? and commune_code = ?",
                           [YEAR, commune]).fetchone()[0]
    poor = con.execute("select household_id from households where review_year = ? and commune_code = ? and "
                       "classification = 'ngheo' order by household_id limit 2", [YEAR, commune]).fetchall()
    con.close()
    approved = summary(season, commune)
    assert approved["official"] and approved["communes_approved"] == approved["communes_total"] == 1
    before = fingerprint(season)

    # Any row of the approved review, a household moved out of it, or its population: exit 2, nothing written.
    corrected = household_csv(tmp_path / "sua.csv", (commune, poor[0][0], "khong"))
    moved = household_csv(tmp_path / "chuyen.csv", (open_commune, poor[1][0], "ngheo"))
    population = tmp_path / "dan_so.csv"
    population.write_text(f"nam_ra_soat,ma_xa,tong_so_ho\n{YEAR},{commune},9999\n", encoding="utf-8")
    for path, extra in ((corrected, ()), (moved, ("--allow-move",)), (str(population), ())):
        kind = "population" if path == str(population) else "households"
        refused = cli("import", kind, path, "--db", season, *extra)
        assert refused.returncode == 2, refused.stderr
        assert decision in refused.stderr and "mở lại" in refused.stderr
    assert fingerprint(season) == before

    # Reopened by an administrator, with a reason: the correction goes in and the current figures change...
    reopened = cli("review", "reopen", "--commune", commune, "--year", str(YEAR), "--reason", "phúc tra", "--db", season)
    assert reopened.returncode == 0, reopened.stderr
    assert cli("import", "households", corrected, "--db", season).returncode == 0
    now = summary(season, commune)
    assert now["poor"] == approved["poor"] - 1 and not now["official"] and now["communes_approved"] == 0
    # ...while the approved version reads as it was approved.
    as_approved = summary(season, commune, "--approved")
    assert {k: as_approved[k] for k in ("poor", "near_poor", "total_households", "official")} == \
        {k: approved[k] for k in ("poor", "near_poor", "total_households", "official")}

    # Approved again: --approved gives the new figures, --as-of a time before it the first approval's.
    between = datetime.now().replace(microsecond=0)
    con = db.connect(season)
    con.execute("update approvals set approved_at = ? where review_year = ? and commune_code = ?",
                [between - timedelta(days=1), YEAR, commune])  # the first approval, a day before
    con.close()
    for step, extra in (("submit", ()), ("approve", ("--decision", "99/QĐ-UBND ngày 02/12/2026"))):
        assert cli("review", step, "--commune", commune, "--year", str(YEAR), "--db", season, *extra).returncode == 0
    assert summary(season, commune, "--approved")["poor"] == now["poor"]
    assert summary(season, commune, "--approved", "--as-of", between.isoformat())["poor"] == approved["poor"]
    assert cli("report", "summary", "--db", season, "--area", commune, "--year", str(YEAR),
               "--as-of", "2026-12-01").returncode == 2  # --as-of only with --approved


def test_an_approval_between_checking_and_writing_stops_the_import(season, tmp_path):
    """The page checks a file, a leader approves, the officer confirms: nothing is written."""
    con = db.connect(season)
    try:
        commune = communes_in(con, review.SUBMITTED)[0]
        data = open(household_csv(tmp_path / "x.csv", (commune, "MOI-1", "khong")), "rb").read()
        prepared = importer.prepare(con, "households", data, "x.csv")
        assert prepared.ok
        review.take(con, "lanh_dao", "approve", [commune], YEAR, decision="5/QĐ-UBND ngày 02/12/2026")
        households = con.execute("select count(*) from households").fetchone()[0]
        with pytest.raises(review.ReviewError):
            importer.commit(con, prepared, "canbo")
        assert con.execute("select count(*) from households").fetchone()[0] == households
    finally:
        con.close()


def test_the_command_line_takes_a_step_for_an_area_and_reports_status(season):
    con = db.connect(season, read_only=True)
    submitted = communes_in(con, review.SUBMITTED)
    con.close()
    run = cli("review", "approve", "--area", PROVINCE, "--year", str(YEAR), "--decision", "7/QĐ-UBND", "--db", season)
    assert run.returncode == 0, run.stderr
    status = cli("review", "status", "--area", PROVINCE, "--year", str(YEAR), "--db", season)
    assert status.returncode == 0
    rows = {line.split(",")[0]: line for line in status.stdout.splitlines()[1:]}
    assert all(",da_phe_duyet,7/QĐ-UBND," in rows[c] for c in submitted)
    again = cli("review", "approve", "--area", PROVINCE, "--year", str(YEAR), "--decision", "7/QĐ-UBND", "--db", season)
    assert again.returncode == 2 and "no commune" in again.stderr
    wrong = cli("review", "approve", "--commune", submitted[0], "--year", str(YEAR), "--decision", "x", "--db", season)
    assert wrong.returncode == 2 and "Đã phê duyệt" in wrong.stderr and "Traceback" not in wrong.stderr


def test_the_review_calendar_is_data():
    closes = review.calendar(YEAR).closes
    assert (review.calendar(YEAR).opens, closes) == (date(2026, 9, 1), date(2026, 12, 14))
    assert review.days_left(YEAR, today=date(2026, 12, 2)) == 12
    assert review.days_left(YEAR, today=date(2026, 12, 20)) == -6


# Every figure says what it stands on -------------------------------------------------------------------

OFFICIAL, PROVISIONAL = ("445", 2024), (PROVINCE, YEAR)  # Thạch Hà 2024: every commune approved


def expected_words(con, area: str, year: int) -> tuple[str, str]:
    row = reports.run(con, "summary", area, year).iloc[0]
    if row.official:
        assert row.communes_approved == row.communes_total
        return "Số liệu chính thức", "Chính thức"
    assert 0 < row.communes_approved < row.communes_total
    short = f"Sơ bộ: {row.communes_approved}/{row.communes_total} xã đã phê duyệt"
    return f"Số liệu sơ bộ: {row.communes_approved}/{row.communes_total} xã đã phê duyệt", short


@pytest.mark.parametrize(("area", "year"), [OFFICIAL, PROVISIONAL], ids=["official", "provisional"])
def test_every_export_says_whether_the_figures_are_final(demo_db, demo_con, tmp_path, area, year):
    sentence, short = expected_words(demo_con, area, year)
    assert short.startswith("Chính thức") == ((area, year) == OFFICIAL)
    out = {kind: tmp_path / f"x.{kind}" for kind in ("text", "pptx", "xlsx")}
    # An export is audited, so the command opens its database to write: a copy, which no other test of this
    # worker holds open.
    database = str(shutil.copy(demo_db, tmp_path / "demo.duckdb"))
    for kind, path in out.items():
        run = cli("export", kind, "--db", database, "--area", area, "--year", str(year), "--out", str(path))
        assert run.returncode == 0, run.stderr
    assert sentence in out["text"].read_text(encoding="utf-8")
    deck = Presentation(io.BytesIO(out["pptx"].read_bytes()))
    for slide in list(deck.slides)[:2]:  # the title slide, and the headline's cards
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert any(short in text for text in texts), texts
    book = load_workbook(out["xlsx"])
    for sheet in book.worksheets:
        assert any(short in str(cell.value) for row in sheet.iter_rows(max_row=3) for cell in row), sheet.title
    json_row = summary_json(database, area, year)
    assert {"communes_approved", "communes_total", "official"} <= set(json_row)


def summary_json(path: str, area: str, year: int) -> dict:
    run = cli("report", "summary", "--db", path, "--area", area, "--year", str(year), "--format", "json")
    return json.loads(run.stdout)[0]


def test_the_pages_say_whether_the_figures_are_final(demo_db, demo_con, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from giamngheo.paths import APP

    sentence, _ = expected_words(demo_con, *PROVISIONAL)
    monkeypatch.setenv("GIAMNGHEO_DB", demo_db)
    monkeypatch.setenv("GIAMNGHEO_READ_ONLY", "1")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"nam": str(YEAR), "tinh": "Tỉnh Hà Tĩnh"})
    at.run()
    assert not at.exception and any(sentence in info.value for info in at.info)
    for page in ("pages/deprivation.py", "pages/groups.py", "pages/progress.py"):
        at.switch_page(page).run()
        assert not at.exception, page
        assert any(sentence in info.value for info in at.info), page


def test_the_trend_marks_the_reviews_not_yet_approved(demo_con):
    """Thủy Nguyên's trend runs on to the 2026 review on the former district: every earlier review is official,
    2026 is provisional, with an open marker, an asterisk and the caption saying so."""
    from giamngheo import charts
    from giamngheo import comparison

    trend = queries.run(demo_con, "trend", area="311", year=2022).set_index("review_year")
    assert trend.official.loc[:2025].all() and not trend.official.loc[2026]
    figure = charts.trend_lines(trend.reset_index())
    labels = [text for trace in figure.data for text in trace.text]
    assert sum(text.endswith("*") for text in labels) == 2  # the poor and the near-poor rate of 2026
    assert "* Sơ bộ (chưa phải mọi xã đã phê duyệt kết quả rà soát): 2026." in comparison.trend_note(trend.reset_index())
    assert queries.run(demo_con, "trend", area="445", year=2024).official.all()  # every review approved
