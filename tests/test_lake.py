"""DuckLake on PostgreSQL: the same queries, imports and pages on a lake whose catalogue is in a real
PostgreSQL server (Debian's package, started by the test on loopback) and whose data are Parquet files.

Two dashboard processes serve the lake while two imports run at once from the command line; readers in
other processes' connections must see the old snapshot or the new one, never part of an import, and
neither import's rows may be lost.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

import duckdb
import pandas as pd
import pytest

from bench.serving import Dashboard
from giamngheo import db, demo, extracts, fmt, i18n, queries
from giamngheo.store import schema
from tests.lake import Postgres

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"
DISTRICT, YEAR = "468", 2022  # Cam Lộ (Quảng Trị), a district of the demo


@pytest.fixture(scope="module")
def postgres():
    server = Postgres()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lake(postgres, tmp_path_factory) -> str:
    location = postgres.lake("demo_lake", tmp_path_factory.mktemp("lake") / "data")
    demo.build(location)
    # The tests below import into Cam Lộ's 2022 review, approved in the demo: an administrator reopens it first.
    reopened = cli("review", "reopen", "--area", DISTRICT, "--year", str(YEAR), "--reason", "kiểm thử", "--db", location)
    assert reopened.returncode == 0, reopened.stderr
    return location


def test_lake_schema_keeps_columns_and_not_null_but_no_keys_or_checks():
    ddl = (schema.HERE / "schema.sql").read_text(encoding="utf-8") + ";\n" + schema.households_ddl()
    ddl += ";\n" + (schema.HERE / "accounts.sql").read_text(encoding="utf-8")
    portable = schema.for_lake(ddl)
    for gone in ("primary key", "references", " check (", "create sequence", "nextval"):
        assert gone not in portable.lower(), gone
    plain, lake_like = duckdb.connect(), duckdb.connect()
    plain.execute(ddl)
    lake_like.execute(portable)
    columns = "select table_name, column_name, data_type, is_nullable from information_schema.columns order by all"
    assert plain.execute(columns).fetchall() == lake_like.execute(columns).fetchall()


def test_a_lake_location_is_parsed_not_taken_for_a_path(monkeypatch):
    from giamngheo.paths import database_path

    text = "ducklake:postgres:dbname=gn host=db.internal user=gn DATA_PATH=/srv/gn/lake/ SNAPSHOT=42"
    lake = db.Lake.parse(text)
    assert (lake.catalog, lake.data_path, lake.snapshot) == ("ducklake:postgres:dbname=gn host=db.internal user=gn",
                                                            "/srv/gn/lake/", 42)
    assert str(lake) == text
    monkeypatch.setenv("GIAMNGHEO_DB", text)
    assert database_path() == text  # a Path would fold the slashes
    assert db.Lake.parse("data/giamngheo.duckdb") is None


def test_extensions_come_from_the_packages_not_the_network(lake):
    con = db.connect(lake, read_only=True)
    try:
        loaded = dict(con.execute("select extension_name, install_path from duckdb_extensions() "
                                  "where extension_name in ('ducklake', 'postgres_scanner') and loaded").fetchall())
        assert set(loaded) == {"ducklake", "postgres_scanner"}
        assert con.execute("select current_setting('autoinstall_known_extensions')").fetchone()[0] is False
        assert con.execute("select count(*) from duckdb_tables() where database_name = 'lake'").fetchone()[0] > 10
    finally:
        con.close()


def test_a_missing_extension_package_names_the_package_and_the_extra_to_install():
    from giamngheo import lake

    with pytest.raises(db.DatabaseMissing, match=r"duckdb-extension-spatialx: pip install -e '\.\[dev\]'"):
        lake.extension_file("spatialx")
    assert lake.extension_file("ducklake").name == "ducklake.duckdb_extension"


CASES = [("311", 2022), ("445", 2019), ("436", 2018), ("11476", 2022)]  # not Cam Lộ 2022: imported into


@pytest.mark.parametrize("reader", ["lake", "copy"])
@pytest.mark.parametrize("area,year", CASES)
def test_same_queries_same_figures_as_the_file(lake, demo_con, area, year, reader):
    # "copy": what the dashboard's queries read, the lake's tables copied into memory at its latest snapshot
    # (db.reader), the households' left in the lake behind views.
    if reader == "lake":
        con = db.connect(lake, read_only=True)
    else:
        latest = db.connect(lake, read_only=True)
        con = db.reader(lake, db.version(latest))
        latest.close()
        assert con.execute("select table_type from information_schema.tables where table_name = 'households' "
                           "and table_catalog = current_database()"
                           ).fetchone()[0] == "VIEW"
    try:
        for name in ("summary", "communes", "deprivation", "groups", "transitions", "trend", "causes",
                     "alkire_foster", "deprivation_by_commune", "groups_by_commune", "solution_groups", "map_units"):
            params = {"area": area, "year": year}
            expected = queries.run(demo_con, name, **params)
            got = queries.run(con, name, **params)
            pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=name)
    finally:
        con.close()


def test_a_failed_import_changes_nothing_and_a_good_one_is_not_repeated(lake, tmp_path):
    def count():
        con = db.connect(lake, read_only=True)
        try:
            return con.execute("select count(*), (select count(*) from imports) from households").fetchone()
        finally:
            con.close()

    before = count()
    bad = tmp_path / "loi.csv"
    bad.write_text("nam_ra_soat,ma_xa,ma_ho,so_nhan_khau,khu_vuc,phan_loai\n2022,19597,X1,2,nong_thon,khong\n"
                   "2022,99999,X2,2,nong_thon,khong\n", encoding="utf-8")
    assert cli("import", "households", str(bad), "--db", lake).returncode == 2
    assert count() == before
    good = tmp_path / "tot.csv"
    good.write_text("nam_ra_soat,ma_xa,ma_ho,so_nhan_khau,khu_vuc,phan_loai\n2022,19597,LAKE-A,2,nong_thon,khong\n",
                    encoding="utf-8")
    assert cli("import", "households", str(good), "--db", lake).returncode == 0
    assert cli("import", "households", str(good), "--db", lake).returncode == 0
    assert count()[0] == before[0] + 1


def households(n: int) -> str:
    """How the overview's card shows a number of households (Vietnamese)."""
    return f"{fmt.count(n)} hộ"


def poor_card(page, url: str, query: str) -> str:
    """The overview's card of poor households, as a dashboard at `url` shows it for the filters in `query`: the card
    found by its label, not its place, which another card holds while the page is still being drawn."""
    page.goto(f"{url}/?{query}")
    label = page.get_by_text(i18n.text("poor_households", "vi"), exact=True)
    card = page.locator('[data-testid="stMetric"]', has=label).locator('[data-testid="stMetricValue"]')
    card.wait_for(timeout=120_000)
    return card.inner_text()


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "giamngheo.cli", *args], capture_output=True, text=True)


def new_households(demo_db: str, commune: str, prefix: str) -> pd.DataFrame:
    """The commune's 2022 records again under new household codes: importing them adds households."""
    con = duckdb.connect(demo_db, read_only=True)
    try:
        frame = con.execute("select * from households where review_year = ? and commune_code = ?",
                            [YEAR, commune]).df()
    finally:
        con.close()
    frame["household_id"] = prefix + frame.household_id
    return frame


def test_two_dashboards_and_two_imports_at_once(lake, demo_db, tmp_path):
    from playwright.sync_api import sync_playwright

    files = []
    for commune, prefix in (("19597", "LAKE1-"), ("19600", "LAKE2-")):
        frame = new_households(demo_db, commune, prefix)
        path = tmp_path / f"{prefix.lower().strip('-')}.csv"
        extracts.to_extract(frame, "households", "2022-2025").to_csv(path, index=False)
        files.append((path, int((frame.classification == "ngheo").sum()), len(frame)))
    assert all(poor > 0 for _, poor, _ in files)

    def poor_in_one_snapshot(con) -> tuple[int, int]:
        """The district's poor households from the aggregate table and from the households, in one read."""
        cur = db.cursor(con)
        try:
            cur.execute("begin transaction read only")
            aggregate = int(cur.execute("select sum(poor) from commune_year where review_year = ? "
                                        "and district_code = ?", [YEAR, DISTRICT]).fetchone()[0])
            counted = cur.execute("select count(*) from households h join admin_units u on u.code = h.commune_code "
                                  "and u.code_list = h.code_list where h.review_year = ? and u.district_code = ? "
                                  "and h.classification = 'ngheo'", [YEAR, DISTRICT]).fetchone()[0]
            cur.execute("commit")
            return aggregate, counted
        finally:
            cur.close()

    con = db.connect(lake, read_only=True)
    old, counted = poor_in_one_snapshot(con)
    con.close()
    assert old == counted
    k1, k2 = files[0][1], files[1][1]
    allowed = {old, old + k1, old + k2, old + k1 + k2}

    env = {**{k: v for k, v in os.environ.items() if k != "GIAMNGHEO_READ_ONLY"}, "GIAMNGHEO_DB": lake}
    dashboards = [Dashboard([], tmp_path / f"dashboard{i}.log", env) for i in (1, 2)]
    seen: list[tuple[int, int]] = []
    stop = threading.Event()

    def reader():
        reader_con = db.connect(lake, read_only=True)
        try:
            while not stop.is_set():
                seen.append(poor_in_one_snapshot(reader_con))
        finally:
            reader_con.close()

    readers = [threading.Thread(target=reader) for _ in range(2)]
    query = urlencode({"nam": YEAR, "tinh": "Tỉnh Quảng Trị", "huyen": "Huyện Cam Lộ"})
    shown: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            pages = [browser.new_context(viewport={"width": 1366, "height": 768}).new_page() for _ in dashboards]

            for page, url in zip(pages, [d.url for d in dashboards]):
                assert poor_card(page, url, query) == households(old)
            for thread in readers:
                thread.start()
            imports = [subprocess.Popen([sys.executable, "-m", "giamngheo.cli", "import", "households", str(path),
                                         "--db", lake, "--user", "test"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                       for path, _, _ in files]
            while any(i.poll() is None for i in imports):  # the dashboards are used during the imports
                for page, url in zip(pages, [d.url for d in dashboards]):
                    shown.append(poor_card(page, url, query))
            outcomes = [i.communicate() + (i.returncode,) for i in imports]
            assert [o[2] for o in outcomes] == [0, 0], outcomes
            # The dashboards look up the lake's snapshot at most every 5 seconds: a reload soon shows both imports.
            for page, url in zip(pages, [d.url for d in dashboards]):
                deadline, now_shown = time.monotonic() + 60, None
                while now_shown != households(old + k1 + k2) and time.monotonic() < deadline:
                    now_shown = poor_card(page, url, query)
                    shown.append(now_shown)
                assert now_shown == households(old + k1 + k2), (url, now_shown, old, k1, k2)
            browser.close()
    finally:
        stop.set()
        for thread in readers:
            thread.join(60)
        for dashboard in dashboards:
            dashboard.stop()

    assert len(seen) > 10
    assert all(aggregate == counted for aggregate, counted in seen), "a reader saw part of an import"
    assert {aggregate for aggregate, _ in seen} <= allowed, ({a for a, _ in seen}, allowed)
    assert set(shown) <= {households(n) for n in allowed}, (shown, allowed)
    con = db.connect(lake, read_only=True)
    try:
        assert poor_in_one_snapshot(con) == (old + k1 + k2, old + k1 + k2)  # neither import was lost
        assert con.execute("select count(*) from households where household_id like 'LAKE_-%'").fetchone()[0] == \
            files[0][2] + files[1][2]
        assert con.execute("select count(distinct import_id), count(*) from imports "
                           "where file_name like 'lake_.csv'").fetchone() == (2, 2)
    finally:
        con.close()


def test_as_of_a_snapshot_the_lake_reads_as_it_was(lake, tmp_path, monkeypatch):
    con = db.connect(lake, read_only=True)
    snapshot = con.execute("select max(snapshot_id) from lake.snapshots()").fetchone()[0]
    before = con.execute("select count(*) from households").fetchone()[0]
    con.close()
    extra = tmp_path / "sau.csv"
    extra.write_text("nam_ra_soat,ma_xa,ma_ho,so_nhan_khau,khu_vuc,phan_loai\n2022,19597,LAKE-ASOF,2,nong_thon,khong\n",
                     encoding="utf-8")
    assert cli("import", "households", str(extra), "--db", lake).returncode == 0
    as_of = f"{lake} SNAPSHOT={snapshot}"
    old = db.connect(as_of)  # asked for writing, opened read-only all the same
    try:
        assert old.execute("select count(*) from households").fetchone()[0] == before
        with pytest.raises(duckdb.Error):
            old.execute("delete from households")
    finally:
        old.close()
    latest = db.connect(lake, read_only=True)
    assert latest.execute("select count(*) from households").fetchone()[0] == before + 1
    latest.close()

    from streamlit.testing.v1 import AppTest

    from giamngheo.paths import APP

    monkeypatch.setenv("GIAMNGHEO_DB", as_of)
    monkeypatch.delenv("GIAMNGHEO_READ_ONLY", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update({"nam": "2022", "tinh": "Tỉnh Quảng Trị", "huyen": "Huyện Cam Lộ"})
    at.run()
    assert not at.exception
    assert any(f"ảnh chụp {snapshot}" in info.value for info in at.info)


def test_scorecard_from_the_lake_as_from_the_file(lake, demo_con):
    """The scorecard runs its queries on cursors of a cursor: each must find the lake's tables."""
    from giamngheo import scorecard

    con = db.connect(lake, read_only=True)
    try:
        got = scorecard.build(db.cursor(con), "445", 2020)
        expected = scorecard.build(db.cursor(demo_con), "445", 2020)
        assert len(got) >= 7  # the Thạch Hà plan's seven targets
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    finally:
        con.close()


def test_the_approved_version_reads_from_the_lake(lake, demo_con):
    """Cam Lộ's 2022 review, reopened for the imports above, reads from the lake as it was approved."""
    import json

    from giamngheo import reports

    run = cli("report", "summary", "--area", DISTRICT, "--year", str(YEAR), "--approved", "--format", "json",
              "--db", lake)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)[0]
    expected = reports.run(demo_con, "summary", DISTRICT, YEAR).iloc[0]
    for key in ("poor", "near_poor", "total_households", "communes_approved", "official"):
        assert got[key] == expected[key], key
    assert got["official"] is True


def test_a_session_holds_across_dashboard_processes_on_one_lake(postgres, tmp_path):
    """Sessions live in the lake with the accounts: signed in through one dashboard process, the browser is signed
    in on the other (the cookie is signed with the lake's key); ending the account's sessions from the command
    line while both run ends it there at its next action."""
    from playwright.sync_api import sync_playwright

    from giamngheo import auth

    location = postgres.lake("sessions_lake", tmp_path / "data")
    con = db.create(location)
    auth.add_user(con, "quantri", "matkhau-quan-tri", "quan_tri", None)
    con.close()
    env = {**{k: v for k, v in os.environ.items() if k != "GIAMNGHEO_READ_ONLY"}, "GIAMNGHEO_DB": location}
    dashboards = [Dashboard([], tmp_path / f"dashboard{i}.log", env) for i in (1, 2)]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 1366, "height": 768})  # cookies are per host, not port
            first, second = context.new_page(), context.new_page()
            first.goto(dashboards[0].url)
            first.get_by_label("Tên đăng nhập").fill("quantri")
            first.get_by_label("Mật khẩu").fill("matkhau-quan-tri")
            first.get_by_role("button", name="Đăng nhập").click()
            first.get_by_role("button", name="Đăng xuất").wait_for(timeout=120_000)
            deadline = time.monotonic() + 30
            while not [c for c in context.cookies() if c["name"] == "giamngheo_phien"]:
                assert time.monotonic() < deadline, "no session cookie"
                first.wait_for_timeout(100)
            second.goto(dashboards[1].url)
            second.get_by_role("button", name="Đăng xuất").wait_for(timeout=120_000)
            assert second.get_by_label("Mật khẩu").count() == 0
            ended = cli("user", "end-sessions", "quantri", "--db", location)
            assert ended.returncode == 0 and "1 open session(s) of quantri ended" in ended.stdout, ended.stderr
            second.locator('[data-testid="stStatusWidgetRunningIcon"]').wait_for(state="hidden", timeout=60_000)
            second.locator('[data-testid="stSidebarNav"]').get_by_text("Tổng quan", exact=True).click()  # its next action
            second.get_by_label("Mật khẩu").wait_for(timeout=120_000)
            first.reload()
            first.get_by_label("Mật khẩu").wait_for(timeout=120_000)
            browser.close()
    finally:
        for dashboard in dashboards:
            dashboard.stop()


def test_workers_behind_the_proxy_share_the_lake(lake, demo_db, tmp_path):
    """`giamngheo serve --workers 2`: HAProxy sends each browser to one process for good (its cookie), the page's
    WebSocket upgrades through it, and an import from the command line reaches both processes' pages whole."""
    from playwright.sync_api import sync_playwright

    frame = new_households(demo_db, "19603", "PROXY-")
    path = tmp_path / "proxy.csv"
    extracts.to_extract(frame, "households", "2022-2025").to_csv(path, index=False)
    added = int((frame.classification == "ngheo").sum())
    con = db.connect(lake, read_only=True)
    try:
        old = int(con.execute("select sum(poor) from commune_year where review_year = ? and district_code = ?",
                              [YEAR, DISTRICT]).fetchone()[0])
    finally:
        con.close()
    env = {**{k: v for k, v in os.environ.items() if k != "GIAMNGHEO_READ_ONLY"}, "GIAMNGHEO_DB": lake}
    proxy = Dashboard(["--workers", "2"], tmp_path / "proxy.log", env)
    query = urlencode({"nam": YEAR, "tinh": "Tỉnh Quảng Trị", "huyen": "Huyện Cam Lộ"})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])

            def worker(context) -> str | None:
                return {c["name"]: c["value"] for c in context.cookies()}.get("giamngheo_worker")

            # Each browser's first request is sent round robin: new browsers until one has landed on each process.
            contexts = {}
            for _ in range(8):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                context.request.get(proxy.url + "/")
                contexts.setdefault(worker(context), context)
                if len(contexts) == 2:
                    break
            assert sorted(contexts) == ["w1", "w2"], sorted(contexts)
            contexts = list(contexts.values())
            pages = [context.new_page() for context in contexts]

            assert [poor_card(page, proxy.url, query) for page in pages] == [households(old)] * 2
            workers = [worker(context) for context in contexts]
            assert sorted(workers) == ["w1", "w2"], workers  # loading the page kept each browser on its process
            imported = cli("import", "households", str(path), "--db", lake, "--user", "test")
            assert imported.returncode == 0, imported.stderr
            for page in pages:  # each process looks up the lake's snapshot at most every 5 seconds
                deadline, shown = time.monotonic() + 60, None
                while shown != households(old + added) and time.monotonic() < deadline:
                    shown = poor_card(page, proxy.url, query)
                assert shown == households(old + added), (shown, old, added)
            assert [worker(context) for context in contexts] == workers  # still on the same processes
            browser.close()
    finally:
        proxy.stop()
    assert "2 processes behind HAProxy" in proxy.log.read_text()


def test_workers_on_one_file_only_read_it(demo_db):
    """One DuckDB file is written by one process: several workers on it are refused unless they only read."""
    refused = cli("serve", "--workers", "2", "--db", demo_db, "--port", "1")
    assert refused.returncode == 2 and "GIAMNGHEO_READ_ONLY=1" in refused.stderr, refused.stderr
