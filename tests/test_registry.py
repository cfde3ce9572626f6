"""Every named query is in the registry (queries/queries.yml) and keeps its word there: its parameters, its
columns, its cases on the demo database (the seed letters' figures) and its invariants on every case's answer."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from giamngheo import queries, registry

CASES = [(name, i) for name, e in registry.entries().items() for i in range(len(e.cases))]


def test_every_query_has_an_entry_with_a_description_and_a_case():
    assert set(registry.entries()) == set(queries.names()), "queries/*.sql and queries/queries.yml differ"
    for name, e in registry.entries().items():
        assert e.description.strip() and e.cases, name
        assert set(e.params) == queries.parameters(name), name
        assert set(e.params) <= set(registry.parameters()), name


def _matches(value, expected) -> bool:
    if expected is None:
        return value is None or bool(pd.isna(value))
    if isinstance(expected, bool):
        return bool(value) == expected
    if isinstance(expected, float):
        decimals = len(repr(expected).split(".")[1])
        return round(float(value), decimals) == expected
    if isinstance(expected, int):
        return int(value) == expected
    return str(value) == str(expected)


@pytest.mark.parametrize("name, i", CASES, ids=[f"{n}-{i}" for n, i in CASES])
def test_case_and_invariants(demo_con, name, i):
    e = registry.entry(name)
    case = e.cases[i]
    frame = queries.run(demo_con, name, **case["given"])
    assert tuple(frame.columns) == e.columns, (name, list(frame.columns))
    if "rows" in case:
        assert len(frame) == case["rows"], name
    if "expect" in case:
        rows = frame
        for column, value in case.get("where", {}).items():
            rows = rows[[_matches(v, value) for v in rows[column]]]
        assert len(rows), (name, case.get("where"))
        row = rows.iloc[0]
        for column, expected in case["expect"].items():
            assert _matches(row[column], expected), (name, column, row[column], expected)
    scratch = duckdb.connect()
    scratch.register("answer", frame.drop(columns=[c for c in ("geometry",) if c in frame]))
    for invariant in e.invariants:
        broken = scratch.execute(f"select count(*) from answer where not coalesce(({invariant}), true)").fetchone()[0]
        assert broken == 0, (name, invariant, broken)
