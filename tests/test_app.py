"""The dashboard in-process (streamlit.testing.v1.AppTest) on the demo database."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from giamngheo.paths import APP


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setenv("GIAMNGHEO_DB", demo_db)
    # Read-only, as a viewer deployment: the test process also holds the demo database open read-only.
    monkeypatch.setenv("GIAMNGHEO_READ_ONLY", "1")

    def open_app(page: str | None = None, **params) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return open_app


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_overview_thuy_nguyen_2022_from_url(app):
    at = app(nam="2022", tinh="Thành phố Hải Phòng", huyen="Huyện Thuỷ Nguyên")
    assert at.title[0].value == "Huyện Thuỷ Nguyên · Năm rà soát 2022"
    m = metrics(at)
    assert m["Tỷ lệ hộ nghèo"][0] == "1,01%"
    assert m["Hộ nghèo"][0] == "1.118 hộ"
    assert m["Tỷ lệ hộ cận nghèo"][0] == "2,14%"
    assert m["Hộ cận nghèo"][0] == "2.359 hộ"
    assert m["Tổng số hộ dân cư"][0] == "110.300 hộ"
    assert at.selectbox(key="huyen").value == "311"
    assert any("Dữ liệu mô phỏng" in w.value for w in at.warning)  # labelled synthetic


def test_overview_ha_tinh_city_2018_change_in_points(app):
    at = app(nam="2018", tinh="Tỉnh Hà Tĩnh", huyen="Thành phố Hà Tĩnh")
    m = metrics(at)
    assert m["Tỷ lệ hộ nghèo"] == ("2,58%", "-1,05 điểm % so với năm 2017")
    assert m["Tỷ lệ hộ cận nghèo"] == ("2,89%", "-0,47 điểm % so với năm 2017")
    assert m["Hộ nghèo"][0] == "727 hộ"


def test_overview_in_english(app):
    at = app(nam="2019", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà", lang="English")
    m = metrics(at)
    assert m["Poverty rate"][0] == "4.10%"
    assert m["Poor households"][0] == "1,597 households"
    assert m["Near-poverty rate"][0] == "5.20%"


def test_commune_table_lists_the_districts_communes(app):
    at = app(nam="2019", tinh="Tỉnh Quảng Trị", huyen="Huyện Cam Lộ")
    table = at.dataframe[0].value
    assert len(table) == 8
    assert "Thị trấn Cam Lộ" in set(table.iloc[:, 1])


def test_after_2025_the_picker_has_no_district(app):
    at = app(nam="2025", tinh="Tỉnh Hà Tĩnh", xa="Phường Thành Sen")
    assert at.title[0].value == "Phường Thành Sen · Năm rà soát 2025"
    assert not [s for s in at.selectbox if s.key == "huyen"]


def test_quality_page_lists_warnings_by_commune(app):
    at = app("pages/quality.py", nam="2022", tinh="Thành phố Hải Phòng", huyen="Huyện Thuỷ Nguyên")
    assert at.title[0].value.startswith("Chất lượng dữ liệu · Huyện Thuỷ Nguyên · 2022")
    table = at.dataframe[0].value
    assert {"Phân loại khác chuẩn", "Hộ đổi xã"} <= set(table.columns)
    assert table["Phân loại khác chuẩn"].sum() == 5 and table["Hộ đổi xã"].sum() == 14


def test_import_page_read_only_shows_the_log(app):
    at = app("pages/import.py")
    assert any("chỉ đọc" in i.value for i in at.info)
    log = at.dataframe[0].value
    assert list(log.file_name) == ["data/demo/calibration.toml"] * 2 and log.synthetic.all()
