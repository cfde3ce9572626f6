"""The poverty standards as data: the catalogue and the classification rules of each standard."""

import pytest

from giamngheo import catalogue


def test_three_standards_with_their_indicators():
    assert set(catalogue.standards()) == {"2016-2020", "2022-2025", "2026-2030"}
    assert len(catalogue.indicators("2016-2020")) == 10
    assert len(catalogue.indicators("2022-2025")) == 12
    assert len(catalogue.indicators("2026-2030")) == 12
    dims = {i.dimension for i in catalogue.indicators("2022-2025")}
    assert len(dims) == 6  # six services, two indicators each


def test_standard_by_review_year():
    # DATA_FORMAT: review year <= 2020 -> 2016-2020, 2021-2025 -> 2022-2025, >= 2026 -> 2026-2030.
    assert catalogue.standard_for_year(2015).standard == "2016-2020"
    assert catalogue.standard_for_year(2020).standard == "2016-2020"
    assert catalogue.standard_for_year(2021).standard == "2022-2025"
    assert catalogue.standard_for_year(2025).standard == "2022-2025"
    assert catalogue.standard_for_year(2026).standard == "2026-2030"


@pytest.mark.parametrize(
    "area, income, deprivations, expected",
    [
        ("nong_thon", 700_000, 0, "ngheo"),  # at the poverty line: poor whatever the deprivations
        ("nong_thon", 900_000, 3, "ngheo"),  # between line and minimum standard, 3 deprivations
        ("nong_thon", 900_000, 2, "can_ngheo"),
        ("nong_thon", 1_200_000, 5, "trung_binh"),
        ("thanh_thi", 900_000, 0, "ngheo"),
        ("thanh_thi", 1_300_000, 1, "can_ngheo"),
        ("thanh_thi", 2_000_000, 0, "khong"),
    ],
)
def test_rule_2016_2020(area, income, deprivations, expected):
    assert catalogue.standards()["2016-2020"].classify(area, income, deprivations) == expected


@pytest.mark.parametrize(
    "area, income, deprivations, expected",
    [
        ("nong_thon", 1_500_000, 3, "ngheo"),
        ("nong_thon", 1_500_000, 2, "can_ngheo"),  # income alone never makes a poor household
        ("nong_thon", 1_000_000, 0, "can_ngheo"),
        ("nong_thon", 2_250_000, 4, "trung_binh"),
        ("nong_thon", 2_250_001, 4, "khong"),
        ("thanh_thi", 2_000_000, 3, "ngheo"),
        ("thanh_thi", 2_900_000, 0, "trung_binh"),
    ],
)
def test_rule_2022_2025(area, income, deprivations, expected):
    assert catalogue.standards()["2022-2025"].classify(area, income, deprivations) == expected


def test_database_reads_the_same_catalogue(demo_con):
    n = demo_con.execute("select count(*) from indicators where standard = '2022-2025'").fetchone()[0]
    assert n == len(catalogue.indicators("2022-2025"))
    columns = {r[0] for r in demo_con.execute("select column_name from information_schema.columns "
                                               "where table_name = 'households' and column_name like 'td_%'").fetchall()}
    assert columns == set(catalogue.all_flags())
