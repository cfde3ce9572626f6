"""Import commune boundaries from a province's GIS office: GeoJSON, GeoPackage or zipped Shapefile, any
CRS (stored as EPSG:4326), joined on the commune code, with a report of the join.

The code list is the one in force at --valid-from, or else the list most of the file's codes belong to.
Shapes replace earlier shapes of the same communes; a file with any unknown code is rejected whole.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
from shapely import make_valid, to_geojson

from giamngheo import store
from giamngheo.store import imports
from giamngheo.importer import Problem, Result, fold

CODE_FIELDS = {"maxa", "communecode", "code", "maso", "madonvi"}


@dataclass
class BoundaryReport:
    file_name: str
    code_list: str | None = None
    shapes: int = 0
    problems: list[Problem] = field(default_factory=list)
    data_without_shape: list[str] = field(default_factory=list)
    shapes_without_data: list[str] = field(default_factory=list)


def _read(path: Path):
    import geopandas as gpd

    target = f"zip://{path}" if path.suffix.lower() == ".zip" else str(path)
    return gpd.read_file(target)


def import_boundaries(con: duckdb.DuckDBPyConnection, path: str | Path, code_field: str | None = None,
                      valid_from: date | None = None, user: str | None = None,
                      dry_run: bool = False) -> tuple[BoundaryReport, Result]:
    path = Path(path)
    report = BoundaryReport(path.name)
    rejected = Result(None, "rejected", 0)
    try:
        frame = _read(path)
    except Exception as error:  # any reader failure is the file's problem, reported as such
        report.problems.append(Problem(None, None, None, f"không đọc được tệp ranh giới ({error})",
                                       f"unreadable boundary file ({error})", "unreadable"))
        return report, rejected
    column = code_field or next((c for c in frame.columns if fold(c) in CODE_FIELDS), None)
    if column is None or column not in frame.columns:
        report.problems.append(Problem(None, code_field or "ma_xa", None,
                                       "không có trường mã xã (dùng --code-field)",
                                       "no commune code field (use --code-field)", "missing_column"))
        return report, rejected
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    codes = frame[column].map(lambda v: str(int(v)).zfill(5) if isinstance(v, (int, float)) and not pd.isna(v)
                              else str(v).strip())
    lists = con.execute("select code_list, valid_from, valid_to from code_lists").df()
    units = con.execute("select code_list, code, name from admin_units where level = 'commune'").df()
    if valid_from:
        chosen = next((r.code_list for r in lists.itertuples()
                       if (pd.isna(r.valid_from) or r.valid_from.date() <= valid_from)
                       and (pd.isna(r.valid_to) or valid_from <= r.valid_to.date())), None)
    else:
        counts = units[units.code.isin(set(codes))].groupby("code_list").size()
        chosen = counts.idxmax() if len(counts) else None
    report.code_list = chosen
    known = set(units[units.code_list == chosen].code)
    names = dict(zip(units[units.code_list == chosen].code, units[units.code_list == chosen].name))
    for i, (code, geometry) in enumerate(zip(codes, frame.geometry), start=1):
        if code not in known:
            report.problems.append(Problem(i, column, code, "mã xã không có trong danh mục đơn vị hành chính",
                                           "commune code not in the administrative code list", "unknown_code"))
        elif geometry is None or geometry.is_empty:
            report.problems.append(Problem(i, "geometry", code, "không có hình", "no geometry", "no_geometry"))
    duplicated = codes[codes.duplicated()]
    for code in duplicated.unique():
        report.problems.append(Problem(None, column, code, "mã xã xuất hiện nhiều lần", "commune code repeated",
                                       "duplicate"))
    if report.problems:
        return report, rejected
    report.shapes = len(frame)
    rows = [(chosen, "commune", code, names.get(code), to_geojson(make_valid(geometry)), f"imported: {path.name}")
            for code, geometry in zip(codes, frame.geometry)]
    with_data = set(con.execute("select distinct commune_code from commune_year where code_list = ?",
                                [chosen]).df().commune_code)
    if not dry_run:
        with store.transaction(con):
            imports.replace_boundaries(con, chosen, rows)
            import_id = imports.record_import(con, "boundaries", path.name, hashlib.sha256(path.read_bytes()).hexdigest(),
                                              user, len(rows), len(rows), message=chosen)
    drawn = set(con.execute("select code from boundaries where code_list = ? and level = 'commune'",
                            [chosen]).df().code) | set(codes)
    report.data_without_shape = sorted(with_data - drawn)
    report.shapes_without_data = sorted(set(codes) - with_data)
    if dry_run:
        return report, Result(None, "dry_run", len(rows))
    return report, Result(import_id, "accepted", len(rows), inserted=len(rows))
