"""Pieces every page run goes through: charts and tables drawn once per content and replayed to every session
(components/plots.py), never another content's; the unit names of the pickers (components/filters.py)."""

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from giamngheo import charts

from components.data import Units

BUILT = []  # the arguments of every chart really built, in this process


def counted_bars(frame, lang):
    BUILT.append((frame.deprived.tolist(), frame.attrs.get("hidden"), lang))
    return charts.deprivation_bars(frame, lang)


def deprivation(deprived: int) -> pd.DataFrame:
    return pd.DataFrame({
        "indicator": ["td_vien_thong", "td_viec_lam"], "label_vi": ["Sử dụng dịch vụ viễn thông", "Việc làm"],
        "label_en": ["Telecom use", "Employment"], "poor_households": [1118, 1118], "deprived": [deprived, 488],
        "share_pct": [deprived / 1118 * 100, 488 / 1118 * 100], "position": [11, 1],
        "dimension": ["thong_tin", "viec_lam"], "dimension_vi": ["Thông tin", "Việc làm"],
        "dimension_en": ["Information", "Employment"],
    })


def _session(deprived: int, lang: str = "vi", hidden: int | None = None, in_column: bool = False) -> list[str]:
    """A new session (AppTest) that plots one chart; the texts of its bars."""
    def script(deprived, lang, hidden, in_column):
        import streamlit as st

        from components.plots import plot
        from tests import test_components as here

        frame = here.deprivation(deprived)
        if hidden is not None:
            frame.attrs["hidden"] = hidden
        if in_column:
            with st.columns(2)[1]:
                plot(here.counted_bars, frame, lang)
        else:
            plot(here.counted_bars, frame, lang)

    at = AppTest.from_function(script, args=(deprived, lang, hidden, in_column), default_timeout=60).run()
    assert not at.exception
    (chart,) = at.get("plotly_chart")
    return [text for trace in json.loads(chart.proto.spec)["data"] for text in trace["text"]]


def test_the_same_content_is_built_once_and_replayed_to_the_next_session():
    before = len(BUILT)
    first = _session(610)
    assert _session(610) == first and "54,6% · 610 hộ" in first
    assert _session(610, in_column=True) == first  # replayed inside a column as well
    assert len(BUILT) == before + 1


def test_another_value_attribute_or_language_is_built_anew():
    shown = _session(611)
    assert "54,7% · 611 hộ" in shown
    assert "55,6% · 622 hộ" in _session(622)
    built = len(BUILT)
    _session(611, hidden=1)
    assert "54.7% · 611 households" in _session(611, lang="en")
    assert BUILT[built:] == [([611, 488], 1, "vi"), ([611, 488], None, "en")]


def test_a_replayed_commune_table_still_writes_its_numbers_the_vietnamese_way():
    def script():
        import pandas as pd

        from components import ui

        ui.commune_table(pd.DataFrame({
            "commune_code": ["19597"], "commune_name": ["Xã Tân Lập"], "total_households": [110300], "poor": [1118],
            "poor_rate_pct": [1.0136], "near_poor": [2359], "near_poor_rate_pct": [2.1387],
            "poor_change_pp": [-0.38]}))

    for _ in range(2):  # built, then replayed
        at = AppTest.from_function(script, default_timeout=60).run()
        assert not at.exception
        table = at.dataframe[0]
        assert list(table.value.iloc[0])[2:] == [110300, 1118, 1.0136, 2359, 2.1387, -0.38]  # sorted as numbers
        shown = table.proto.arrow_data.styler.display_values
        assert all(text.encode() in shown for text in ("110.300", "1.118", "1,01%", "2,14%", "−0,38 điểm %"))


def test_the_pickers_units_by_province_and_district_and_a_repeated_name_with_its_code():
    """data.Units: the area picker's units looked up by code (once per data version and year), in the areas
    query's order; communes under their district, or under the province alone where the review has no districts
    (after July 2025); a name that repeats carries its code."""
    areas = pd.DataFrame({
        "level": ["province", "district", "commune", "commune", "district", "commune", "province", "commune"],
        "code": ["15", "139", "04453", "04456", "140", "04500", "01", "00004"],
        "name": ["Tỉnh Yên Bái", "Huyện Lục Yên", "Xã Tân Lập", "Xã Minh Xuân", "Huyện Văn Yên", "Xã Tân Lập",
                 "Thành phố Hà Nội", "Phường Ba Đình"],
        "province_code": ["15", "15", "15", "15", "15", "15", "01", "01"],
        "district_code": [None, "139", "139", "139", "140", "140", None, None]}, dtype="string")
    units = Units.of(areas)
    assert units.provinces == ("15", "01") and units.districts == {"15": ("139", "140")}
    assert units.communes == {("15", "139"): ("04453", "04456"), ("15", "140"): ("04500",), ("01", None): ("00004",)}
    assert units.names["04453"] == "Xã Tân Lập (04453)" and units.names["04500"] == "Xã Tân Lập (04500)"
    assert units.names["04456"] == "Xã Minh Xuân" and units.levels["139"] == "district"
    assert units.codes == tuple(areas.code)


ASKED = []  # the values once_per_run really looked up, in this process


def test_a_run_asks_each_value_once_the_next_run_and_an_import_ask_again(empty_db, monkeypatch):
    """connection.once_per_run: the data version, the user's units and a year's code list are looked up once per
    run (every figure of a run stands on the same data version), again in the next run (access.new_run), and again
    after an import within the run (data.write forgets them)."""
    def script():
        import streamlit as st

        from components import access, data
        from components.connection import once_per_run
        from tests import test_components as here

        @once_per_run
        def version(path):
            here.ASKED.append(path)
            return len(here.ASKED)

        access.new_run()
        st.write(version("a"), version("a"), version("b"), version("a"))
        if st.session_state.get("import"):
            data.write(lambda cursor: None)
            st.write(version("a"))

    monkeypatch.setenv("GIAMNGHEO_DB", empty_db)  # a file of its own: the import opens it for writing
    monkeypatch.delenv("GIAMNGHEO_READ_ONLY", raising=False)
    ASKED.clear()
    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception and at.markdown[0].value == "`1` `1` `2` `1`" and ASKED == ["a", "b"]
    at.run()
    assert at.markdown[0].value == "`3` `3` `4` `3`" and ASKED == ["a", "b", "a", "b"]
    at.session_state["import"] = True
    at.run()
    assert [m.value for m in at.markdown] == ["`5` `5` `6` `5`", "`7`"]


def test_an_import_on_the_file_shows_its_review_year_in_the_next_run(empty_db, monkeypatch):
    """On a DuckDB file the data version stays None (every write goes through the one process), so data.write
    empties every result cached by it: the review years of the sidebar as well as the queries."""
    def script():
        import streamlit as st

        from components import access, data

        access.new_run()
        st.text(repr(sorted(data.reviews())))
        if st.session_state.pop("import", False):
            data.write(lambda cur: cur.execute("insert into review_years select 2024, 'gso_2024', '2022-2025'"))

    monkeypatch.setenv("GIAMNGHEO_DB", empty_db)
    monkeypatch.delenv("GIAMNGHEO_READ_ONLY", raising=False)
    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception and at.text[0].value == "[]"
    at.session_state["import"] = True
    at.run().run()
    assert not at.exception and at.text[0].value == "[2024]"
