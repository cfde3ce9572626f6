"""Shared fixtures: the demo database (built once per test process), a small hand-made database, Debian's Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from giamngheo import db, demo

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    demo.build(path)
    return str(path)


@pytest.fixture(scope="session")
def demo_con(demo_db):
    con = db.connect(demo_db, read_only=True)
    yield con
    con.close()


@pytest.fixture
def empty_db(tmp_path) -> str:
    """A new database with reference data and no households."""
    path = tmp_path / "empty.duckdb"
    db.create(path).close()
    return str(path)


@pytest.fixture(autouse=True)
def pages_as_served():
    """AppTest runs app.py as the server does (giamngheo.web.pages_as_served)."""
    from giamngheo.web import pages_as_served

    with pages_as_served():
        yield


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (never a downloaded browser)."""
    import os

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


@pytest.fixture
def analyst_db(demo_db, tmp_path, monkeypatch) -> Path:
    """A copy of the demo served to the dashboard with an analyst (`pt`: no names, so protected counts and masked
    lists) and a leader of Hải Phòng (`ld`: exact counts, no lists)."""
    from giamngheo import auth

    path = tmp_path / "analyst.duckdb"
    shutil.copy(demo_db, path)
    con = db.connect(path)
    auth.add_user(con, "pt", "matkhau-phan-tich", "phan_tich", None)
    auth.add_user(con, "ld", "matkhau-lanh-dao", "lanh_dao", "31")
    con.close()
    monkeypatch.setenv("GIAMNGHEO_DB", str(path))
    monkeypatch.delenv("GIAMNGHEO_READ_ONLY", raising=False)
    return path
