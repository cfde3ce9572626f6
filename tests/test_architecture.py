"""The project's import graph, read from the source (ast): data flows one way, file -> import -> DuckDB ->
queries -> figures (the package `giamngheo`) -> components (Streamlit, folium) -> pages, and no module needs,
however indirectly, a module that needs it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from giamngheo.paths import ROOT

WRITES = re.compile(r"\b(insert\s+into|update\s+\w+\s+set|delete\s+from|create\s+(or\s+replace\s+)?(temp\s+)?table)\b",
                    re.IGNORECASE)
WRITE_PATH = ROOT / "giamngheo" / "store"
# Statements that change no giamngheo database: (file, what the line holds) and why.
NOT_OURS = {("bench/import_bench.py", "create table t as select * from"):
            "DuckDB's own readers (read_csv, read_xlsx) into a scratch database: the yardsticks of the import"}

LAYERS = ("giamngheo", "components", "pages", "bench")


def project_modules() -> dict[str, Path]:
    """Every module of the project by its dotted name, subpackages included (giamngheo.store.schema)."""
    found = {"app": ROOT / "app.py"}
    for layer in LAYERS:
        for path in sorted((ROOT / layer).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules a file imports, at its top or inside a function (a hidden import is still one)."""
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            named |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in named if name in modules and name not in LAYERS}


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports(path, modules) - {name} for name, path in modules.items()}


def test_the_package_needs_no_interface_and_no_benchmark():
    wrong = {(name, needed) for name, needs in graph().items() if name.startswith("giamngheo.")
             for needed in needs if needed.split(".")[0] in ("components", "pages", "bench")}
    assert wrong == set()


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every circle a depth-first walk meets, each as the path that closes it."""
    state: dict[str, str] = {}
    found: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for needed in sorted(edges.get(name, ())):
            if state.get(needed) == "open":
                found.append(path[path.index(needed):] + [needed])
            elif needed not in state:
                visit(needed, path + [needed])
        state[name] = "done"

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    return found


def test_no_module_needs_itself_through_others():
    assert circles(graph()) == []


def test_the_graph_sees_imports_inside_functions(tmp_path):
    """The walk is no stub: a function-level import is an edge, and a circle of two is found."""
    modules = {"giamngheo.a": tmp_path / "a.py", "giamngheo.b": tmp_path / "b.py"}
    modules["giamngheo.a"].write_text("def f():\n    from giamngheo import b\n", encoding="utf-8")
    modules["giamngheo.b"].write_text("from giamngheo.a import f\n", encoding="utf-8")
    edges = {name: imports(path, modules) for name, path in modules.items()}
    assert edges == {"giamngheo.a": {"giamngheo.b"}, "giamngheo.b": {"giamngheo.a"}}
    assert circles(edges) == [["giamngheo.a", "giamngheo.b", "giamngheo.a"]]


def language_branches(path: Path) -> list[int]:
    """Lines that choose words by comparing a value with a language code ("vi", "en")."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare) and any(isinstance(c, ast.Constant) and c.value in ("vi", "en")
                                                 for c in [node.left, *node.comparators]):
            lines.append(node.lineno)
    return lines


def test_every_word_comes_from_i18n(tmp_path):
    """Words in both languages live in giamngheo/i18n.py (and the catalogue's label_vi/label_en), not in
    branches on the language scattered through the code."""
    found = {name: language_branches(path) for name, path in project_modules().items()
             if name != "giamngheo.i18n" and name.split(".")[0] != "bench"}
    assert {name: lines for name, lines in found.items() if lines} == {}
    sample = tmp_path / "sample.py"
    sample.write_text('unit = "hộ" if lang == "vi" else "households"\n', encoding="utf-8")
    assert language_branches(sample) == [1]


def writes_outside_the_write_path() -> dict[str, list[int]]:
    """Lines of the project's code and SQL (tests aside) holding a statement that changes the database, outside
    giamngheo/store."""
    found: dict[str, list[int]] = {}
    for path in sorted([*ROOT.glob("*.py"), *(p for layer in (*LAYERS, "queries", "tools")
                                             for p in (ROOT / layer).rglob("*") if p.suffix in (".py", ".sql"))]):
        if WRITE_PATH in path.parents:
            continue
        name = str(path.relative_to(ROOT))
        lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if WRITES.search(line)
                 and not any(name == file and held in line for file, held in NOT_OURS)]
        if lines:
            found[str(path.relative_to(ROOT))] = lines
    return found


def test_every_write_goes_through_the_write_path():
    assert writes_outside_the_write_path() == {}
    assert WRITES.search("con.execute('update users set disabled = true')")  # the pattern is no stub
    assert (WRITE_PATH / "imports.py").exists() and WRITES.search((WRITE_PATH / "imports.py").read_text())


def test_the_graph_walks_subpackages():
    modules = project_modules()
    assert {"giamngheo.store", "giamngheo.store.schema", "giamngheo.importer.validating"} <= set(modules)
    assert "giamngheo.store.schema" in graph()["giamngheo.db"]
