"""Figures that stay true across period breaks: the 2025 commune reform and a change of poverty standard.

A hand-made district across 1 July 2025, imported from real CSV files: Hà Tĩnh city (436) and a commune of
Thạch Hà (445) with one household each way out of Quảng Trị. Every flow of form R2 is worked out by hand below,
for every level: old district, old and new province, new commune, and the row of households that could not be
placed.

The units (data/admin crosswalks): 18070 Trần Phú (merged into 18094, then into new 18073 Thành Sen) and
18073 Nam Hà went whole into new 18073 Thành Sen, whose code is Nam Hà's re-issued for a much larger area;
18082 Đại Nài was split between new 18073 and new 18652 Hà Huy Tập; 18088 Thạch Trung went into new 18100
Trần Phú (a name re-used for another area); 18652 Tân Lâm Hương (Thạch Hà) into new 18652; 19597 Cam Lộ
(old Quảng Trị, 45) into new 19597 in new Quảng Trị, 44: the code of old Quảng Bình, whose 19000 Châu Hóa
went into new 18997 Tuyên Hóa.

Households (poor unless said; "-" = not on that review's lists):

    id   2023          2024               2025              the 2025 review, on the new units
    A    -             18070              18073             stays in 18073
    B    -             18073              18073 near-poor   escaped to near-poor
    C    -             18082 (split)      18652 not poor    placed in 18652 (a successor): escaped above
    D    -             18082 (split)      -                 absent: not placed; other decrease, not escape
    E    -             18088 (-> 18100)   18073             moved inside the province
    F    -             18088 (-> 18100)   19597 (44)        moved to another province
    G    -             18652 near-poor    18652             from near-poor
    H    -             -                  18100             new
    I    18088         18088 not poor     18100             re-poor
    K    -             18082 (split)      18073 near-poor   placed in 18073 (a successor): escaped to near-poor
    L    -             18082 (split)      18100             not a successor: not placed; moved inside province
    M    18652 (445)   18073              18073             moved across districts in 2024, stays in 2025
    O    -             18073 not poor     18652             not on the lists as poor before: new for the province
    R    18073         18073 not poor     18073             re-poor
    X    18070         -                  -                 absent in 2024: other decrease of 436
    N    -             19597 (45)         19597 (44)        stays in new Quảng Trị
    Q    -             19000 (44)         18997 (44)        old Quảng Bình: stays in new Quảng Trị
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from giamngheo import catalogue, comparison, db, importer, queries, reports

FLOWS = list(comparison.FLOW_KEYS)

HOUSEHOLDS = [
    # id, year, commune, class
    ("R", 2023, "18073", "ngheo"), ("X", 2023, "18070", "ngheo"), ("M", 2023, "18652", "ngheo"),
    ("I", 2023, "18088", "ngheo"),
    ("A", 2024, "18070", "ngheo"), ("B", 2024, "18073", "ngheo"), ("C", 2024, "18082", "ngheo"),
    ("D", 2024, "18082", "ngheo"), ("E", 2024, "18088", "ngheo"), ("F", 2024, "18088", "ngheo"),
    ("G", 2024, "18652", "can_ngheo"), ("I", 2024, "18088", "khong"), ("K", 2024, "18082", "ngheo"),
    ("L", 2024, "18082", "ngheo"), ("M", 2024, "18073", "ngheo"), ("O", 2024, "18073", "khong"),
    ("R", 2024, "18073", "khong"), ("N", 2024, "19597", "ngheo"), ("Q", 2024, "19000", "ngheo"),
    ("A", 2025, "18073", "ngheo"), ("B", 2025, "18073", "can_ngheo"), ("C", 2025, "18652", "khong"),
    ("E", 2025, "18073", "ngheo"), ("F", 2025, "19597", "ngheo"), ("G", 2025, "18652", "ngheo"),
    ("H", 2025, "18100", "ngheo"), ("I", 2025, "18100", "ngheo"), ("K", 2025, "18073", "can_ngheo"),
    ("L", 2025, "18100", "ngheo"), ("M", 2025, "18073", "ngheo"), ("O", 2025, "18652", "ngheo"),
    ("R", 2025, "18073", "ngheo"), ("N", 2025, "19597", "ngheo"), ("Q", 2025, "18997", "ngheo"),
]
POPULATION = {
    2023: {"18070": 1000, "18073": 1000, "18082": 1000, "18088": 500, "18652": 800},
    2024: {"18070": 1000, "18073": 1000, "18082": 1000, "18088": 500, "18652": 800, "19597": 600, "19000": 700},
    2025: {"18073": 5000, "18652": 2000, "18100": 3000, "19597": 4000, "18997": 3000},
}


def household_file(rows, path, standard: str = "2022-2025"):
    """A review extract as an official would export it: one row per household, every indicator column of the
    standard; a poor household deprived in the first three indicators, a near-poor one in the first."""
    flags = [i.flag for i in catalogue.indicators(standard)]
    records = []
    for hid, year, commune, cls in rows:
        deprived = {"ngheo": 3, "can_ngheo": 1}.get(cls, 0)
        records.append({"nam_ra_soat": year, "ma_xa": commune, "ma_ho": hid, "so_nhan_khau": 3,
                        "khu_vuc": "Thành thị", "phan_loai": cls,
                        **{f: ("x" if j < deprived else "") if cls in ("ngheo", "can_ngheo") else ""
                           for j, f in enumerate(flags)}})
    pd.DataFrame(records).to_csv(path, index=False)
    return path


def load(con, kind, path):
    prepared, result = importer.import_file(con, kind, path)
    assert result.outcome == "accepted", [p.text("en") for p in prepared.problems]


@pytest.fixture(scope="module")
def reform(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reform")
    path = folder / "reform.duckdb"
    con = db.create(path)
    try:
        load(con, "households", household_file(HOUSEHOLDS, folder / "ho.csv"))
        population = [{"nam_ra_soat": y, "ma_xa": c, "tong_so_ho": n} for y, by in POPULATION.items() for c, n in by.items()]
        pd.DataFrame(population).to_csv(folder / "tong_so_ho.csv", index=False)
        load(con, "population", folder / "tong_so_ho.csv")
    finally:
        con.close()
    con = db.connect(path, read_only=True)
    yield con
    con.close()


def flows(con, area, year) -> dict[str, int]:
    row = queries.run(con, "transitions", area=area, year=year).iloc[0]
    return {k: int(row[k]) for k in FLOWS}


def expect(start, to_near=0, above=0, other_down=0, from_near=0, re_poor=0, new=0, other_up=0) -> dict[str, int]:
    end = start - to_near - above - other_down + from_near + re_poor + new + other_up
    return dict(zip(FLOWS, (start, to_near, above, other_down, from_near, re_poor, new, other_up, end)))


def test_new_province_2025_starts_from_its_predecessors_2024_households(reform):
    # Before (placed in 42): A B C D E F K L M poor (9); G near-poor; I O R not poor.
    # B K to near-poor; C above; D absent and F to another province: other decreases; A E L M stay (E and L
    # moved inside the province: no flow); G from near-poor; I R re-poor; H O new.
    assert flows(reform, "42", 2025) == expect(9, to_near=2, above=1, other_down=2, from_near=1, re_poor=2, new=2)
    t = queries.run(reform, "transitions", area="42", year=2025).iloc[0]
    assert (t.previous_year, t.standard, t.previous_standard, bool(t.comparable)) == (2024, "2022-2025", "2022-2025", True)


def test_every_new_commune_and_the_unplaced_row(reform):
    # 18073 Thành Sen: before A B K M poor (K placed by its 2025 record), O R not poor; B K to near-poor; E moved
    # in (other increase); R re-poor. Not old Nam Hà's 18073 alone (B M): the code names a larger area now.
    assert flows(reform, "18073", 2025) == expect(4, to_near=2, re_poor=1, other_up=1)
    # 18652 Hà Huy Tập: C (placed) above; G from near-poor; O recorded in 18073 before: other increase.
    assert flows(reform, "18652", 2025) == expect(1, above=1, from_near=1, other_up=1)
    # 18100 Trần Phú: E and F left (other decreases); H new; I re-poor; L came from the unplaced households.
    assert flows(reform, "18100", 2025) == expect(2, other_down=2, re_poor=1, new=1, other_up=1)
    by_commune = queries.run(reform, "transitions_by_commune", area="42", year=2025)
    unplaced = by_commune[by_commune.commune_code.isna()].iloc[0]
    assert {k: int(unplaced[k]) for k in FLOWS} == expect(2, other_down=2)  # D and L: in the start, never dropped
    assert by_commune.poor_start.sum() == flows(reform, "42", 2025)["poor_start"]
    assert by_commune.poor_end.sum() == flows(reform, "42", 2025)["poor_end"]
    for row in by_commune.itertuples():
        assert {k: getattr(row, k) for k in FLOWS} == expect(*[getattr(row, k) for k in FLOWS[:-1]]), row


def test_re_issued_province_code_names_the_merged_province(reform):
    # New 44 (Quảng Trị) = old 45 Quảng Trị (N) + old 44 Quảng Bình (Q); F moved in from Hà Tĩnh.
    assert flows(reform, "44", 2025) == expect(2, other_up=1)
    assert flows(reform, "19597", 2025) == expect(1, other_up=1)
    s = queries.run(reform, "summary", area="44", year=2025).iloc[0]
    assert (s.previous_year, s.previous_poor, bool(s.previous_placed)) == (2024, 2, True)


def test_old_list_levels_2024(reform):
    # District 436 (18070 18073 18082 18088): R I poor in 2023, not poor in 2024 (above); X absent (other decrease,
    # not an escape); A B C D E F K L new; M moved in from Thạch Hà (other increase).
    assert flows(reform, "436", 2024) == expect(3, above=2, other_down=1, new=8, other_up=1)
    assert flows(reform, "445", 2024) == expect(1, other_down=1)  # M moved out
    assert flows(reform, "42", 2024) == expect(4, above=2, other_down=1, new=8)  # M moved inside the province
    assert flows(reform, "18073", 2024) == expect(1, above=1, new=1, other_up=1)  # R above; B new; M in


def test_change_in_points_over_the_same_ground(reform):
    s = queries.run(reform, "summary", area="42", year=2025).iloc[0]
    # 2024 population of the five old communes now in 42 (Đại Nài's split between 18073 and 18652 by its placed
    # households, one each): sums preserved.
    assert (s.previous_year, s.previous_poor, bool(s.previous_placed), bool(s.comparable)) == (2024, 9, True, True)
    assert s.poor_change_pp == pytest.approx(100 * 9 / 10_000 - 100 * 9 / 4300)
    communes = queries.run(reform, "communes", area="42", year=2025).set_index("commune_code")
    # 18073: 18070 + 18073 + half of 18082 = 2.500 households in 2024, 4 poor (A B K M); 18652: 800 + 500, 1 poor.
    assert communes.loc["18073", "poor_change_pp"] == pytest.approx(100 * 4 / 5000 - 100 * 4 / 2500)
    assert communes.loc["18652", "poor_change_pp"] == pytest.approx(100 * 2 / 2000 - 100 * 1 / 1300)
    assert communes.loc["18100", "poor_change_pp"] == pytest.approx(100 * 3 / 3000 - 100 * 2 / 500)
    assert s.previous_unallocated_poor == 2  # D and L: in the province, in no commune


def test_trend_runs_on_across_the_reform(reform):
    trend = queries.run(reform, "trend", area="42", year=2025)
    assert list(trend.review_year) == [2023, 2024, 2025]
    assert list(trend.placed) == [True, True, False]
    assert list(trend.total_households) == [4300, 4300, 10_000]  # 2023: Đại Nài's 1.000 unplaced, still in 42
    assert list(trend.poor) == [4, 9, 9]
    commune = queries.run(reform, "trend", area="18073", year=2025).set_index("review_year")
    assert commune.loc[2024, "poor"] == 4 and commune.loc[2024, "total_households"] == 2500


def test_report_keys_say_what_the_comparison_stands_on(reform, tmp_path):
    path = reform.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()[0]
    out = subprocess.run([sys.executable, "-m", "giamngheo.cli", "report", "summary", "--area", "42", "--year", "2025",
                          "--format", "json", "--db", path], capture_output=True, text=True, check=True)
    [row] = json.loads(out.stdout)
    assert (row["previous_year"], row["standard"], row["previous_standard"], row["comparable"]) == (
        2024, "2022-2025", "2022-2025", True)
    assert row["poor_persons"] == 9 * 3 and row["near_poor_persons"] == 2 * 3
    assert (row["communes_with_data"], row["communes_total"]) == (3, 69)  # counts are integers in JSON
    out = subprocess.run([sys.executable, "-m", "giamngheo.cli", "report", "transitions", "--area", "42", "--year",
                          "2025", "--format", "json", "--db", path], capture_output=True, text=True, check=True)
    [row] = json.loads(out.stdout)
    assert row["other_decrease"] == 2 and row["comparable"] is True
    # Form R3 on the same ground: the near-poor households' 2024 start is placed on the 2025 units too.
    out = subprocess.run([sys.executable, "-m", "giamngheo.cli", "report", "near_poor_transitions", "--area", "42",
                          "--year", "2025", "--format", "json", "--db", path], capture_output=True, text=True, check=True)
    [near] = json.loads(out.stdout)
    s = queries.run(reform, "summary", area="42", year=2025).iloc[0]
    assert (near["near_start"], near["near_end"], near["comparable"]) == (s.previous_near_poor, s.near_poor, True)
    assert near["from_poor"] == row["escaped_to_near_poor"] and near["to_poor"] == row["from_near_poor"]


def test_the_first_review_under_a_new_standard_is_a_baseline(reform, tmp_path):
    """The review at the end of 2026 applies the 2027-2030 standard (one line of the catalogue): against 2025 it
    is a reclassification, not a change in poverty."""
    path = tmp_path / "standard.duckdb"
    con = db.create(path)
    try:
        rows = [(hid, y, c, cls) for hid, y, c, cls in HOUSEHOLDS if y == 2025]
        load(con, "households", household_file(rows, tmp_path / "2025.csv"))
        later = [("A", 2026, "18073", "ngheo"), ("B", 2026, "18073", "ngheo"), ("E", 2026, "18073", "khong")]
        load(con, "households", household_file(later, tmp_path / "2026.csv", "2027-2030"))
        s = queries.run(con, "summary", area="18073", year=2026).iloc[0]
        assert (s.standard, s.previous_standard, bool(s.comparable)) == ("2027-2030", "2022-2025", False)
        assert pd.isna(s.poor_change_pp) and pd.isna(s.near_poor_change_pp)
        assert comparison.is_baseline(s) and "đầu kỳ theo chuẩn nghèo 2027-2030" in comparison.basis(s)
        t = queries.run(con, "transitions", area="18073", year=2026).iloc[0]
        assert not bool(t.comparable)
        assert comparison.flow_label("new_poor", t.comparable) == "Nghèo theo chuẩn mới, chưa từng nghèo"
        near = reports.run(con, "near_poor_transitions", "18073", 2026).iloc[0]
        assert not bool(near.comparable)
        assert comparison.flow_label("new_near_poor", near.comparable, "vi", "can_ngheo") == \
            "Cận nghèo theo chuẩn mới, chưa từng cận nghèo"
        assert comparison.transitions_title(near, 2026, "vi", "can_ngheo") == \
            "Hộ cận nghèo 2025 → 2026: phân loại lại theo chuẩn 2027-2030"
        trend = queries.run(con, "trend", area="18073", year=2026)
        assert list(trend.standard) == ["2022-2025", "2027-2030"]
    finally:
        con.close()


def test_a_review_year_without_a_standard_is_refused(empty_db, tmp_path):
    con = db.connect(empty_db)
    try:
        prepared, result = importer.import_file(
            con, "households", household_file([("A", 2030, "18073", "ngheo")], tmp_path / "2030.csv"))
        assert result.outcome == "rejected"
        assert [p.code for p in prepared.problems] == ["no_standard"] and prepared.problems[0].row == 2
        assert con.execute("select count(*) from households").fetchone()[0] == 0
    finally:
        con.close()


# Form R2 of every demo district and province for 2022-2024, as the release before this rework printed them
# (`giamngheo report transitions`, commit a40702e): one standard, one code list, nobody absent, so nothing
# about the reform or the standards may move them.
DYNAMICS_2022_2024 = {
    ("311", 2022): (1520, 302, 282, 0, 89, 9, 84, 0, 1118),
    ("311", 2023): (1118, 241, 268, 0, 9, 0, 2, 0, 620),
    ("311", 2024): (620, 258, 266, 0, 0, 0, 0, 0, 96),
    ("436", 2022): (820, 142, 178, 0, 54, 16, 70, 0, 640),
    ("436", 2023): (640, 129, 123, 0, 43, 17, 22, 0, 470),
    ("436", 2024): (470, 83, 91, 0, 27, 3, 4, 0, 330),
    ("445", 2022): (2150, 419, 424, 0, 140, 44, 289, 0, 1780),
    ("445", 2023): (1780, 303, 367, 0, 100, 34, 176, 0, 1420),
    ("445", 2024): (1420, 266, 272, 0, 93, 33, 82, 0, 1090),
    ("468", 2022): (780, 143, 167, 0, 42, 18, 110, 0, 640),
    ("468", 2023): (640, 115, 115, 0, 58, 19, 33, 0, 520),
    ("468", 2024): (520, 96, 104, 0, 37, 14, 39, 0, 410),
    ("42", 2022): (2970, 561, 602, 0, 194, 60, 359, 0, 2420),
    ("42", 2023): (2420, 432, 490, 0, 143, 51, 198, 0, 1890),
    ("42", 2024): (1890, 349, 363, 0, 120, 36, 86, 0, 1420),
}


@pytest.mark.parametrize(("area", "year"), sorted(DYNAMICS_2022_2024))
def test_earlier_dynamics_are_unchanged(demo_con, area, year):
    assert tuple(flows(demo_con, area, year).values()) == DYNAMICS_2022_2024[(area, year)]


@pytest.mark.parametrize(("province", "poor_2024", "poor_2025"), [("42", 1420, 1060), ("31", 96, 60)])
def test_demo_2025_reviews_start_from_2024(demo_con, province, poor_2024, poor_2025):
    """Hà Tĩnh and Hải Phòng 2025: a start taken from 2024 on the new units, escapes, departures, a change in points
    and a trend that runs on across the reform."""
    t = flows(demo_con, province, 2025)
    assert (t["poor_start"], t["poor_end"]) == (poor_2024, poor_2025)
    assert t["escaped_to_near_poor"] + t["escaped_above_near_poor"] > 0 and t["other_decrease"] > 0
    s = queries.run(demo_con, "summary", area=province, year=2025).iloc[0]
    assert s.previous_year == 2024 and s.poor_change_pp < 0 and bool(s.comparable)
    trend = queries.run(demo_con, "trend", area=province, year=2025)
    assert list(trend.review_year) == list(range(2016, 2027)) and trend.placed.sum() == 9  # 2026: the review in season
    communes = queries.run(demo_con, "communes", area=province, year=2025)  # the map's change layer
    assert communes.poor_change_pp.notna().all() and (communes.previous_year == 2024).all()


def test_a_later_review_on_a_former_district_where_the_crosswalk_allows(demo_con):
    """Looking back the other way: Thủy Nguyên's and Cam Lộ's new communes lie wholly in the former district, so
    their 2025 review is also shown on it (its trend runs on); Thạch Hà's do not (18652 took in a ward of Hà Tĩnh
    city), so it is not, rather than shown in part."""
    for district, poor_2025 in (("311", 60), ("468", 330)):
        trend = queries.run(demo_con, "trend", area=district, year=2024).set_index("review_year")
        assert trend.loc[2025, "poor"] == poor_2025 and bool(trend.loc[2025, "placed"])
        assert not trend.loc[2016:2024, "placed"].any()
        assert "theo địa giới huyện cũ" in comparison.trend_note(trend.reset_index())
    for district in ("436", "445"):
        assert 2025 not in set(queries.run(demo_con, "trend", area=district, year=2024).review_year)
    # An old province's 2025 figure would hold only some of its districts: none is shown.
    assert 2025 not in set(queries.run(demo_con, "trend", area="31", year=2024).review_year)
