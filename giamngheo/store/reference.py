"""The reference data every database holds before any import: the catalogue (data/catalogue), the national
administrative code lists and their crosswalks (data/admin), the successors of the 2025 reform, the shipped
boundaries (data/geo) and the July-2025 shapes derived from them. Its SQL is in reference.sql."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import duckdb

from giamngheo import catalogue
from giamngheo.paths import ADMIN, CATALOGUE, GEO
from giamngheo.store import set_metadata

FILES = {
    "end_2024": ADMIN / "crosswalk_2024_to_pre2025.csv",
    "h1_2025": ADMIN / "units_pre2025.csv",
    "after_2025": ADMIN / "units_2025.csv",
    "crosswalk_2025": ADMIN / "crosswalk_2025.csv",
    "geo_crosswalk": GEO / "commune_crosswalk_2025.csv",
}


@cache
def statements() -> dict[str, str]:
    """reference.sql's statements by the name of their `-- name:` block."""
    text = Path(__file__).with_name("reference.sql").read_text(encoding="utf-8")
    return {m.group(1): m.group(2).strip().rstrip(";")
            for m in re.finditer(r"^-- name: (\w+)\n(.*?)(?=^-- name: |\Z)", text, re.MULTILINE | re.DOTALL)}


def run(con: duckdb.DuckDBPyConnection, name: str):
    """Run a statement of reference.sql with the files it reads as parameters."""
    sql = statements()[name]
    return con.execute(sql, {k: str(v.as_posix()) for k, v in FILES.items() if f"${k}" in sql})


def load_catalogue(con: duckdb.DuckDBPyConnection) -> None:
    for table in catalogue.TABLES:  # names from the catalogue's own list, never from input
        con.execute(f"create table {table} as select * from read_csv($path, header = true)",
                    {"path": (CATALOGUE / f"{table}.csv").as_posix()})


def load_admin_units(con: duckdb.DuckDBPyConnection) -> None:
    for name in ("code_lists", "units_2024", "units_2025h1", "units_2025", "crosswalks"):
        run(con, name)
    check_codes(con)


def load_successors(con: duckdb.DuckDBPyConnection) -> None:
    run(con, "successors")


# Digits per administrative code at each level (Decision 124/2004/QĐ-TTg and its successors): the
# area_key macro of views.sql turns a code into one integer per area on this ground.
CODE_DIGITS = {"province": 2, "district": 3, "commune": 5}


def check_codes(con: duckdb.DuckDBPyConnection) -> None:
    units = con.execute("select code_list, level, code from admin_units order by all").fetchall()
    bad = [unit for unit in units if not (re.fullmatch("[0-9]+", unit[2]) and len(unit[2]) == CODE_DIGITS[unit[1]])]
    if bad:
        raise ValueError(f"administrative codes must be digits, {CODE_DIGITS} by level; found {bad[:5]}")


def load_boundaries(con: duckdb.DuckDBPyConnection) -> None:
    layers = [
        ("communes_pre2025_4districts.geojson", "commune", "commune_code", "commune_name"),
        ("districts_pre2025_haiphong_hatinh_quangtri.geojson", "district", "district_code", "district_name"),
        ("provinces_pre2025_vietnam_63.geojson", "province", "province_code", "province_name"),
    ]
    source = "censusVN2009 (© 2017 Marc Choisy, MIT); codes GSO"
    rows = []
    for file_name, level, code_field, name_field in layers:
        data = json.loads((GEO / file_name).read_text(encoding="utf-8"))
        for feature in data["features"]:
            props = feature["properties"]
            rows.append(
                ("gso_2024", level, props[code_field], props[name_field], json.dumps(feature["geometry"]), source)
            )
    add_boundaries(con, rows)


def add_boundaries(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """Shapes as rows (code_list, level, code, name, geojson, source)."""
    con.executemany("insert into boundaries values (?, ?, ?, ?, ?, ?)", rows)


DERIVED_SHAPES = "2"  # how the July-2025 shapes are derived; an older database's are derived again
# Neighbouring schematic polygons leave gaps and slivers up to about this wide (degrees, ~220 m): closed before
# the union, so a derived unit has no interior slivers or lines.
SLIVER_DEGREES = 0.002


def dissolve(shapes):
    """One shape from adjoining ones: closed by SLIVER_DEGREES outwards, united, opened back, so that gaps and
    slivers between the pieces go; a hole under 1% of its polygon's area is a sliver too (an enclave is larger)."""
    from shapely import MultiPolygon, Polygon, union_all

    united = union_all([s.buffer(SLIVER_DEGREES, join_style="mitre") for s in shapes]).buffer(
        -SLIVER_DEGREES, join_style="mitre")
    polygons = list(united.geoms) if isinstance(united, MultiPolygon) else [united]
    kept = [Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= 0.01 * Polygon(p.exterior).area])
            for p in polygons if not p.is_empty]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def derive_boundaries_2025(con: duckdb.DuckDBPyConnection) -> None:
    """Approximate shapes for the July-2025 units that have none: the union of the shipped pre-2025 shapes of
    their predecessors (communes through their default successor, provinces through the crosswalk's province
    codes), without the slivers between them. A new unit that also took in areas with no shipped shape is drawn
    partly; the source says so."""
    from shapely import from_geojson, to_geojson

    pieces = run(con, "pieces_2025").fetchall()
    existing = set(con.execute("select level, code from boundaries where code_list = 'qd19_2025'").fetchall())
    grouped: dict[tuple[str, str], list] = {}
    for code, name, geometry, level in pieces:
        if (level, code) not in existing:
            grouped.setdefault((level, code, name), []).append(from_geojson(geometry))
    source = "derived: union of pre-2025 shapes of the predecessors (approximate); censusVN2009 (MIT)"
    add_boundaries(con, [("qd19_2025", level, code, name, to_geojson(dissolve(shapes)), source)
                         for (level, code, name), shapes in grouped.items()])
    set_metadata(con, "derived_shapes", DERIVED_SHAPES)
