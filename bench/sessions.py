"""Many leaders at once: N sessions opening the overview of N different provinces at the same moment,
after one warm-up session (the dashboard is running before the meeting starts).

Two runs, both against one database opened read-only as a dashboard does:
- `threads`: N threads, each running the dashboard in-process (streamlit.testing.v1.AppTest) for its area;
- `browser`: one `giamngheo serve` process and N Chromium contexts (Playwright, Debian's chromium) opening
  the page together, timed until the area's poverty rate card is drawn.

Each session checks that it was shown its own area, so a mix-up between sessions is an error, not a time.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from bench import serving
from giamngheo import db

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def largest_provinces(path: str, n: int) -> tuple[int, list[str]]:
    """The latest review year and the names of its n provinces with the most reviewed households."""
    con = db.connect(path, read_only=True)
    try:
        year = con.execute("select max(review_year) from commune_year").fetchone()[0]
        names = [r[0] for r in con.execute("""
            select u.name from commune_year as c
            join admin_units as u on u.code_list = c.code_list and u.code = c.province_code
            where c.review_year = ? group by u.name order by sum(c.reviewed) desc, u.name limit ?
        """, [year, n]).fetchall()]
    finally:
        con.close()
    return int(year), names


def areas(path: str, sessions: int, same_area: bool) -> tuple[int, str, list[str]]:
    """The year, a province for the warm-up, and the provinces of the sessions: the `sessions` largest, or
    `sessions` times the next one (never opened before in the process, so its first sessions compute it)."""
    year, names = largest_provinces(path, sessions + 2)
    return year, names[-1], [names[-2]] * sessions if same_area else names[:sessions]


def summary(times: list[float], errors: list[str], sessions: int) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else None
    return {"sessions": sessions, "completed": len(times), "errors": errors,
            "median_ms": round(statistics.median(ordered), 1) if ordered else None,
            "p95_ms": round(p95, 1) if p95 is not None else None}


def threads(path: str, sessions: int, same_area: bool = False) -> dict:
    """N AppTest sessions run together in one process, each on its own province (or all on the largest)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from giamngheo.paths import APP

    os.environ["GIAMNGHEO_DB"] = path
    os.environ["GIAMNGHEO_READ_ONLY"] = "1"
    year, warm_up, names = areas(path, sessions, same_area)

    def one(name: str) -> float:
        at = AppTest.from_file(str(APP), default_timeout=300)
        at.query_params.update({"nam": str(year), "tinh": name})
        started = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - started) * 1000
        if at.exception:
            raise RuntimeError(f"{name}: {at.exception[0].message}")
        if not any(name in t.value for t in at.title):
            raise RuntimeError(f"{name}: the page shows {[t.value for t in at.title]}")
        return elapsed

    one(warm_up)  # the dashboard is running before the meeting: modules imported, caches warm
    times, errors = [], []
    try:
        with ThreadPoolExecutor(max_workers=len(names)) as pool:
            for name, future in [(n, pool.submit(one, n)) for n in names]:
                try:
                    times.append(future.result())
                except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
                    errors.append(f"{name}: {error}")
    finally:
        # AppTest is not made for threads: each run puts a stand-in Streamlit runtime in a global and removes it
        # when it ends, and an element drawn by a cached function while no runtime stands is not recorded. What
        # these sessions drew once (components/plots.drawn_once) may replay as nothing in a later run of this
        # process: forget it. (The server has one runtime throughout; bench.sessions' protocol client measures
        # the real thing.)
        st.cache_resource.clear()
    return summary(times, errors, len(names))


def browser(path: str, sessions: int, same_area: bool = False) -> dict:
    """N Chromium contexts opening the overview of N provinces (or all the largest) at once, against one
    dashboard process. Chromium runs on the same two cores as the dashboard here, drawing every page."""
    year, warm_up, names = areas(path, sessions, same_area)
    with tempfile.TemporaryDirectory() as work:
        dashboard = viewers(path, work)
        try:
            return asyncio.run(browse(dashboard.url, year, names, warm_up))
        finally:
            dashboard.stop()


def viewers(path: str, work: str, workers: int = 1) -> serving.Dashboard:
    """`giamngheo serve` on the database read-only, as a viewers' dashboard (behind HAProxy with `workers` > 1)."""
    return serving.Dashboard(["--db", path] + (["--workers", str(workers)] if workers > 1 else []),
                             Path(work) / "serve.log", {**os.environ, "GIAMNGHEO_READ_ONLY": "1"})


def server_cpu_s(pid: int) -> float:
    """CPU seconds used so far by a process and its descendants (the dashboard processes and the proxy), from /proc:
    what the server spent, against the wall time Chromium's pages (on the same cores) took."""
    total, ticks = 0.0, os.sysconf("SC_CLK_TCK")
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        pending.extend(int(c) for c in children)
    return total


def through_proxy(path: str, sessions: int = 50, provinces: int = 20, workers: int = 2,
                  client: str = "browser") -> dict:
    """The province's room: `sessions` sessions at once over `provinces` provinces, against one process and
    against `workers` processes behind the proxy, each beside one session alone on the same server (its first
    view, after the warm-up): `ratio` = the median of the crowd / the single session's. The sessions are Chromium
    pages (`browser`), or clients speaking Streamlit's protocol without drawing (`protocol`)."""
    year, names = largest_provinces(path, provinces + 1)
    warm_up, names = names[-1], [names[i % provinces] for i in range(sessions)]
    visit = {"browser": browse, "protocol": speak}[client]
    out = {"client": client}
    for processes in (1, workers):
        with tempfile.TemporaryDirectory() as work:
            dashboard = viewers(path, work, processes)
            try:
                # Each process warmed up (sessions without a province in their first request: the proxy gives each
                # the next process), then one session alone.
                asyncio.run(visit(dashboard.url, year, [warm_up] * processes, spread=True))
                single = asyncio.run(visit(dashboard.url, year, [names[0]]))
                before, started = server_cpu_s(dashboard.process.pid), time.perf_counter()
                crowd = asyncio.run(visit(dashboard.url, year, names))
                crowd["server_cpu_s"] = round(server_cpu_s(dashboard.process.pid) - before, 1)
                crowd["wall_s"] = round(time.perf_counter() - started, 1)
            finally:
                dashboard.stop()
        out[f"processes_{processes}"] = {"single": single, "crowd": crowd,
                                         "ratio": round(crowd["median_ms"] / single["median_ms"], 2)
                                         if crowd["median_ms"] and single["median_ms"] else None}
    return out


async def browse(url: str, year: int, names: list[str], warm_up: str | None = None, spread: bool = False) -> dict:
    """Each name a Chromium page opening the province's link, timed until its title and first card are drawn.
    `spread`: each page's first request without the province, which the proxy sends round robin (a warm-up of
    every process), instead of to the process the province hashes to."""
    from playwright.async_api import async_playwright

    async def one(chromium, name: str) -> float:
        context = await chromium.new_context(viewport={"width": 1920, "height": 1080})
        try:
            if spread:
                await context.request.get(url + "/", timeout=300_000)  # the proxy's cookie, round robin
            page = await context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            started = time.perf_counter()
            # A busy dashboard answers late: the clock runs until the card is drawn, with a generous limit.
            await page.goto(f"{url}/?{urlencode({'nam': year, 'tinh': name})}", wait_until="commit", timeout=300_000)
            await page.locator('[data-testid="stMainBlockContainer"] h1', has_text=name).wait_for(timeout=300_000)
            await page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=300_000)
            elapsed = (time.perf_counter() - started) * 1000
            if await page.locator('[data-testid="stException"]').count():
                raise RuntimeError(await page.locator('[data-testid="stException"]').first.inner_text())
            if errors:
                raise RuntimeError("; ".join(errors))
            return elapsed
        finally:
            await context.close()

    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            if warm_up:
                await one(chromium, warm_up)  # the dashboard ran before the meeting; not counted
            results = await asyncio.gather(*(one(chromium, n) for n in names), return_exceptions=True)
        finally:
            await chromium.close()
    times = [r for r in results if isinstance(r, float)]
    errors = [f"{n}: {r}" for n, r in zip(names, results) if not isinstance(r, float)]
    return summary(times, errors, len(names))


async def speak(url: str, year: int, names: list[str], warm_up: str | None = None, spread: bool = False) -> dict:
    """Like `browse`, but each session speaks Streamlit's own protocol instead of drawing it: the page's request
    (through the proxy, which gives the browser its worker's cookie), the WebSocket of that worker, the first run
    asked for with the page's query string, then every message until the run's end. What it measures is the
    server's share of a first view, without Chromium's drawing on the same two cores. Each session checks that its
    page's title names its province and that a metric card came."""
    import urllib.request

    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    def cookie(query: str) -> str:
        with urllib.request.urlopen(f"{url}/?{query}", timeout=300) as response:
            return "; ".join(c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or [])

    async def one(name: str) -> float:
        query = urlencode({"nam": year, "tinh": name})
        started = time.perf_counter()
        headers = {"Cookie": await asyncio.to_thread(cookie, "" if spread else query)}
        async with websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                      origin=url, additional_headers=headers, max_size=None,
                                      open_timeout=300) as socket:
            rerun = BackMsg()
            rerun.rerun_script.query_string = query
            await socket.send(rerun.SerializeToString())
            titles, metrics = [], 0
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(socket.recv(), 300))
                kind = message.WhichOneof("type")
                if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    element = message.delta.new_element
                    if element.WhichOneof("type") == "heading":
                        titles.append(element.heading.body)
                    elif element.WhichOneof("type") == "exception":
                        raise RuntimeError(element.exception.message)
                    metrics += element.WhichOneof("type") == "metric"
                elif kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    break
            elapsed = (time.perf_counter() - started) * 1000
        if not any(name in title for title in titles) or not metrics:
            raise RuntimeError(f"the page did not show {name}: titles {titles}, {metrics} metric cards")
        return elapsed

    if warm_up:
        await one(warm_up)  # the dashboard ran before the meeting; not counted
    results = await asyncio.gather(*(one(n) for n in names), return_exceptions=True)
    times = [r for r in results if isinstance(r, float)]
    errors = [f"{n}: {r!r}" for n, r in zip(names, results) if not isinstance(r, float)]
    return summary(times, errors, len(names))


def run(path: str, sessions: int, with_browser: bool = True) -> dict:
    """Each way twice: every session on its own province (the issue's case, nothing cached for it), and
    every session on the same province (a briefing where everyone opens the same link)."""
    out = {"threads": threads(path, sessions), "threads_same_area": threads(path, sessions, same_area=True)}
    if with_browser:
        out["browser"] = browser(path, sessions)
        out["browser_same_area"] = browser(path, sessions, same_area=True)
    return out


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description=through_proxy.__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--provinces", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--client", choices=["browser", "protocol"], default="browser")
    args = parser.parse_args()
    print(json.dumps(through_proxy(args.db, args.sessions, args.provinces, args.workers, args.client)))
