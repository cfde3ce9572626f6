"""The named queries: invariants on the demo database, and exact results on small hand-made data."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from giamngheo import comparison, db, queries, reports
from giamngheo.store import reference, schema


def all_areas(con) -> list[tuple[str, int, str]]:
    out = []
    for year in queries.run(con, "years").review_year:
        areas = queries.run(con, "areas", year=int(year))
        out += [(code, int(year), level) for code, level in zip(areas.code, areas.level)]
    return out


def test_every_query_file_runs_and_is_named(demo_con):
    assert set(queries.names()) >= {"summary", "communes", "deprivation", "groups", "areas", "years", "metadata"}
    with pytest.raises(KeyError):
        queries.run(demo_con, "../secret")


def test_unknown_parameters_are_refused(demo_con):
    with pytest.raises(TypeError):
        queries.run(demo_con, "summary", area="311", year=2022, lang="vi")
    with pytest.raises(TypeError):
        queries.run(demo_con, "summary", area="311")


def test_queries_cannot_write(empty_db, monkeypatch):
    # Even on a writable connection the runner runs every query in a read-only transaction.
    con = db.connect(empty_db)
    try:
        monkeypatch.setattr(queries, "sql", lambda name: "delete from admin_units")
        with pytest.raises(duckdb.Error, match="read-only"):
            queries.run(con, "summary")
        assert con.execute("select count(*) from admin_units").fetchone()[0] > 0
    finally:
        con.close()


def test_area_keys_name_one_area_of_a_code_list(demo_con):
    # The area tables are filtered on area_key(code) (views.sql): it must tell every unit of a list apart.
    clashes, missing = demo_con.execute("""
        select count(*) filter (where n > 1), count(*) filter (where key is null)
        from (select code_list, area_key(code) as key, count(*) as n from admin_units group by all)
    """).fetchone()
    assert (clashes, missing) == (0, 0)
    assert demo_con.execute("select count(*) from admin_units").fetchone()[0] > 10_000
    assert demo_con.execute("select area_key('01'), area_key('001'), area_key('x1')").fetchone() == (
        2_000_001, 3_000_001, None)


def test_a_code_list_with_a_malformed_code_is_refused():
    con = duckdb.connect()
    con.execute("create table admin_units (code_list varchar, level varchar, code varchar)")
    con.execute("insert into admin_units values ('l', 'province', '01'), ('l', 'district', '271'), "
                "('l', 'commune', '04783')")
    reference.check_codes(con)
    con.execute("insert into admin_units values ('l', 'district', '0271'), ('l', 'commune', '4783A')")
    with pytest.raises(ValueError, match=r"\('l', 'commune', '4783A'\), \('l', 'district', '0271'\)"):
        reference.check_codes(con)


def test_shares_rates_and_counts_are_consistent_everywhere(demo_con):
    for area, year, level in all_areas(demo_con):
        s = queries.run(demo_con, "summary", area=area, year=year).iloc[0]
        assert 0 <= s.poor_rate_pct <= 100 and 0 <= s.near_poor_rate_pct <= 100
        assert s.poor + s.near_poor <= s.total_households, (area, year)
        dep = queries.run(demo_con, "deprivation", area=area, year=year)
        assert (dep.households == s.poor).all(), (area, year)
        assert (dep.deprived <= dep.households).all()
        # A share of no poor households is undefined, not zero.
        assert dep.share_pct.between(0, 100).all() if s.poor else dep.share_pct.isna().all()
        groups = queries.run(demo_con, "groups", area=area, year=year).set_index("group")
        assert (groups.poor <= s.poor).all() and (groups.near_poor <= s.near_poor).all()
        # With and without labour capacity split the poor exactly.
        assert groups.loc["khong_kha_nang_lao_dong", "poor"] + groups.loc["co_kha_nang_lao_dong", "poor"] == s.poor


def test_commune_rows_sum_to_the_area_totals(demo_con):
    for area, year, level in all_areas(demo_con):
        if level == "commune":
            continue
        s = queries.run(demo_con, "summary", area=area, year=year).iloc[0]
        communes = queries.run(demo_con, "communes", area=area, year=year)
        assert communes.total_households.sum() == s.total_households, (area, year)
        assert communes.poor.sum() == s.poor and communes.near_poor.sum() == s.near_poor


def test_district_totals_sum_to_the_province(demo_con):
    for year in (2018, 2022):
        province = queries.run(demo_con, "summary", area="42", year=year).iloc[0]
        districts = pd.concat([queries.run(demo_con, "summary", area=d, year=year) for d in ("436", "445")])
        assert districts.poor.sum() == province.poor
        assert districts.total_households.sum() == province.total_households
        # A province rate is the ratio of sums, not the mean of district rates.
        assert province.poor_rate_pct == pytest.approx(100 * districts.poor.sum() / districts.total_households.sum())


def test_the_change_across_2025_stands_on_the_new_units(demo_con):
    # Commune 18073 is Phường Nam Hà before 1 July 2025 and Phường Thành Sen, a much larger area, after: the
    # 2025 change compares Thành Sen with its predecessors' 2024 households, never with Nam Hà's alone.
    s = queries.run(demo_con, "summary", area="18073", year=2025).iloc[0]
    assert s.area_name == "Phường Thành Sen" and s.previous_year == 2024 and bool(s.previous_placed)
    assert queries.run(demo_con, "summary", area="18073", year=2024).iloc[0].area_name == "Phường Nam Hà"
    successors = demo_con.execute("select from_code, to_code from commune_successors").df()
    whole = successors.groupby("from_code").filter(lambda g: len(g) == 1)
    split = set(successors.from_code) - set(whole.from_code)
    records = demo_con.execute("select review_year, household_id, commune_code, classification from households "
                               "where review_year in (2024, 2025)").df()
    before, after = records[records.review_year == 2024], records[records.review_year == 2025]
    into = set(whole[whole.to_code == "18073"].from_code)
    placed = before[before.commune_code.isin(split)].merge(after[["household_id", "commune_code"]], on="household_id",
                                                           suffixes=("", "_2025"))
    placed = placed.merge(successors, left_on=["commune_code", "commune_code_2025"], right_on=["from_code", "to_code"])
    expected = ((before.commune_code.isin(into) & (before.classification == "ngheo")).sum()
                + ((placed.to_code == "18073") & (placed.classification == "ngheo")).sum())
    assert s.previous_poor == expected
    nam_ha = ((before.commune_code == "18073") & (before.classification == "ngheo")).sum()
    assert s.previous_poor > nam_ha > 0


# -- small hand-made cases ------------------------------------------------------------------------

def insert_households(con, rows: list[dict]) -> None:
    base = dict(code_list="gso_2024", province_code="45", district_code="468", members=3, area_type="nong_thon",
                standard="2022-2025", deprivation_count=0, khong_kha_nang_lao_dong=False)
    frame = pd.DataFrame([{**base, **r} for r in rows])
    con.register("frame", frame)
    con.execute(f"insert into households ({', '.join(frame.columns)}) select * from frame")
    con.unregister("frame")
    schema.refresh_aggregates(con)  # as every import does


@pytest.fixture
def small(empty_db):
    """Cam Lộ, 2021 and 2022: two communes with a population row, one without."""
    con = db.connect(empty_db)
    con.execute("""
        insert into population (review_year, code_list, commune_code, total_households) values
        (2021, 'gso_2024', '19597', 100), (2021, 'gso_2024', '19600', 300),
        (2022, 'gso_2024', '19597', 100), (2022, 'gso_2024', '19600', 300)
    """)
    rows = []
    # 2021: 19597 has 4 poor, 2 near-poor; 19600 has 2 poor.
    rows += [dict(review_year=2021, household_id=f"a{i}", commune_code="19597", classification="ngheo") for i in range(4)]
    rows += [dict(review_year=2021, household_id=f"b{i}", commune_code="19597", classification="can_ngheo") for i in range(2)]
    rows += [dict(review_year=2021, household_id=f"c{i}", commune_code="19600", classification="ngheo") for i in range(2)]
    # 2022: 19597 has 2 poor (one deprived in employment and telecom), 1 near-poor, 1 not poor;
    # 19603 has no population row: its 3 records stand in as the denominator.
    rows += [dict(review_year=2022, household_id="a0", commune_code="19597", classification="ngheo",
                  td_viec_lam=True, td_vien_thong=True, td_bhyt=False, khong_kha_nang_lao_dong=True)]
    rows += [dict(review_year=2022, household_id="a1", commune_code="19597", classification="ngheo",
                  td_viec_lam=False, td_vien_thong=True, td_bhyt=True)]
    rows += [dict(review_year=2022, household_id="b0", commune_code="19597", classification="can_ngheo")]
    rows += [dict(review_year=2022, household_id="a2", commune_code="19597", classification="khong")]
    rows += [dict(review_year=2022, household_id=f"d{i}", commune_code="19603", classification=c)
             for i, c in enumerate(["ngheo", "khong", "khong"])]
    insert_households(con, rows)
    yield con
    con.close()


def test_summary_by_hand(small):
    s = queries.run(small, "summary", area="468", year=2022).iloc[0]
    assert s.total_households == 100 + 300 + 3
    assert s.poor == 3 and s.near_poor == 1
    assert s.poor_rate_pct == pytest.approx(100 * 3 / 403)
    assert s.poor_change_pp == pytest.approx(100 * 3 / 403 - 100 * 6 / 400)
    assert s.communes_without_population == 1
    commune = queries.run(small, "summary", area="19597", year=2022).iloc[0]
    assert commune.poor_rate_pct == pytest.approx(2.0) and commune.poor_change_pp == pytest.approx(2.0 - 4.0)


def test_communes_by_hand(small):
    c = queries.run(small, "communes", area="468", year=2022).set_index("commune_code")
    assert list(c.index) == ["19597", "19600", "19603"]
    assert c.loc["19600", "poor"] == 0 and c.loc["19600", "total_households"] == 300
    assert c.loc["19600", "poor_change_pp"] == pytest.approx(0 - 100 * 2 / 300)
    assert bool(c.loc["19603", "denominator_from_records"]) and c.loc["19603", "total_households"] == 3


def test_deprivation_by_hand(small):
    d = queries.run(small, "deprivation", area="19597", year=2022).set_index("indicator")
    assert d.loc["td_viec_lam", "deprived"] == 1 and d.loc["td_viec_lam", "share_pct"] == pytest.approx(50)
    assert d.loc["td_vien_thong", "deprived"] == 2 and d.loc["td_vien_thong", "share_pct"] == pytest.approx(100)
    assert d.loc["td_nha_tieu", "deprived"] == 0
    near = queries.run(small, "deprivation", area="19597", year=2022, classification="can_ngheo")
    assert (near.households == 1).all() and (near.deprived == 0).all()


def test_groups_by_hand(small):
    g = queries.run(small, "groups", area="19597", year=2022).set_index("group")
    assert g.loc["khong_kha_nang_lao_dong", "poor"] == 1
    assert g.loc["co_kha_nang_lao_dong", "poor"] == 1
    assert g.loc["khong_kha_nang_lao_dong", "share_of_poor_pct"] == pytest.approx(50)
    assert g.loc["khong_kha_nang_lao_dong", "poor_share_of_households_pct"] == pytest.approx(1.0)


def h(year: int, household: str, classification: str, commune: str = "19597") -> dict:
    """One household record for the by-hand dynamics tests (Cam Lộ unless said)."""
    return dict(review_year=year, household_id=household, commune_code=commune, classification=classification)


def test_transitions_by_hand(empty_db):
    """One household per flow of form R2, in commune 19597 (Cam Lộ), reviews 2020 -> 2021 -> 2022."""
    con = db.connect(empty_db)
    try:
        insert_households(con, [
            h(2021, "stay", "ngheo"), h(2022, "stay", "ngheo"),
            h(2021, "to_near", "ngheo"), h(2022, "to_near", "can_ngheo"),
            h(2021, "above", "ngheo"), h(2022, "above", "khong"),
            h(2021, "absent", "ngheo"),  # not reviewed in 2022: off the lists
            h(2021, "moved_out", "ngheo"), h(2022, "moved_out", "ngheo", "19600"),
            h(2021, "from_near", "can_ngheo"), h(2022, "from_near", "ngheo"),
            h(2020, "again", "ngheo"), h(2021, "again", "khong"), h(2022, "again", "ngheo"),
            h(2022, "new", "ngheo"),
            h(2021, "moved_in", "ngheo", "19600"), h(2022, "moved_in", "ngheo"),
        ])
        t = queries.run(con, "transitions", area="19597", year=2022).iloc[0]
        assert t.previous_year == 2021
        # "absent" and "moved_out" are other decreases: a household off the lists did not escape poverty.
        assert (t.poor_start, t.escaped_to_near_poor, t.escaped_above_near_poor, t.other_decrease) == (5, 1, 1, 2)
        assert (t.from_near_poor, t.re_poor, t.new_poor, t.other_increase, t.poor_end) == (1, 1, 1, 1, 5)
        # The district holds both communes: a move inside it is no flow at all; "absent" still left.
        d = queries.run(con, "transitions", area="468", year=2022).iloc[0]
        assert (d.poor_start, d.escaped_above_near_poor, d.other_decrease, d.other_increase, d.poor_end) == (6, 1, 1, 0, 6)
    finally:
        con.close()


def test_near_poor_transitions_by_hand(empty_db):
    """One household per flow of form R3 (the near-poor), in commune 19597, reviews 2020 -> 2021 -> 2022."""
    con = db.connect(empty_db)
    try:
        insert_households(con, [
            h(2021, "stay", "can_ngheo"), h(2022, "stay", "can_ngheo"),
            h(2021, "to_poor", "can_ngheo"), h(2022, "to_poor", "ngheo"),
            h(2021, "above", "can_ngheo"), h(2022, "above", "khong"),
            h(2021, "absent", "can_ngheo"),
            h(2021, "from_poor", "ngheo"), h(2022, "from_poor", "can_ngheo"),
            h(2020, "again", "can_ngheo"), h(2021, "again", "khong"), h(2022, "again", "can_ngheo"),
            h(2020, "was_poor", "ngheo"), h(2021, "was_poor", "khong"), h(2022, "was_poor", "can_ngheo"),
            h(2021, "moved_in", "can_ngheo", "19600"), h(2022, "moved_in", "can_ngheo"),
        ])
        t = reports.run(con, "near_poor_transitions", "19597", 2022).iloc[0]
        assert (t.near_start, t.to_poor, t.escaped_above_near_poor, t.other_decrease) == (4, 1, 1, 1)
        # Poor at 2020 is not near-poor before: "was_poor" is new to the near-poor list, "again" is back on it.
        assert (t.from_poor, t.re_near_poor, t.new_near_poor, t.other_increase, t.near_end) == (1, 1, 1, 1, 5)
    finally:
        con.close()


def test_dynamics_balance_everywhere(demo_con):
    """Forms R2 (poor) and R3 (near-poor), for every unit and level of the demo, every review: end = start -
    decreases + increases, by commune too; the communes' starts (with the households that could not be placed) add
    up to the area's; the ends are this review's counts and the starts the previous review's; the flows between
    the classes mirror each other (R3's from-poor are R2's escapes to near-poor, R3's to-poor R2's from-near-poor)."""
    for area, year, level in all_areas(demo_con):
        t = queries.run(demo_con, "transitions", area=area, year=year).iloc[0]
        if pd.isna(t.previous_year):
            continue
        n = reports.run(demo_con, "near_poor_transitions", area, year).iloc[0]
        assert t.poor_end == (t.poor_start - t.escaped_to_near_poor - t.escaped_above_near_poor - t.other_decrease
                              + t.from_near_poor + t.re_poor + t.new_poor + t.other_increase), (area, year)
        assert n.near_end == (n.near_start - n.to_poor - n.escaped_above_near_poor - n.other_decrease
                              + n.from_poor + n.re_near_poor + n.new_near_poor + n.other_increase), (area, year)
        s = queries.run(demo_con, "summary", area=area, year=year).iloc[0]
        assert (t.poor_start, t.poor_end) == (s.previous_poor, s.poor), (area, year)
        assert (n.near_start, n.near_end) == (s.previous_near_poor, s.near_poor), (area, year)
        assert (n.from_poor, n.to_poor, n.comparable) == (t.escaped_to_near_poor, t.from_near_poor, t.comparable)
        if level != "commune":
            for classification, whole in (("ngheo", t), ("can_ngheo", n)):
                rows = comparison.named_flows(queries.run(demo_con, "transitions_by_commune", area=area, year=year,
                                                          classification=classification), classification)
                start, end = comparison.flows(classification)[0][0], comparison.flows(classification)[-1][0]
                assert rows[start].sum() == whole[start] and rows[end].sum() == whole[end], (area, year)
                balance = sum(sign * rows[key] if sign else rows[key] for key, sign in comparison.flows(classification)[:-1])
                assert (balance == rows[end]).all(), (area, year, classification)
