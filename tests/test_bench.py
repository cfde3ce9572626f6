"""The benchmark runs on a small nation-wide set and its figures are consistent: the project's aggregates
equal the pandas baseline's. (Timings themselves live in bench/README.md, not in tests.)"""

from __future__ import annotations

import duckdb

from bench import national as bench
from bench import sessions
from giamngheo import national


def test_national_set_is_deterministic_and_valid(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    national.build(first, 3000)
    national.build(second, 3000)
    fingerprint = "select count(*), sum(hash(household_id, commune_code, classification, deprivation_count)) from households"
    a, b = duckdb.connect(str(first), read_only=True), duckdb.connect(str(second), read_only=True)
    try:
        assert a.execute(fingerprint).fetchone() == b.execute(fingerprint).fetchone()
        assert a.execute("select count(*), count(distinct review_year), count(distinct province_code) "
                         "from households").fetchone()[:2] == (9000, 3)
        assert a.execute("select count(distinct province_code) from households").fetchone()[0] == 63
        row = a.execute("select min(deprivation_count) filter (where classification = 'ngheo'), "
                        "max(deprivation_count) filter (where classification = 'can_ngheo') from households").fetchone()
        assert row[0] >= 3 and row[1] <= 2
        kept = a.execute("select count(*) from households x join households y using (household_id) "
                         "where x.review_year = 2022 and y.review_year = 2023").fetchone()[0]
        assert 0.8 * 3000 < kept < 0.9 * 3000  # 85% are reviewed again: transitions are real
    finally:
        a.close()
        b.close()


def test_bench_figures_are_consistent(tmp_path):
    path = tmp_path / "n.duckdb"
    national.build(path, 4000)
    report = bench.run(str(path), with_pages=False)
    assert report["consistent"] is True
    assert report["largest_province"] == report["levels"]["province"]
    for level in ("province", "district", "commune"):
        stats = report["queries"][f"summary@{level}"]
        assert stats["median_ms"] > 0 and stats["p95_ms"] >= stats["median_ms"] and stats["pandas_ratio"] > 0
    assert report["cold_report_s"] > 0 and report["bench_process_memory_mb"] > 0
    assert "memory_mb" not in report  # the dashboard's memory is measured with the pages, in their own process


def test_concurrent_sessions_each_see_their_own_area(tmp_path):
    path = tmp_path / "n.duckdb"
    national.build(path, 4000)
    result = sessions.threads(str(path), 5)
    assert result["errors"] == []
    assert result["completed"] == result["sessions"] == 5
    assert result["p95_ms"] >= result["median_ms"] > 0


def test_the_session_check_bench_runs_and_reports_ratios():
    from bench import session_check

    result = session_check.main(["--rounds", "5"])
    assert set(result["median_ms"]) == {"account_only", "by_session_id", "by_cookie"}
    assert result["cookie_over_account"] > 0 and result["session_id_over_account"] > 0


def test_protocol_sessions_each_see_their_own_province(tmp_path):
    # The room's bench without Chromium: each client speaks Streamlit's protocol to a real `giamngheo serve`, and
    # fails unless its page's title names its own province and a metric card came.
    import asyncio

    path = tmp_path / "n.duckdb"
    national.build(path, 4000)
    year, names = sessions.largest_provinces(str(path), 4)
    dashboard = sessions.viewers(str(path), str(tmp_path))
    try:
        result = asyncio.run(sessions.speak(dashboard.url, year, names[:3], warm_up=names[3]))
        assert result["errors"] == [] and result["completed"] == 3
        assert result["median_ms"] > 0
        wrong = asyncio.run(sessions.speak(dashboard.url, year, ["Tỉnh Không Có"]))
        assert wrong["completed"] == 0 and "did not show" in wrong["errors"][0]
    finally:
        dashboard.stop()


def test_the_floor_bench_runs_twins_that_draw_what_the_pages_draw(tmp_path, monkeypatch):
    """bench/floor.py's bare Streamlit twins stay twins: as many charts, tables and cards as the pages they
    stand for (a page that draws another chart fails here until its twin does too)."""
    from bench import floor

    path = tmp_path / "n.duckdb"
    national.build(path, 4000)
    con = duckdb.connect(str(path), read_only=True)
    try:
        province, year = con.execute("select province_code, max(review_year) from households group by 1 "
                                     "order by count(*) desc, 1 limit 1").fetchone()
    finally:
        con.close()
    monkeypatch.setenv("GIAMNGHEO_DB", str(path))  # restored after the test (floor.run sets them)
    monkeypatch.setenv("GIAMNGHEO_READ_ONLY", "1")
    result = floor.run(str(path), province, year, rounds=2)
    assert result["empty"]["ratio_to_empty"] == 1 and all(r["median_ms"] > 0 for r in result.values())
    assert result["overview_twin"]["elements"] == result["app_overview"]["elements"]
    assert result["groups_twin"]["elements"] == result["app_groups"]["elements"]
    assert result["shell_twin"]["elements"] == result["app_shell"]["elements"] == {"charts": 0, "tables": 0, "cards": 0}
