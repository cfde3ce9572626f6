"""The poverty standards as data: the catalogue and the classification rules of each standard."""

import pytest

from giamngheo import catalogue


def test_three_standards_with_their_indicators():
    assert set(catalogue.standards()) == {"2016-2020", "2022-2025", "2027-2030"}
    assert len(catalogue.indicators("2016-2020")) == 10
    assert len(catalogue.indicators("2022-2025")) == 12
    assert len(catalogue.indicators("2027-2030")) == 12
    dims = {i.dimension for i in catalogue.indicators("2022-2025")}
    assert len(dims) == 6  # six services, two indicators each


def test_2027_2030_standard_as_decreed():
    """Nghị định 351/2025/NĐ-CP: 2.200.000 / 2.800.000 VND, "đô thị" for urban, poor = income at or below the line
    and at least 3 deprivations; in force, its indicators say what is checked and what is only reported."""
    s = catalogue.standards()["2027-2030"]
    assert (s.legal_basis, s.status, s.rule, s.deprivation_cutoff) == (
        "Nghị định 351/2025/NĐ-CP", "in_force", "income_and_deprivation", 3)
    assert s.poverty_line == {"nong_thon": 2_200_000, "thanh_thi": 2_800_000}
    assert s.urban_label["vi"] == "đô thị" and catalogue.standards()["2022-2025"].urban_label["vi"] == "thành thị"
    assert (s.first_review_year, s.last_review_year) == (2026, 2029)
    assert s.former_keys == ("2026-2030",) and catalogue.renamed_standards() == {"2026-2030": "2027-2030"}
    assert "not checked against the decree text" in s.verification
    flags = [i.flag for i in catalogue.indicators("2027-2030")]
    assert "td_xu_ly_rac" in flags and "td_tiep_can_thong_tin" not in flags  # waste in, information devices out
    assert all(i.verification for i in catalogue.indicators("2027-2030"))
    assert s.classify("nong_thon", 2_200_000, 3) == "ngheo"
    assert s.classify("nong_thon", 2_200_000, 2) == "can_ngheo"
    assert s.classify("thanh_thi", 2_800_000, 4) == "ngheo"
    assert s.classify("thanh_thi", 2_800_001, 4) != "ngheo"


def test_standard_by_review_year():
    # One line per standard in the catalogue: review years <= 2020 -> 2016-2020, 2021-2025 -> 2022-2025, and by
    # the 2021 precedent the review at the end of 2026 applies the 2027-2030 standard, through the 2029 review.
    assert catalogue.standard_for_year(2015).standard == "2016-2020"
    assert catalogue.standard_for_year(2020).standard == "2016-2020"
    assert catalogue.standard_for_year(2021).standard == "2022-2025"
    assert catalogue.standard_for_year(2025).standard == "2022-2025"
    assert catalogue.standard_for_year(2026).standard == "2027-2030"
    assert catalogue.standard_for_year(2029).standard == "2027-2030"
    with pytest.raises(KeyError):
        catalogue.standard_for_year(2030)  # the next period's standard is not decreed yet


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


def test_an_older_database_keeps_working(tmp_path):
    """A database made before the standard was renamed, with one successor per commune: opened, it is upgraded
    in place (successors, catalogue, stored keys), and its 2026 review reads under the 2027-2030 standard."""
    import duckdb

    from giamngheo import db, queries

    path = tmp_path / "old.duckdb"
    db.create(path).close()
    con = duckdb.connect(str(path))
    con.execute("create table commune_successor as select from_code, to_code from commune_successors where is_default")
    con.execute("drop table commune_successors")
    con.execute("update standards set standard = '2026-2030' where standard = '2027-2030'")
    con.execute("update indicators set standard = '2026-2030' where standard = '2027-2030'")
    con.execute("delete from metadata where key = 'catalogue_sha256'")
    con.execute("insert into households (review_year, household_id, code_list, province_code, commune_code, members, "
                "area_type, classification, standard) values (2026, 'A', 'qd19_2025', '42', '18073', 3, 'thanh_thi', "
                "'ngheo', '2026-2030')")
    con.close()
    con = db.connect(path, read_only=True)
    try:
        assert con.execute("select distinct standard from households").fetchall() == [("2027-2030",)]
        assert con.execute("select count(*) from standards where standard = '2026-2030'").fetchone()[0] == 0
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        assert "commune_successors" in tables and "commune_successor" not in tables
        assert queries.run(con, "years").set_index("review_year").loc[2026, "standard"] == "2027-2030"
        assert queries.run(con, "summary", area="18073", year=2026).iloc[0].poor == 1
    finally:
        con.close()
