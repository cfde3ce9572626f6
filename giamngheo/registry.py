"""The registry of the named queries (queries/queries.yml): each query's description, parameters, output
columns, invariants and cases, read by the tests (tests/test_registry.py) and the "Nguồn số liệu" popover."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from giamngheo.paths import QUERIES


@dataclass(frozen=True)
class Entry:
    name: str
    description: str
    params: tuple[str, ...]
    columns: tuple[str, ...]
    invariants: tuple[str, ...]
    cases: tuple[dict, ...]


@cache
def _file() -> dict:
    with open(QUERIES / "queries.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def parameters() -> dict[str, str]:
    """What each parameter of the queries means."""
    return dict(_file()["parameters"])


@cache
def entries() -> dict[str, Entry]:
    return {name: Entry(name, spec["description"], tuple(spec.get("params", ())), tuple(spec.get("columns", ())),
                        tuple(spec.get("invariants", ())), tuple(spec.get("cases", ())))
            for name, spec in _file()["queries"].items()}


def entry(name: str) -> Entry | None:
    return entries().get(name)
