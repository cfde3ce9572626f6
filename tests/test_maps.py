"""Maps: class breaks, the join of shapes and data, re-aggregation across the 2025 reform (sums
preserved), boundary import in each format and CRS, and a map that needs nothing from outside."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile

import duckdb
import geopandas as gpd
import pandas as pd
import pytest

from giamngheo import boundaries, breaks, choropleth, db, queries
from giamngheo.paths import GEO
from giamngheo.store import schema


def test_quantiles_equal_fixed():
    values = [0.5, 1.0, 1.5, 2.0, 8.0]
    assert breaks.quantiles(values, 4) == [0.5, 1.0, 1.5, 2.0, 8.0]
    assert breaks.equal(values, 3) == [0.5, 3.0, 5.5, 8.0]
    assert breaks.edges_for("fixed", values, "poor_rate_pct") == [0, 1, 2, 3, 5, 10, 100]
    assert breaks.edges_for("fixed", [-3.0, 0.2], "poor_change_pp")[0] == -100  # open ends hold every value
    assert breaks.quantiles([], 5) == [] and breaks.quantiles([2.0, 2.0], 5) == [2.0, 2.0]


def test_classify_puts_every_value_in_one_class():
    edges = [0, 1, 2, 3, 5, 10, 100]
    assert breaks.classify([0, 0.99, 1, 2.5, 10, 100, None, float("nan")], edges) == [0, 0, 1, 2, 5, 5, None, None]
    values = [0.1 * i for i in range(100)]
    for method in ("quantiles", "equal"):
        e = breaks.edges_for(method, values, "poor_rate_pct")
        classes = breaks.classify(values, e)
        assert min(classes) == 0 and max(classes) == len(e) - 2


def test_map_units_join_report(demo_db, tmp_path):
    path = tmp_path / "map.duckdb"
    shutil.copy(demo_db, path)
    con = db.connect(path)
    try:
        con.execute("delete from boundaries where code_list = 'gso_2024' and level = 'commune' and code = '19597'")
        units = queries.run(con, "map_units", area="468", year=2019)
        assert len(units) == 8
        missing = units[units.geometry.isna() & units.poor.notna()]
        assert list(missing.code) == ["19597"]
        national = queries.run(con, "map_units", area="VN", year=2022)
        assert len(national) == 63 and national.geometry.notna().all()
        assert set(national[national.poor.notna()].code) == {"31", "42", "45"}
    finally:
        con.close()


def test_national_map_keeps_the_archipelagos(demo_con):
    from shapely import from_geojson

    shapes = dict(demo_con.execute("select code, geometry from boundaries where code_list = 'gso_2024' "
                                   "and level = 'province'").fetchall())
    # Hoàng Sa lies in Đà Nẵng (48), Trường Sa in Khánh Hòa (56): their polygons reach the islands.
    assert from_geojson(shapes["48"]).bounds[2] > 112.0
    assert from_geojson(shapes["56"]).bounds[2] > 114.0 and from_geojson(shapes["56"]).bounds[1] < 9.0


def test_reaggregation_across_2025_preserves_sums(demo_con):
    # The trend of a July-2025 province runs on across the reform: earlier reviews placed on its units, every
    # household and every household total of its former districts kept.
    for province, districts in (("42", ("436", "445")), ("31", ("311",))):
        across = queries.run(demo_con, "trend", area=province, year=2025).set_index("review_year")
        for year in (2019, 2022, 2024):
            before = pd.concat([queries.run(demo_con, "summary", area=d, year=year) for d in districts])
            assert across.loc[year, "poor"] == before.poor.sum()
            assert across.loc[year, "total_households"] == before.total_households.sum()
            assert bool(across.loc[year, "placed"])
        now = queries.run(demo_con, "summary", area=province, year=2025).iloc[0]
        assert across.loc[2025, "poor"] == now.poor and not bool(across.loc[2025, "placed"])


def interior_rings(geometry) -> int:
    from shapely import MultiPolygon, from_geojson

    shape = from_geojson(geometry)
    return sum(len(p.interiors) for p in (shape.geoms if isinstance(shape, MultiPolygon) else [shape]))


def test_derived_2025_units_have_no_slivers(demo_con):
    # The July-2025 units are dissolved from schematic older shapes with gaps between them: without closing the
    # gaps first, the demo's 22 derived communes held 70 interior rings, drawn as lines inside the units.
    derived = demo_con.execute("select level, code, geometry from boundaries where code_list = 'qd19_2025' "
                               "and source like 'derived%'").fetchall()
    assert len([1 for level, _, _ in derived if level == "commune"]) == 22
    assert {code: interior_rings(g) for level, code, g in derived if interior_rings(g)} == {}
    # Closing the gaps moves no unit: each keeps its area within a few percent of the plain union's.
    from shapely import from_geojson, union_all

    pieces = demo_con.execute("select s.to_code, b.geometry from boundaries b join commune_successors s "
                              "on s.from_code = b.code and s.is_default where b.code_list = 'gso_2024' "
                              "and b.level = 'commune'").fetchall()
    plain = {}
    for code, geometry in pieces:
        plain.setdefault(code, []).append(from_geojson(geometry))
    for level, code, geometry in derived:
        if level == "commune":
            assert from_geojson(geometry).area == pytest.approx(union_all(plain[code]).area, rel=0.05), code


def test_an_older_database_gets_its_derived_shapes_redrawn(tmp_path):
    path = tmp_path / "old.duckdb"
    db.create(path).close()
    con = duckdb.connect(str(path))
    con.execute("update boundaries set geometry = '{\"type\": \"Point\", \"coordinates\": [0, 0]}' "
                "where code_list = 'qd19_2025'")
    con.execute("delete from metadata where key = 'derived_shapes'")
    con.close()
    con = db.connect(path, read_only=True)  # made by an earlier giamngheo: upgraded first
    try:
        shapes = con.execute("select geometry from boundaries where code_list = 'qd19_2025' and level = 'commune'")
        assert all('"Polygon"' in g or '"MultiPolygon"' in g for (g,) in shapes.fetchall())
    finally:
        con.close()


@pytest.fixture
def cam_lo_shapes():
    frame = gpd.read_file(GEO / "communes_pre2025_4districts.geojson")
    return frame[frame.district_code == "468"][["commune_code", "commune_name", "geometry"]]


def shapes_file(frame, tmp_path, fmt: str):
    if fmt == "geojson":
        path = tmp_path / "ranh_gioi.geojson"
        frame.to_file(path, driver="GeoJSON")
    elif fmt == "gpkg":
        path = tmp_path / "ranh_gioi.gpkg"
        frame.to_crs(3405).to_file(path, driver="GPKG")  # VN-2000 / UTM zone 48N
    else:
        folder = tmp_path / "shp"
        folder.mkdir()
        frame.rename(columns={"commune_name": "TEN"}).to_crs(32648).to_file(folder / "xa.shp")
        path = tmp_path / "ranh_gioi.zip"
        with zipfile.ZipFile(path, "w") as z:
            for f in folder.iterdir():
                z.write(f, f.name)
    return path


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "shp"])
def test_boundary_import_each_format(empty_db, cam_lo_shapes, tmp_path, fmt):
    path = shapes_file(cam_lo_shapes.rename(columns={"commune_code": "MA_XA"}), tmp_path, fmt)
    con = db.connect(empty_db)
    try:
        con.execute("delete from boundaries where level = 'commune'")
        con.execute("insert into population (review_year, code_list, commune_code, total_households) "
                    "values (2019, 'gso_2024', '19597', 1000), (2019, 'gso_2024', '11470', 2000)")
        schema.refresh_aggregates(con)
        report, result = boundaries.import_boundaries(con, path)
        assert result.outcome == "accepted" and report.code_list == "gso_2024" and report.shapes == 8
        assert report.data_without_shape == ["11470"]  # Thủy Nguyên has data but no shape in this file
        assert "19600" in report.shapes_without_data
        geometry = json.loads(con.execute("select geometry from boundaries where code = '19597'").fetchone()[0])
        lon, lat = geometry["coordinates"][0][0][:2] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0][0][:2]
        assert 106.8 < lon < 107.2 and 16.6 < lat < 16.9  # back in degrees, on Cam Lộ
        again, _ = boundaries.import_boundaries(con, path)  # replaces, does not duplicate
        assert con.execute("select count(*) from boundaries where level = 'commune'").fetchone()[0] == 8
    finally:
        con.close()


def test_boundary_import_rejects_unknown_codes(empty_db, cam_lo_shapes, tmp_path):
    frame = cam_lo_shapes.rename(columns={"commune_code": "ma_xa"})
    frame.loc[frame.index[0], "ma_xa"] = "99999"
    path = shapes_file(frame, tmp_path, "geojson")
    con = db.connect(empty_db)
    try:
        before = con.execute("select count(*) from boundaries").fetchone()
        report, result = boundaries.import_boundaries(con, path)
        assert result.outcome == "rejected"
        assert [(p.row, p.value, p.code) for p in report.problems] == [(1, "99999", "unknown_code")]
        assert con.execute("select count(*) from boundaries").fetchone() == before
    finally:
        con.close()


def test_boundary_import_command(empty_db, cam_lo_shapes, tmp_path):
    path = shapes_file(cam_lo_shapes.rename(columns={"commune_code": "MAXA_2024"}), tmp_path, "gpkg")
    missing = subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "boundaries", str(path), "--db", empty_db],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "--code-field" in missing.stderr
    done = subprocess.run([sys.executable, "-m", "giamngheo.cli", "import", "boundaries", str(path), "--code-field",
                           "MAXA_2024", "--valid-from", "2020-01-01", "--db", empty_db], capture_output=True, text=True)
    assert done.returncode == 0 and "8 shapes, code list gso_2024" in done.stdout


def test_folium_map_needs_nothing_from_outside(demo_con):
    from components import maps

    units = queries.run(demo_con, "map_units", area="311", year=2022)
    classes = breaks.classify(units.poor_rate_pct.tolist(), breaks.edges_for("fixed", [], "poor_rate_pct"))
    collection = choropleth.feature_collection(units, classes, choropleth.colours(6, "sequential"),
                                         {"x": pd.Series(["a"] * len(units), index=units.index)})
    m = maps.folium_map(collection, ["x"])
    assert m.default_js == [("leaflet", "../../app/static/leaflet/leaflet.js")]
    assert m.default_css == [("leaflet_css", "../../app/static/leaflet/leaflet.css")]
    assert all(not url.startswith("http") for _, url in m.default_js + m.default_css)
    assert "tile" not in m.get_root().render().lower().split("l.map")[0] or not m._children.get("openstreetmap")
    assert len(collection["features"]) == 37


def test_static_map_exports_png(demo_con):
    units = queries.run(demo_con, "map_units", area="468", year=2019)
    edges = breaks.edges_for("fixed", units.poor_rate_pct.tolist(), "poor_rate_pct")
    classes = breaks.classify(units.poor_rate_pct.tolist(), edges)
    palette = choropleth.colours(len(edges) - 1, "sequential")
    collection = choropleth.feature_collection(units, classes, palette, {})
    fig = choropleth.plotly_map(collection, classes, palette, [f"band {i}" for i in range(len(edges) - 1)], "Cam Lộ 2019")
    assert {trace.fillcolor for trace in fig.data} <= set(palette) | {choropleth.NO_DATA}
    assert len({trace.text for trace in fig.data}) == 8  # Cam Lộ's 8 communes
    png = fig.to_image(format="png", width=900, height=600)  # offline: nothing to fetch
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
