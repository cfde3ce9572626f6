"""`python -m bench.floor`: what Streamlit alone costs to run what the dashboard's pages run, beside the dashboard
itself, measured the same way in one run: the floor under the pages' budget (≤ 3× an empty page).

The twins are bare Streamlit scripts with no code of the dashboard in them. The shell's twin declares fourteen
pages in the sidebar's navigation (made once per session, as app.py does) and the filters of a province's view
(two segmented controls, four selectboxes with as many options as the real ones); its page draws nothing. The
overview's twin adds on that shell what the overview draws (title, five cards, captions, two "Nguồn số liệu"
popovers, the situation paragraph, two columns, three charts, the communes' table); the groups page's twin what
that page draws (three charts, two tables, three popovers, captions). Every chart, table, card and paragraph is
replayed from Streamlit's cache, as `drawn_once` replays them: Streamlit's cheapest way to draw an element again.
The charts and tables are the dashboard's own for the province, made once before the runs.

Every script is rerun in an AppTest of its own (a rerun: a filter changed, the page asked again), in rounds that
alternate the scripts so that a burst of load falls on all of them; the time of `AppTest.run`, milliseconds.

Prints JSON: {name: {"median_ms", "ratio_to_empty", "elements"}} for empty, shell_twin, overview_twin, groups_twin,
app_shell (app.py as served, its page drawing nothing), app_overview, app_groups.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from bench.national import _collector_off, _pages_drawing_nothing

PAGES = 14  # the navigation's pages, as a signed-in administrator sees them


class Fixture:
    """The pages' figures and tables for the province and the filters' options, made before the runs (the twins
    replay them)."""
    figures: dict[str, go.Figure] = {}
    tables: dict[str, pd.DataFrame] = {}
    names: dict[str, list[str]] = {}  # the selectboxes' options


def shell(page=None) -> None:
    """The twin of app.py: page config, navigation, the sidebar's filters, a banner, then the page."""
    st.set_page_config(page_title="Giảm nghèo", layout="wide")
    pages = st.session_state.get("pages")
    if pages is None:
        pages = st.session_state["pages"] = [
            st.Page(page or _nothing, title="Tổng quan", url_path="tong_quan", default=True),
            *(st.Page(_nothing, title=f"Trang {n}", url_path=f"trang_{n}") for n in range(1, PAGES))]
    navigation = st.navigation(pages, expanded=True)
    with st.sidebar:
        st.segmented_control("Ngôn ngữ", ["vi", "en"], default="vi", key="lang")
        st.selectbox("Năm rà soát", Fixture.names["years"], key="nam")
        st.selectbox("Tỉnh/thành phố", Fixture.names["provinces"], key="tinh")
        st.selectbox("Huyện", Fixture.names["districts"], index=None, placeholder="Toàn tỉnh", key="huyen")
        st.segmented_control("Loại hộ", ["Hộ nghèo", "Hộ cận nghèo"], default="Hộ nghèo", key="loai")
        st.selectbox("Nhóm hộ", Fixture.names["groups"], key="nhom")
    st.warning("Dữ liệu tổng hợp (synthetic)")
    navigation.run()
    st.sidebar.caption("Nguồn bản đồ")


def _nothing() -> None:
    pass


@st.cache_resource(show_spinner=False)
def _cards(content: str) -> None:
    for column, n in zip(st.columns(5), range(5)):
        column.metric(f"Chỉ số {n}", f"{n},01%", delta=f"-0,{n} điểm %", border=True)


@st.cache_resource(show_spinner=False)
def _paragraph(content: str) -> None:
    st.markdown(f"> {content}")


@st.cache_resource(show_spinner=False)
def _chart(name: str) -> None:
    st.plotly_chart(Fixture.figures[name], config={"displaylogo": False})


@st.cache_resource(show_spinner=False)
def _table(name: str) -> None:
    st.dataframe(Fixture.tables[name], hide_index=True, width="stretch")


@st.cache_resource(show_spinner=False)
def _source(name: str) -> None:
    """The "Nguồn số liệu" popover: the denominator, the query, its text, the imports behind the figures."""
    with st.popover("Nguồn số liệu", icon=":material/info:"):
        st.markdown("**Mẫu số**: tổng số hộ dân cư")
        st.markdown(f"**Truy vấn**: `queries/{name}.sql`")
        with st.expander(f"queries/{name}.sql"):
            st.code(f"select * from {name}", language="sql")
        st.markdown("**Các lần nhập dữ liệu**")
        st.dataframe(Fixture.tables["provenance"], hide_index=True)
        st.caption("Dữ liệu tổng hợp")


def overview() -> None:
    """The twin of pages/overview.py, drawing what it draws, every element replayed."""
    st.title("Tỉnh · Năm rà soát 2024")
    _cards("summary")
    st.caption("Số liệu của n xã.")
    _source("summary")
    st.subheader("Tình hình")
    _paragraph("Tỷ lệ hộ nghèo 1,01%, giảm 0,38 điểm %.")
    left, right = st.columns(2)
    with left:
        st.subheader("Xu hướng")
        _chart("trend")
        st.caption("Chuẩn nghèo")
    with right:
        st.subheader("Thiếu hụt")
        st.caption("Trong n hộ nghèo")
        _chart("deprivation")
        _source("deprivation")
    st.subheader("Xếp hạng xã")
    _chart("ranking")
    st.subheader("Các xã")
    _table("communes")


def groups() -> None:
    """The twin of pages/groups.py: its ethnicity chart is the groups chart again (a chart of the same kind)."""
    st.title("Nhóm hộ · Tỉnh · 2024")
    st.caption("n/N xã đã phê duyệt")
    st.subheader("Nhóm hộ")
    _chart("groups")
    _table("groups")
    _source("groups")
    st.subheader("Dân tộc")
    st.caption("Tỷ lệ hộ nghèo dân tộc thiểu số")
    _chart("groups")
    _source("ethnicity")
    st.subheader("Nguyên nhân nghèo")
    st.caption("Trong các hộ nghèo")
    _chart("causes")
    st.subheader("Nhóm giải pháp")
    st.caption("Theo xã")
    _table("solution_groups")
    _source("solution_groups")


TWINS = {
    "empty": "import streamlit as st\n",
    "shell_twin": "from bench.floor import shell\nshell()\n",
    "overview_twin": "from bench.floor import overview, shell\nshell(overview)\n",
    "groups_twin": "from bench.floor import groups, shell\nshell(groups)\n",
}


def _fixture(path: str, province: str, year: int) -> None:
    from giamngheo import catalogue, charts, db, queries

    con = db.connect(path, read_only=True)
    try:
        params = dict(area=province, year=year)
        frames = {name: queries.run(con, name, **params) for name in
                  ("communes", "trend", "deprivation", "groups", "solution_groups", "provenance")}
        frames["causes"] = queries.run(con, "causes", classification="ngheo", **params)
        Fixture.figures = {"trend": charts.trend_lines(frames["trend"], "vi"),
                           "deprivation": charts.deprivation_bars(frames["deprivation"], "vi"),
                           "ranking": charts.commune_ranking(frames["communes"], "vi"),
                           "groups": charts.group_bars(frames["groups"], "vi"),
                           "causes": charts.share_bars(frames["causes"], "label", "vi")}
        Fixture.tables = {name: frames[name] for name in ("communes", "groups", "solution_groups", "provenance")}
        areas, years = queries.run(con, "areas", year=year), queries.run(con, "years")
    finally:
        con.close()
    districts = areas[(areas.level == "district") & (areas.province_code == province)]
    Fixture.names = {
        "years": sorted(years.review_year.tolist(), reverse=True),
        "provinces": areas[areas.level == "province"].name.tolist(),
        "districts": districts.name.tolist(),
        "groups": ["Tất cả", *(g["label_vi"] for g in catalogue.groups())]}


def run(path: str, province: str, year: int, rounds: int = 40) -> dict:
    from streamlit.testing.v1 import AppTest

    from giamngheo.paths import APP
    from giamngheo.web import pages_as_served

    os.environ["GIAMNGHEO_DB"] = path
    os.environ["GIAMNGHEO_READ_ONLY"] = "1"
    _fixture(path, province, year)
    apps = {name: AppTest.from_string(script, default_timeout=120) for name, script in TWINS.items()}
    with pages_as_served():
        for name in ("app_shell", "app_overview", "app_groups"):
            apps[name] = AppTest.from_file(str(APP), default_timeout=120)
            apps[name].query_params.update({"nam": str(year), "tinh": _name(path, province)})
        apps["app_groups"].run()
        apps["app_groups"].switch_page("pages/groups.py")
        times = {name: [] for name in apps}
        for name, app in apps.items():
            _rerun(app, name)  # the first run: the page drawn, its elements cached
            assert not app.exception, (name, app.exception[0].stack_trace)
        with _collector_off():
            for _ in range(rounds):
                for name, app in apps.items():
                    started = time.perf_counter()
                    _rerun(app, name)
                    times[name].append((time.perf_counter() - started) * 1000)
    for name in ("app_overview", "app_groups"):  # the pages drew their figures
        assert apps[name].title and not apps[name].exception, name
    out = {name: {"median_ms": round(statistics.median(measured), 2), "elements": _elements(apps[name])}
           for name, measured in times.items()}
    for measured in out.values():
        measured["ratio_to_empty"] = round(measured["median_ms"] / out["empty"]["median_ms"], 2)
    return out


def _elements(app) -> dict[str, int]:
    """What a run drew, by kind: a twin draws what its page draws (tests/test_bench.py)."""
    return {"charts": len(app.get("plotly_chart")), "tables": len(app.dataframe), "cards": len(app.metric)}


def _rerun(app, name: str) -> None:
    if name == "app_shell":
        with _pages_drawing_nothing():
            app.run()
    else:
        app.run()


def _name(path: str, code: str) -> str:
    from giamngheo import db

    con = db.connect(path, read_only=True)
    try:
        return con.execute("select name from admin_units where code_list = 'gso_2024' and code = ?",
                           [code]).fetchone()[0]
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.floor")
    parser.add_argument("--db", required=True)
    parser.add_argument("--area", required=True, help="a province code of the end-2024 list")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.db, args.area, args.year, args.rounds), ensure_ascii=False))
    return 0


if __name__ == "__main__":  # the twins import bench.floor, not __main__: fill and run that module's Fixture
    from bench.floor import main as floor_main

    raise SystemExit(floor_main())
