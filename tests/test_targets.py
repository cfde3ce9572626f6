"""Targets and scorecards: each metric's actual and attainment on hand-made data, and the demo's targets."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from giamngheo import db, queries, scorecard
from giamngheo.workbooks import scorecard_workbook

from tests.test_queries import insert_households


@pytest.mark.parametrize("target, actual, higher, band, expected", [
    (0.5, 0.73, True, 0.2, "green"),   # cut in points: more than the target is met
    (0.5, 0.5, True, 0.2, "green"),
    (0.5, 0.35, True, 0.2, "amber"),
    (0.5, 0.2, True, 0.2, "red"),
    (0.0, 0.0, False, 0.25, "green"),  # "no poor household left": lower is better
    (0.0, 0.08, False, 0.25, "amber"),
    (0.0, 0.5, False, 0.25, "red"),
    (95, None, True, 5, "none"),
])
def test_status(target, actual, higher, band, expected):
    assert scorecard.status(target, actual, higher, band) == expected


def test_trend():
    assert scorecard.trend(3.1, 4.0, higher_is_better=False) == "better"
    assert scorecard.trend(0.7, 1.0, higher_is_better=True) == "worse"
    assert scorecard.trend(1.0, None, higher_is_better=True) is None


@pytest.fixture
def small(empty_db):
    """Commune 19597 of Cam Lộ: 100 households in 2021 and 2022.

    2021: 10 poor (A0-A9). 2022: A0-A5 still poor, A6 near-poor, A7-A9 absent; B0 newly poor. Of the 7
    poor in 2022: 2 lack health insurance, 3 lack information (telecom or devices; one lacks both), 1 lacks
    water and 1 a latrine (different households), 4 live in makeshift houses.
    """
    con = db.connect(empty_db)
    con.execute("insert into population (review_year, code_list, commune_code, total_households) values "
                "(2021, 'gso_2024', '19597', 100), (2022, 'gso_2024', '19597', 100)")
    rows = [dict(review_year=2021, household_id=f"A{i}", commune_code="19597", classification="ngheo") for i in range(10)]
    flags = {
        "A0": dict(td_bhyt=True, td_vien_thong=True, td_tiep_can_thong_tin=True, td_chat_luong_nha=True),
        "A1": dict(td_bhyt=True, td_nguon_nuoc=True, td_chat_luong_nha=True),
        "A2": dict(td_vien_thong=True, td_nha_tieu=True, td_chat_luong_nha=True),
        "A3": dict(td_tiep_can_thong_tin=True, td_chat_luong_nha=True),
    }
    for i in range(6):
        rows.append(dict(review_year=2022, household_id=f"A{i}", commune_code="19597", classification="ngheo",
                         **flags.get(f"A{i}", {})))
    rows.append(dict(review_year=2022, household_id="A6", commune_code="19597", classification="can_ngheo"))
    rows.append(dict(review_year=2022, household_id="B0", commune_code="19597", classification="ngheo"))
    insert_households(con, rows)
    yield con
    con.close()


def actuals(con, area="19597", year=2022) -> dict[str, float]:
    frame = queries.run(con, "target_actuals", area=area, year=year)
    return dict(zip(frame[(frame.area_code == area) & (frame.review_year == year)].metric,
                    frame[(frame.area_code == area) & (frame.review_year == year)].actual))


def test_actuals_by_hand(small):
    a = actuals(small)
    assert a["ty_le_ngheo_pct"] == pytest.approx(7.0)
    assert a["giam_ty_le_ngheo_pp"] == pytest.approx(10.0 - 7.0)
    assert a["ty_le_can_ngheo_pct"] == pytest.approx(1.0)
    assert a["so_ho_thoat_ngheo"] == 1  # A6 to near-poor; A7-A9 are off the lists: other decreases, not escapes
    assert a["bhyt_pct"] == pytest.approx(100 * 5 / 7)
    assert a["tiep_can_thong_tin_pct"] == pytest.approx(100 * 4 / 7)
    assert a["nuoc_sach_ve_sinh_pct"] == pytest.approx(100 * 5 / 7)
    assert a["nha_tam_so_ho"] == 4
    # The district is the commune here: same figures one level up.
    assert actuals(small, "468")["nha_tam_so_ho"] == 4


def test_scorecard_by_hand(small):
    small.execute("""
        insert into targets (review_year, area_code, metric, target, actual, note) values
        (2022, '19597', 'giam_ty_le_ngheo_pp', 2.5, null, 'cam kết'),
        (2022, '19597', 'nha_tam_so_ho', 0, null, null),
        (2022, '19597', 'tiep_can_thong_tin_pct', 95, null, null),
        (2022, '468', 'mo_hinh_giam_ngheo', 3, 2, 'nhập tay')
    """)
    card = scorecard.build(small, "468", 2022).set_index(["area_code", "metric"])
    cut = card.loc[("19597", "giam_ty_le_ngheo_pp")]
    assert (cut.actual, cut.status, bool(cut.attained)) == (pytest.approx(3.0), "green", True)
    makeshift = card.loc[("19597", "nha_tam_so_ho")]
    assert (makeshift.actual, makeshift.gap, makeshift.status) == (4, 4, "amber")  # 4 households, band 5
    info = card.loc[("19597", "tiep_can_thong_tin_pct")]
    assert info.status == "red" and info.gap == pytest.approx(100 * 4 / 7 - 95)
    models = card.loc[("468", "mo_hinh_giam_ngheo")]
    assert (models.actual, models.status) == (2, "amber")  # entered actual, 1 short, band 2


def test_demo_targets_report(demo_db):
    out = subprocess.run([sys.executable, "-m", "giamngheo.cli", "report", "targets", "--area", "445", "--year", "2020",
                          "--format", "json", "--db", demo_db], capture_output=True, text=True, check=True)
    rows = {(r["area_code"], r["metric"]): r for r in json.loads(out.stdout)}
    plan = rows[("445", "giam_ty_le_ngheo_pp")]
    assert plan["target"] == 0.5 and plan["higher_is_better"] is True
    assert plan["attained"] is True and plan["actual"] > 0.5  # 4,10% in 2019 -> 3,37% in 2020
    assert rows[("445", "mo_hinh_giam_ngheo")]["target"] == 14
    assert rows[("445", "nha_tam_so_ho")]["higher_is_better"] is False
    assert len([k for k in rows if k[0] != "445"]) == 22  # every commune of Thạch Hà signed a cut
    out = subprocess.run([sys.executable, "-m", "giamngheo.cli", "report", "targets", "--area", "311", "--year", "2024",
                          "--format", "json", "--db", demo_db], capture_output=True, text=True, check=True)
    [goal] = [r for r in json.loads(out.stdout) if r["area_code"] == "311"]
    assert goal["metric"] == "ty_le_ngheo_pct" and goal["target"] == 0 and goal["attained"] is False


def test_scorecard_workbook(demo_con):
    card = scorecard.build(demo_con, "445", 2020)
    book = load_workbook(io.BytesIO(scorecard_workbook(card, "Chỉ tiêu · Huyện Thạch Hà · 2020")))
    sheet = book["Chỉ tiêu"]
    assert sheet["A1"].value == "Chỉ tiêu · Huyện Thạch Hà · 2020"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    first = rows[0]
    assert first[:3] == ["445", "Huyện Thạch Hà", "Giảm tỷ lệ hộ nghèo"] and first[4] == 0.5 and first[7] == "Đạt"
    assert len(rows) == len(card)
