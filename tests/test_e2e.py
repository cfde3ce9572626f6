"""End-to-end: the dashboard served by `giamngheo serve`, opened in Debian's Chromium by Playwright,
with every request that would leave the machine blocked and recorded."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.e2e
CHROMIUM = "/usr/bin/chromium"
LOCAL = ("http://localhost", "http://127.0.0.1", "data:", "blob:", "about:")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    port = free_port()
    log = open(tmp_path_factory.mktemp("serve") / "serve.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "giamngheo.cli", "serve", "--db", demo_db, "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "GIAMNGHEO_DB": demo_db},
    )
    url = f"http://localhost:{port}"
    for _ in range(120):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("the dashboard did not start")
    yield url
    proc.terminate()
    proc.wait(10)
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()


class Visit:
    """A page opened with outside requests blocked; records console errors and blocked requests."""

    def __init__(self, browser, url: str, width: int, height: int):
        self.context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
        self.page.wait_for_load_state("networkidle")

    def _route(self, route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)])
def test_overview_in_chromium_offline(server, browser, size, tmp_path):
    query = urlencode({"nam": 2022, "tinh": "Thành phố Hải Phòng", "huyen": "Huyện Thuỷ Nguyên"})
    visit = Visit(browser, f"{server}/?{query}", *size)
    try:
        page = visit.page
        page.get_by_text("1.118 hộ").first.wait_for()
        assert page.get_by_text("1,01%").first.is_visible()
        page.get_by_text("54,6% · 610 hộ").first.wait_for(timeout=30_000)  # the deprivation chart's telecom bar
        assert page.get_by_text("Dữ liệu mô phỏng").first.is_visible()
        page.screenshot(path=str(tmp_path / f"overview-{size[0]}x{size[1]}.png"))
        assert visit.errors == []
        assert visit.outside == []
    finally:
        visit.close()
