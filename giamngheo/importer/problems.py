"""What is wrong with a file: each problem with its row as Excel numbers it, column, value and reason in
Vietnamese and English; the prepared file and the result of writing it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from giamngheo import i18n


@dataclass
class Problem:
    row: int | None  # as numbered in Excel; None for the whole file
    column: str | None
    value: str | None
    reason_vi: str
    reason_en: str
    code: str

    def text(self, lang: str = "vi") -> str:
        where = []
        if self.row is not None:
            where.append(f"{i18n.text('row_word', lang)} {self.row}")
        if self.column:
            where.append(f"{i18n.text('column_word', lang)} {self.column}")
        if self.value not in (None, ""):
            where.append(f"'{self.value}'")
        reason = getattr(self, f"reason_{lang}")
        return (", ".join(where) + ": " if where else "") + reason


@dataclass
class Prepared:
    kind: str
    file_name: str
    sha256: str
    rows_in_file: int = 0
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # canonical -> header as written
    extra_columns: list[str] = field(default_factory=list)
    preview: pd.DataFrame | None = None
    frame: pd.DataFrame | None = None  # validated rows, database column names
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    moves: int = 0  # households moved from another commune of the same review (administrators only)

    @property
    def ok(self) -> bool:
        return not self.problems and self.frame is not None


@dataclass
class Result:
    import_id: int | None
    outcome: str  # accepted | rejected | dry_run
    rows_in_file: int
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0


class ParseError(ValueError):
    def __init__(self, vi: str, en: str, code: str):
        super().__init__(en)
        self.vi, self.en, self.code = vi, en, code


class _Checker:
    def __init__(self, prepared: Prepared, rownums: pd.Series):
        self.p = prepared
        self.rownums = rownums

    def rows(self, mask: pd.Series, column: str | None, values: pd.Series | None, vi: str, en: str, code: str,
             into: list[Problem] | None = None):
        """One problem (or warning, with `into`) per row of `mask`, with the file's own column header."""
        header = self.p.columns.get(column, column) if column else None
        target = self.p.problems if into is None else into
        for index in mask[mask].index:
            value = None if values is None else values.loc[index]
            target.append(Problem(int(self.rownums.loc[index]), header, None if value is None else str(value),
                                  vi, en, code))

    def warn(self, mask: pd.Series, column: str | None, values: pd.Series | None, vi: str, en: str, code: str):
        self.rows(mask, column, values, vi, en, code, into=self.p.warnings)


def _file_problem(prepared: Prepared, vi: str, en: str, code: str, column: str | None = None) -> Prepared:
    prepared.problems.append(Problem(None, column, None, vi, en, code))
    return prepared

