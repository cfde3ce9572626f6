"""The synthetic demo database: deterministic, labelled synthetic, valid under its own rules."""

from __future__ import annotations

import numpy as np
import pytest

from giamngheo import catalogue, demo


def test_same_calibration_same_database(demo_con, tmp_path):
    again = tmp_path / "again.duckdb"
    demo.build(again)
    fingerprint = "select count(*), sum(hash(* columns(* exclude (import_id)))) from households"
    other = __import__("duckdb").connect(str(again), read_only=True)
    try:
        assert other.execute(fingerprint).fetchone() == demo_con.execute(fingerprint).fetchone()
    finally:
        other.close()


def test_labelled_synthetic(demo_con):
    assert demo_con.execute("select value from metadata where key = 'synthetic'").fetchone()[0] == "true"
    assert demo_con.execute("select bool_and(synthetic) from imports").fetchone()[0]


def test_every_commune_code_is_in_its_code_list(demo_con):
    unknown = demo_con.execute("""
        select count(*) from households h
        anti join admin_units u on u.code_list = h.code_list and u.code = h.commune_code and u.level = 'commune'
    """).fetchone()[0]
    assert unknown == 0
    assert demo_con.execute("select count(distinct commune_code) from households where code_list = 'gso_2024'").fetchone()[0] == 82


def test_classes_follow_the_deprivation_cutoff(demo_con):
    # 2022-2025: every poor household has at least 3 deprivations, every near-poor household fewer.
    row = demo_con.execute("""
        select min(deprivation_count) filter (where classification = 'ngheo'),
               max(deprivation_count) filter (where classification = 'can_ngheo')
        from households where standard = '2022-2025'
    """).fetchone()
    assert row[0] >= 3 and row[1] <= 2


def test_deprivation_count_matches_flags(demo_con):
    for standard in ("2016-2020", "2022-2025"):
        flags = " + ".join(f"coalesce({i.flag}::int, 0)" for i in catalogue.indicators(standard))
        bad = demo_con.execute(
            f"select count(*) from households where standard = ? and deprivation_count != {flags}", [standard]
        ).fetchone()[0]
        assert bad == 0


def test_most_incomes_agree_with_the_rule(demo_con):
    rows = demo_con.execute("""
        select standard, area_type, income_per_capita, deprivation_count, classification from households
    """).fetchall()
    standards = catalogue.standards()
    agree = np.mean([standards[s].classify(a, i, d) == c for s, a, i, d, c in rows])
    assert 0.95 < agree < 1.0  # a few village-meeting decisions differ, for the data-quality page


def test_households_are_followed_across_reviews(demo_con):
    stayed = demo_con.execute("""
        select count(*) from households a join households b using (household_id)
        where a.review_year = 2021 and b.review_year = 2022 and a.classification = 'ngheo' and b.classification = 'ngheo'
    """).fetchone()[0]
    assert stayed > 500


def test_apportion_is_exact():
    counts = demo.apportion(1118, np.array([0.3, 1.7, 2.2, 0.01]))
    assert counts.sum() == 1118 and (counts >= 0).all()


def test_realise_hits_row_and_column_sums():
    rng = np.random.default_rng(1)
    rows = np.array([3, 4, 3, 5, 3])
    cols = np.array([5, 4, 3, 3, 2, 1])
    m = demo.realise(rows, cols, rng.random((5, 6)) * 0.99)
    assert (m.sum(axis=1) == rows).all() and (m.sum(axis=0) == cols).all()
    with pytest.raises(ValueError):
        demo.realise(np.array([7, 0]), np.array([1, 1, 1, 1, 1, 1]), np.zeros((2, 6)))


def test_demo_ethnicity_agrees_with_its_ethnic_minority_flags(demo_con):
    """Every record names its head's group, Kinh exactly where the calibrated flag says not a minority; a household
    keeps its group from one review to the next; the communes' ethnic-minority households (population) are never
    fewer than the review recorded."""
    disagree = demo_con.execute("select count(*) from households where ethnicity is null "
                                "or (ethnicity = '01') = dan_toc_thieu_so").fetchone()[0]
    assert disagree == 0
    groups = dict(demo_con.execute("select ethnicity, count(*) from households where review_year = 2019 and "
                                   "district_code = '468' and dan_toc_thieu_so group by all").fetchall())
    assert set(groups) == {"23", "31"} and groups["23"] > groups["31"]  # Bru-Vân Kiều, Tà-ôi in Cam Lộ
    changed = demo_con.execute("select count(*) from (select household_id from households where dan_toc_thieu_so "
                               "group by household_id having count(distinct ethnicity) > 1)").fetchone()[0]
    assert changed == 0
    short = demo_con.execute("""
        select count(*) from population p
        join (select review_year, commune_code, count(*) filter (where dan_toc_thieu_so) as n from households group by all) h
            using (review_year, commune_code)
        where p.total_ethnic_minority_households is null or p.total_ethnic_minority_households < h.n""").fetchone()[0]
    assert short == 0
