"""Every output of the command line on the demo, written to a folder, and two such folders compared: the check
that a refactoring changed no figure (README: Architecture).

    python -m tools.outputs write DIR [--db PATH]   # build the demo (or use PATH), write every report and export
    python -m tools.outputs compare BEFORE AFTER    # exit 1 and list the files that differ

Reports (csv and json) are compared byte for byte. Exports carry their own creation time, so a workbook is
written as the text of every cell of every sheet (formulas as formulas), a deck as the text of its slides, and
those are compared byte for byte. Run `write` at the commit before a change (a `git worktree` of it, with
`python -m tools.outputs` from its folder) and at the change, then `compare`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from pptx import Presentation

from giamngheo import cli, demo, reports

# Areas and reviews that cover the letters, both breaks (the 2021 standard, the 2025 reform) and a commune.
CASES = [("311", 2022), ("445", 2020), ("445", 2021), ("42", 2024), ("42", 2025), ("468", 2019), ("19597", 2019)]


def _run(argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(argv)
    if code != 0:
        raise SystemExit(f"giamngheo {' '.join(argv)}: exit {code}")
    return out.getvalue()


def workbook_text(path: Path) -> str:
    book = load_workbook(path)
    return json.dumps({sheet.title: [[c.value if c.value is None or isinstance(c.value, (int, float, str)) else str(c.value)
                                      for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets},
                      ensure_ascii=False, indent=0)


def deck_text(path: Path) -> str:
    return "\n---\n".join("\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
                          for slide in Presentation(path).slides)


def write(folder: Path, db_path: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if db_path is None:
            db_path = str(Path(tmp) / "demo.duckdb")
            demo.build(db_path)
        for area, year in CASES:
            common = ["--area", area, "--year", str(year), "--db", db_path]
            for name in reports.REPORTS:
                for fmt in ("csv", "json"):
                    (folder / f"report_{name}_{area}_{year}.{fmt}").write_text(
                        _run(["report", name, *common, "--format", fmt]), encoding="utf-8")
                (folder / f"report_{name}_{area}_{year}_protect.json").write_text(
                    _run(["report", name, *common, "--format", "json", "--protect"]), encoding="utf-8")
            for kind, reader in (("text", lambda p: p.read_text(encoding="utf-8")), ("xlsx", workbook_text),
                                 ("pptx", deck_text)):
                for protect in ([], ["--protect"]):
                    out = Path(tmp) / f"export.{kind}"
                    _run(["export", kind, *common, "--out", str(out), *protect])
                    suffix = "_protect" if protect else ""
                    (folder / f"export_{kind}_{area}_{year}{suffix}.txt").write_text(reader(out), encoding="utf-8")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differ = [n for n in names if not (before / n).exists() or not (after / n).exists()
              or (before / n).read_bytes() != (after / n).read_bytes()]
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names) - len(differ)} of {len(names)} outputs identical")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.outputs")
    commands = parser.add_subparsers(dest="command", required=True)
    w = commands.add_parser("write")
    w.add_argument("folder", type=Path)
    w.add_argument("--db")
    c = commands.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.folder, args.db)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
