"""`python -m bench.national`: the dashboard's named queries at province, district and commune level, against the
same aggregates computed by straightforward pandas on DataFrames already in memory, measured side by side in
one run; every page run in-process; resident memory; a cold `giamngheo report communes`.

Prints JSON: {"year", "largest_province", "queries": {name: {median_ms, p95_ms, pandas_ratio}},
"pages": {name: {median_ms}}, "memory_mb", "cold_report_s", "consistent"}.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator

import duckdb

from bench import sessions
from giamngheo import catalogue, comparison, db, queries

REPEAT = 7


def peak_memory_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the process image, whereas getrusage's
    ru_maxrss carries over the parent's peak into a process started with fork and exec (the pages process
    would report the benchmark's own pandas frames)."""
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


@contextlib.contextmanager
def _collector_off():
    # As timeit does: the garbage collector's passes land on whichever run they fall on.
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _runs(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _time(fn, repeat: int = REPEAT) -> list[float]:
    with _collector_off():
        return _runs(fn, repeat)


def _side_by_side(project, pandas, rounds: int = REPEAT, per_round: int = 3) -> tuple[list[float], list[float]]:
    """Times of the project's query and of its pandas twin, interleaved: each round runs the query
    `per_round` times, then the twin once, so that a burst of load on this shared machine falls on both."""
    project_times, pandas_times = [], []
    with _collector_off():
        for _ in range(rounds):
            project_times += _runs(project, per_round)
            pandas_times += _runs(pandas, 1)
    return project_times, pandas_times


def _stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 2)}


class PandasBaseline:
    """The same aggregates, the straightforward pandas way, on frames loaded once."""

    def __init__(self, con: duckdb.DuckDBPyConnection, year: int):
        flags = [i.flag for i in catalogue.indicators("2022-2025")]
        self.flags = flags
        self.group_columns = con.execute('select "group", "column", negate from groups order by position').fetchall()
        catalogue_groups = sorted({column for _, column, _ in self.group_columns})
        self.households = con.execute(
            "select review_year, household_id, province_code, district_code, commune_code, classification, "
            f"{', '.join(catalogue_groups)}, {', '.join(flags)} from households").df()
        self.population = con.execute("select p.review_year, p.commune_code, p.total_households, u.province_code, "
                                      "u.district_code from population p join admin_units u "
                                      "on u.code_list = p.code_list and u.code = p.commune_code").df()
        self.year = year

    def _area(self, frame, area):
        return frame[(frame.province_code == area) | (frame.district_code == area) | (frame.commune_code == area)]

    def summary(self, area):
        h = self._area(self.households, area)
        h = h[h.review_year == self.year]
        p = self._area(self.population, area)
        total = p[p.review_year == self.year].total_households.sum()
        poor = int((h.classification == "ngheo").sum())
        return {"poor": poor, "near_poor": int((h.classification == "can_ngheo").sum()), "total": int(total)}

    def deprivation(self, area):
        h = self._area(self.households, area)
        h = h[(h.review_year == self.year) & (h.classification == "ngheo")]
        return {f: int(h[f].fillna(False).astype(bool).sum()) for f in self.flags}

    def communes(self, area):
        h = self._area(self.households, area)
        h = h[h.review_year == self.year]
        return h[h.classification == "ngheo"].groupby("commune_code").size().to_dict()

    def groups(self, area):
        h = self._area(self.households, area)
        h = h[h.review_year == self.year]
        out = {}
        for group, column, negate in self.group_columns:
            member = h[column] != negate
            out[group] = (int((member & (h.classification == "ngheo")).sum()),
                          int((member & (h.classification == "can_ngheo")).sum()))
        return out

    def transitions(self, area):
        """Form R2 with merges: each household poor at the area's previous review or now, in one flow. A poor
        household absent from the area now (moved out, or off every list) is an other decrease, not an escape."""
        h = self.households
        records = self._area(h, area)
        previous = records.review_year[records.review_year < self.year].max()
        before = records[records.review_year == previous][["household_id", "classification"]]
        now = records[records.review_year == self.year][["household_id", "classification"]]
        anywhere_before = set(h.household_id[h.review_year == previous])
        poor_earlier = set(h.household_id[(h.classification == "ngheo") & (h.review_year < previous)])
        leaving = before[before.classification == "ngheo"].merge(now, on="household_id", how="left",
                                                                 suffixes=("", "_now"))
        later = leaving.classification_now
        arriving = now[now.classification == "ngheo"].merge(before, on="household_id", how="left",
                                                             suffixes=("", "_before"))
        arriving = arriving[arriving.classification_before != "ngheo"]
        earlier = arriving.classification_before
        moved_in = earlier.isna() & arriving.household_id.isin(anywhere_before)
        re_poor = ~moved_in & (earlier != "can_ngheo") & arriving.household_id.isin(poor_earlier)
        return {
            "poor_start": int((before.classification == "ngheo").sum()),
            "escaped_to_near_poor": int((later == "can_ngheo").sum()),
            "escaped_above_near_poor": int((later.notna() & ~later.isin(["ngheo", "can_ngheo"])).sum()),
            "other_decrease": int(later.isna().sum()),
            "from_near_poor": int((earlier == "can_ngheo").sum()),
            "re_poor": int(re_poor.sum()),
            "new_poor": int((~moved_in & (earlier != "can_ngheo") & ~re_poor).sum()),
            "other_increase": int(moved_in.sum()),
            "poor_end": int((now.classification == "ngheo").sum()),
        }


FLOWS = comparison.FLOW_KEYS  # form R2, in order


def _duck_results(con, area, year):
    s = queries.run(con, "summary", area=area, year=year).iloc[0]
    d = queries.run(con, "deprivation", area=area, year=year)
    c = queries.run(con, "communes", area=area, year=year)
    g = queries.run(con, "groups", area=area, year=year)
    t = queries.run(con, "transitions", area=area, year=year).iloc[0]
    return ({"poor": int(s.poor), "near_poor": int(s.near_poor), "total": int(s.total_households)},
            dict(zip(d.indicator, d.deprived.astype(int))),
            {k: v for k, v in zip(c.commune_code, c.poor) if v},
            {row.group: (int(row.poor), int(row.near_poor)) for row in g.itertuples()},
            {flow: int(t[flow]) for flow in FLOWS})


def run(path: str, with_pages: bool = True) -> dict:
    con = db.connect(path, read_only=True)
    year = int(con.execute("select max(review_year) from commune_year").fetchone()[0])
    levels = con.execute("""
        with sizes as (select province_code, district_code, commune_code, sum(reviewed) as n
                       from commune_year where review_year = ? group by all)
        select
            (select province_code from sizes group by 1 order by sum(n) desc limit 1),
            (select district_code from sizes where province_code = (select province_code from sizes group by 1
                 order by sum(n) desc limit 1) group by 1 order by sum(n) desc limit 1),
            (select commune_code from sizes order by n desc limit 1)
    """, [year]).fetchone()
    province, district, commune = levels
    baseline = PandasBaseline(con, year)
    named = ("summary", "deprivation", "communes", "groups", "transitions")  # each with a pandas twin
    result = {"year": year, "largest_province": province, "levels": {"province": province, "district": district,
                                                                     "commune": commune}, "queries": {}}
    version = db.version(con)
    if version is not None:  # a lake: the queries read what the dashboard reads, its copy at the latest snapshot
        started = time.perf_counter()
        lake, con = con, db.reader(path, version)
        result["lake_copy_s"] = round(time.perf_counter() - started, 2)
        lake.close()
    consistent = True
    for level, area in (("province", province), ("district", district), ("commune", commune)):
        expected = _duck_results(con, area, year)
        got = tuple(getattr(baseline, name)(area) for name in named)
        consistent &= expected == got
        for name in named:
            # The pandas transitions take seconds each: three rounds are enough for a median.
            duck_times, pandas_times = _side_by_side(lambda: queries.run(con, name, area=area, year=year),
                                                     lambda: getattr(baseline, name)(area),
                                                     rounds=3 if name == "transitions" else REPEAT)
            stats = _stats(duck_times)
            stats["pandas_ratio"] = round(statistics.median(pandas_times) / stats["median_ms"], 1)
            result["queries"][f"{name}@{level}"] = stats
        for name in ("trend", "causes", "areas", "alkire_foster", "deprivation_by_commune", "deprivation_trend",
                     "groups_by_commune"):
            params = {"year": year} if name == "areas" else {"area": area, "year": year}
            times = _time(lambda: queries.run(con, name, **params), repeat=3)
            result["queries"][f"{name}@{level}"] = _stats(times)
    result["consistent"] = consistent
    con.close()
    result["bench_process_memory_mb"] = peak_memory_mb()
    if with_pages:
        # The dashboard's own footprint: the pages in a process of their own, without the pandas baseline.
        out = subprocess.run([sys.executable, "-m", "bench.national", "--pages-only", "--db", path, "--area",
                              province, "--district", district, "--year", str(year)], capture_output=True, text=True)
        if out.returncode:
            raise RuntimeError(f"the pages failed:\n{out.stderr[-4000:]}")
        measured = json.loads(out.stdout.strip().splitlines()[-1])
        result["pages"], result["memory_mb"] = measured["pages"], measured["memory_mb"]
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "giamngheo.cli", "report", "communes", "--area", province, "--year",
                    str(year), "--db", path], check=True, capture_output=True)
    result["cold_report_s"] = round(time.perf_counter() - started, 2)
    return result


def pages(path: str, province: str, district: str, year: int) -> dict:
    """Every page run in-process (streamlit.testing.v1.AppTest) on the district, app.py and the page as the server
    runs them (giamngheo.web.pages_as_served); server-side time."""
    from streamlit.testing.v1 import AppTest

    from giamngheo.paths import APP
    from giamngheo.web import pages_as_served

    os.environ["GIAMNGHEO_DB"] = path
    os.environ["GIAMNGHEO_READ_ONLY"] = "1"
    con = db.connect(path, read_only=True)
    try:
        con_names = dict(con.execute("select code, name from admin_units where code_list = 'gso_2024' "
                                     "and code in (?, ?)", [province, district]).fetchall())
    finally:
        con.close()
    def empty() -> float:
        """An empty Streamlit page, run the same way: a new AppTest, a first run, then the timed one."""
        at = AppTest.from_string("import streamlit as st\n", default_timeout=120)
        at.run()
        started = time.perf_counter()
        at.run()
        return (time.perf_counter() - started) * 1000

    def page_run(page: str) -> float:
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.query_params.update({"nam": str(year), "tinh": con_names[province], "huyen": con_names[district]})
        at.run()
        started = time.perf_counter()
        at.switch_page(f"pages/{page}.py").run()
        elapsed = (time.perf_counter() - started) * 1000
        assert not at.exception, (page, at.exception)
        return elapsed

    out, empties, shells = {}, [], []
    for page in ("overview", "deprivation", "groups", "transitions", "targets", "households", "map", "quality"):
        times = []
        for _ in range(5):  # an empty page and the app's shell beside each run: a burst of load falls on all three
            empties.append(empty())
            with pages_as_served():
                times.append(page_run(page))
                with _pages_drawing_nothing():
                    shells.append(page_run(page))
        out[page] = {"first_ms": round(times[0], 1), "median_ms": round(statistics.median(times), 1)}
    out["empty_page"] = {"median_ms": round(statistics.median(empties), 1)}
    out["shell"] = {"median_ms": round(statistics.median(shells), 1)}
    for page, measured in out.items():
        measured["ratio_to_empty"] = round(measured["median_ms"] / out["empty_page"]["median_ms"], 2)
        measured["ratio_to_shell"] = round(measured["median_ms"] / out["shell"]["median_ms"], 2)
    return out


@contextlib.contextmanager
def _pages_drawing_nothing() -> Iterator[None]:
    """app.py runs as served (sign-in, navigation, the sidebar's filters, banners) and the page it picks draws
    nothing: the floor under every page, what the shell costs before a page adds anything."""
    from streamlit.navigation.page import StreamlitPage

    original = StreamlitPage.run
    StreamlitPage.run = lambda page: setattr(page, "_can_be_called", False)
    try:
        yield
    finally:
        StreamlitPage.run = original


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.national")
    parser.add_argument("--db", required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--sessions", type=int, default=20,
                        help="concurrent sessions for the concurrency runs (0: skip them)")
    parser.add_argument("--no-browser", action="store_true", help="concurrency in threads only")
    parser.add_argument("--pages-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--area", help=argparse.SUPPRESS)
    parser.add_argument("--district", help=argparse.SUPPRESS)
    parser.add_argument("--year", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pages_only:
        measured = pages(args.db, args.area, args.district, args.year)
        print(json.dumps({"pages": measured,
                          "memory_mb": peak_memory_mb()}))
        return 0
    report = run(args.db, with_pages=not args.no_pages)
    if args.sessions:
        report["concurrency"] = sessions.run(args.db, args.sessions, with_browser=not args.no_browser)
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
