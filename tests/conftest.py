"""Shared fixtures: the demo database (built once per test process) and a small hand-made database."""

from __future__ import annotations

import pytest

from giamngheo import db, demo


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
