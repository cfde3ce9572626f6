"""Every figure of the seed letters, read back through the `giamngheo report` command on the demo
database: counts exactly, rates to the decimals the letters show."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def report(db_path: str, name: str, area: str, year: int) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "giamngheo.cli", "report", name, "--area", area, "--year", str(year),
         "--format", "json", "--db", db_path],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


def by(rows: list[dict], key: str) -> dict[str, dict]:
    return {r[key]: r for r in rows}


def test_thuy_nguyen_2022_summary(demo_db):
    [s] = report(demo_db, "summary", "311", 2022)
    assert s["area_name"] == "Huyện Thuỷ Nguyên"
    assert s["poor"] == 1118
    assert round(s["poor_rate_pct"], 2) == 1.01
    assert s["near_poor"] == 2359
    assert round(s["near_poor_rate_pct"], 2) == 2.14


def test_thuy_nguyen_2022_labour_capacity(demo_db):
    groups = by(report(demo_db, "groups", "311", 2022), "group")
    assert groups["khong_kha_nang_lao_dong"]["poor"] == 706
    assert groups["co_kha_nang_lao_dong"]["poor"] == 412
    # The letter writes 63,14% and 36,86% (forced to sum to 100); exact rounding gives 63,15 / 36,85.
    assert groups["khong_kha_nang_lao_dong"]["share_of_poor_pct"] == pytest.approx(63.14, abs=0.011)
    assert groups["co_kha_nang_lao_dong"]["share_of_poor_pct"] == pytest.approx(36.86, abs=0.011)


@pytest.mark.parametrize(
    "indicator, deprived, share",
    [
        ("td_viec_lam", 488, 43.6),
        ("td_nguoi_phu_thuoc", 494, 44.2),
        ("td_bhyt", 313, 28.0),
        ("td_chat_luong_nha", 279, 25.0),
        ("td_vien_thong", 610, 54.6),
        ("td_tiep_can_thong_tin", 446, 39.9),
    ],
)
def test_thuy_nguyen_2022_deprivations(demo_db, indicator, deprived, share):
    rows = by(report(demo_db, "deprivation", "311", 2022), "indicator")
    assert len(rows) == 12  # the 2022-2025 standard's indicators
    row = rows[indicator]
    assert row["poor_households"] == 1118
    assert row["deprived"] == deprived
    assert round(row["share_pct"], 1) == share


def test_thach_ha_2019(demo_db):
    [s] = report(demo_db, "summary", "445", 2019)
    assert (s["poor"], round(s["poor_rate_pct"], 2)) == (1597, 4.10)
    assert (s["near_poor"], round(s["near_poor_rate_pct"], 2)) == (2027, 5.20)
    groups = by(report(demo_db, "groups", "445", 2019), "group")
    assert round(groups["bao_tro_xa_hoi"]["poor_share_of_households_pct"], 2) == 1.94


def test_ha_tinh_city_2018(demo_db):
    [s] = report(demo_db, "summary", "436", 2018)
    assert s["poor"] == 727
    assert round(s["poor_rate_pct"], 2) == 2.58
    assert round(s["poor_change_pp"], 2) == -1.05
    assert round(s["near_poor_rate_pct"], 2) == 2.89
    assert round(s["near_poor_change_pp"], 2) == -0.47
    [before] = report(demo_db, "summary", "436", 2017)
    # The letter's change is the difference of the two rates as published (2,58 - 3,63).
    assert round(before["poor_rate_pct"], 2) - 2.58 == pytest.approx(1.05)


def test_deprivation_report_uses_the_years_standard(demo_db):
    rows = report(demo_db, "deprivation", "436", 2018)
    assert {r["indicator"] for r in rows} >= {"td_tiep_can_y_te", "td_tai_san_thong_tin"}
    assert len(rows) == 10  # the 2016-2020 standard's indicators


def test_unknown_area_is_a_user_error(demo_db):
    result = subprocess.run(
        [sys.executable, "-m", "giamngheo.cli", "report", "summary", "--area", "99999", "--year", "2022",
         "--db", demo_db],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "99999" in result.stderr and "Traceback" not in result.stderr


def test_missing_database_is_a_user_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "giamngheo.cli", "report", "summary", "--area", "311", "--year", "2022",
         "--db", str(tmp_path / "none.duckdb")],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "giamngheo demo" in result.stderr


def test_csv_format(demo_db):
    result = subprocess.run(
        [sys.executable, "-m", "giamngheo.cli", "report", "communes", "--area", "468", "--year", "2019",
         "--db", demo_db],
        capture_output=True, text=True, check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("commune_code,commune_name,total_households,poor,poor_rate_pct")
    assert len(lines) == 1 + 8  # Cam Lộ's 8 communes
    assert lines[1].startswith("19597,Thị trấn Cam Lộ,")
