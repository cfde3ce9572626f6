"""Refresh the README's screenshots: every page of the dashboard on the demo database, at 1920x1080.

Usage: .venv/bin/python docs/screenshots.py   (builds a demo database in a temporary folder, serves it,
opens each page in Debian's Chromium and writes docs/screenshots/<page>.png)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import sync_playwright

from giamngheo import demo

OUT = Path(__file__).parent / "screenshots"
VIEW = urlencode({"nam": 2022, "tinh": "Thành phố Hải Phòng", "huyen": "Huyện Thuỷ Nguyên"})
# The targets page is shown where the letters set targets: Thạch Hà's 2020 plan; the period breaks where they
# fall: Hà Tĩnh's 2025 review on the new units, Thạch Hà's 2021 review under a new standard; the season's
# progress on Hà Tĩnh's 2026 review.
VIEWS = {"targets": urlencode({"nam": 2020, "tinh": "Tỉnh Hà Tĩnh", "huyen": "Huyện Thạch Hà"}),
         "overview-2025": urlencode({"nam": 2025, "tinh": "Tỉnh Hà Tĩnh"}),
         "transitions-2021": urlencode({"nam": 2021, "tinh": "Tỉnh Hà Tĩnh", "huyen": "Huyện Thạch Hà"}),
         "progress": urlencode({"nam": 2026, "tinh": "Tỉnh Hà Tĩnh"}),  # the review in season
         "forms": urlencode({"nam": 2024, "tinh": "Tỉnh Hà Tĩnh"})}  # form R1 with its district subtotals
PAGES = {"overview": "", "deprivation": "deprivation", "groups": "groups", "transitions": "transitions",
         "households": "households", "quality": "quality", "import": "import", "map": "map", "targets": "targets",
         "present": "present", "report": "report", "overview-2025": "", "transitions-2021": "transitions",
         "progress": "progress", "forms": "forms"}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "demo.duckdb"
        demo.build(db_path)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "giamngheo.cli", "serve", "--db", str(db_path),
                                   "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.5)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
                for name, path in PAGES.items():
                    page = browser.new_page(viewport={"width": 1920, "height": 1080})
                    page.goto(f"http://localhost:{port}/{path}?{VIEWS.get(name, VIEW)}")
                    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=60_000)
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(2500)
                    page.screenshot(path=str(OUT / f"{name}.png"))
                    page.close()
                    print(OUT / f"{name}.png")
                browser.close()
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
