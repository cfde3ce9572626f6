"""The dashboard in-process (streamlit.testing.v1.AppTest) on the demo database."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from giamngheo import fmt, queries, registry
from giamngheo.paths import APP

from components import ui


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


def table_with(at: AppTest, column: str):
    """The first table on the page that has `column` (popovers hold tables of their own)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    """Each card's value and its change as read aloud: the delta and what it is measured against."""
    return {m.label: (m.value, " ".join(x for x in (m.delta, m.proto.delta_description) if x)) for m in at.metric}


def test_overview_thuy_nguyen_2022_from_url(app, demo_con):
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
    s = queries.run(demo_con, "summary", area="311", year=2022).iloc[0]  # persons as `report summary` gives them
    assert s.poor_persons > s.poor and s.near_poor_persons > s.near_poor
    assert (f"Nhân khẩu: {fmt.count(s.poor_persons)} người trong hộ nghèo, {fmt.count(s.near_poor_persons)} người "
            "trong hộ cận nghèo.") in [c.value for c in at.caption]


def test_overview_ha_tinh_city_2018_change_in_points(app):
    at = app(nam="2018", tinh="Tỉnh Hà Tĩnh", huyen="Thành phố Hà Tĩnh")
    m = metrics(at)
    assert m["Tỷ lệ hộ nghèo"] == ("2,58%", "−1,05 điểm % so với năm 2017")  # the minus sign, as in the letters
    assert m["Tỷ lệ hộ cận nghèo"] == ("2,89%", "−0,47 điểm % so với năm 2017")
    assert m["Hộ nghèo"][0] == "727 hộ"
    rate = next(card for card in at.metric if card.label == "Tỷ lệ hộ nghèo").proto
    assert (rate.direction, rate.color) == (rate.MetricDirection.DOWN, rate.MetricColor.GREEN)  # fewer poor: good


def test_a_cards_arrow_and_colour_follow_the_number_not_its_sign_character():
    assert ui._change(-0.38, "−0,38 điểm %") == dict(delta="−0,38 điểm %", delta_arrow="down", delta_color="green")
    assert ui._change(12, "+12 hộ") == dict(delta="+12 hộ", delta_arrow="up", delta_color="red")
    assert ui._change(0.0, "0,00 điểm %") == dict(delta="0,00 điểm %", delta_arrow="off", delta_color="gray")


def test_overview_in_english(app):
    at = app(nam="2019", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà", lang="English")
    m = metrics(at)
    assert m["Poverty rate"][0] == "4.10%"
    assert m["Poor households"][0] == "1,597"  # the label says households: "1,597 households" overflows a card
    assert m["Near-poverty rate"][0] == "5.20%"


def test_a_link_with_the_language_code_keeps_it_for_the_picker_and_the_next_runs(app):
    """?lang=en (the code) is as good as ?lang=English (the name the picker writes): the picker shows English
    and the page stays in English at the next run, instead of English once beside a Vietnamese picker."""
    at = app(nam="2019", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà", lang="en")
    assert at.sidebar.button_group[0].value == "en" and at.title[0].value.endswith("Review year 2019")
    at.run()
    assert at.sidebar.button_group[0].value == "en" and at.title[0].value.endswith("Review year 2019")
    assert at.query_params["lang"] == "English"


def test_commune_table_lists_the_districts_communes(app):
    at = app(nam="2019", tinh="Tỉnh Quảng Trị", huyen="Huyện Cam Lộ")
    table = table_with(at, "Xã / phường")
    assert len(table) == 8
    assert "Thị trấn Cam Lộ" in set(table.iloc[:, 1])


def test_after_2025_the_picker_has_no_district(app):
    at = app(nam="2025", tinh="Tỉnh Hà Tĩnh", xa="Phường Thành Sen")
    assert at.title[0].value == "Phường Thành Sen · Năm rà soát 2025"
    assert not [s for s in at.selectbox if s.key == "huyen"]


def test_quality_page_lists_warnings_by_commune(app):
    at = app("pages/quality.py", nam="2022", tinh="Thành phố Hải Phòng", huyen="Huyện Thuỷ Nguyên")
    assert at.title[0].value.startswith("Chất lượng dữ liệu · Huyện Thuỷ Nguyên · 2022")
    table = table_with(at, "Hộ đổi xã")
    assert table["Phân loại khác chuẩn"].sum() == 5 and table["Hộ đổi xã"].sum() == 14


def test_import_page_read_only_shows_the_log(app):
    at = app("pages/import.py")
    assert any("chỉ đọc" in i.value for i in at.info)
    log = table_with(at, "sha256")
    assert list(log.kind) == ["support", "targets", "population", "households"]
    assert set(log.file_name) == {"data/demo/calibration.toml"} and log.synthetic.all()


THUY_NGUYEN_2022 = dict(nam="2022", tinh="Thành phố Hải Phòng", huyen="Huyện Thuỷ Nguyên")


def test_overview_paragraph_in_the_letters_words(app):
    at = app(**THUY_NGUYEN_2022)
    paragraph = " ".join(m.value for m in at.markdown if m.value.startswith("> "))
    assert "Theo kết quả rà soát năm 2022, số hộ nghèo của Huyện Thuỷ Nguyên là 1.118 hộ, chiếm tỷ lệ 1,01%" in paragraph
    assert "số hộ cận nghèo là 2.359 hộ, chiếm tỷ lệ 2,14%" in paragraph
    assert "hộ không còn khả năng lao động là 706 hộ" in paragraph
    assert "thiếu hụt về sử dụng dịch vụ viễn thông là 610 hộ, chiếm 54,6%" in paragraph


def test_deprivation_page(app):
    at = app("pages/deprivation.py", **THUY_NGUYEN_2022)
    m = {x.label: x.value for x in at.metric}
    # Official rule with equal weights: H = 1.118 poor of 3.477 poor + near-poor; A = 3.506 / (12 x 1.118).
    assert m["H"] == "32,15%"
    assert m["A"] == "26,13%"
    assert m["M0"] == "0,084"
    assert any("k = 3/12" in c.value for c in at.caption)


def test_deprivation_page_near_poor(app):
    at = app("pages/deprivation.py", loai="Hộ cận nghèo", **THUY_NGUYEN_2022)
    assert any("2.359 hộ cận nghèo" in c.value for c in at.caption)


def test_groups_page(app):
    at = app("pages/groups.py", **THUY_NGUYEN_2022)
    groups = table_with(at, "Nhóm hộ").set_index("Nhóm hộ")
    assert groups.loc["Hộ không có khả năng lao động", "Hộ nghèo"] == "706"
    assert groups.loc["Hộ không có khả năng lao động", "% hộ nghèo"] == "63,15%"
    assert groups.loc["Hộ có khả năng lao động", "Hộ nghèo"] == "412"
    solutions = table_with(at, "Hỗ trợ nhà ở")
    assert len(solutions) == 37 and "Hỗ trợ nhà ở" in solutions.columns


def test_transitions_page(app):
    at = app("pages/transitions.py", **THUY_NGUYEN_2022)
    assert at.title[0].value == "Huyện Thuỷ Nguyên · Diễn biến hộ nghèo từ năm 2021 đến năm 2022"
    table = table_with(at, "(1) Đầu kỳ")
    total = table.iloc[-1]
    assert (total["(1) Đầu kỳ"], total["(9) Cuối kỳ"]) == (1520, 1118)
    assert len(table) == 37 + 1
    # Form R3 below: the near-poor households' dynamics, ending on the overview's 2.359.
    assert "Diễn biến hộ cận nghèo (biểu R3)" in [h.value for h in at.subheader]
    assert "Diễn biến hộ cận nghèo từ năm 2021 đến năm 2022" in [c.value for c in at.caption]
    near = json.loads(at.get("plotly_chart")[-1].proto.spec)["data"][0]
    assert near["x"][1] == "Trở thành hộ nghèo" and near["text"][-1] == "2.359"


def test_households_page_lists_and_downloads(app):
    at = app("pages/households.py", nam="2019", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà", nhom="Hộ bảo trợ xã hội")
    table = table_with(at, "Mã hộ")
    assert len(table) == 756  # Thạch Hà's poor social-protection households, 1,94% of all households
    assert "Họ tên chủ hộ" in table.columns  # synthetic database: names may be shown
    assert [b.label for b in at.get("download_button")] == ["Tải CSV", "Tải Excel"]
    assert "756 hộ theo bộ lọc (hiển thị tối đa 5.000)." in [c.value for c in at.caption]  # Vietnamese numbers


def test_households_list_in_english_names_the_class_in_english(app):
    at = app("pages/households.py", nam="2019", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà", lang="English")
    assert set(table_with(at, "Household").Class) == {"Poor"}  # was "Hộ nghèo" in English too


def test_explain_popover_names_the_query_and_the_imports(app):
    for _ in range(2):  # the second session is shown the popover the first drew (components/plots.drawn_once)
        at = app(**THUY_NGUYEN_2022)
        code = [c.value for c in at.code]
        assert any("from area_year" in c for c in code)  # the SQL of queries/summary.sql
        assert any("Dữ liệu mô phỏng (không phải số liệu thật)." in c.value for c in at.caption)
        # the registry's word on the query (queries/queries.yml): what it answers, what always holds
        summary = registry.entry("summary")
        assert any(summary.description in m.value for m in at.markdown)
        assert any("`poor + near_poor <= total_households`" in c.value and c.value.startswith("Luôn đúng")
                   for c in at.caption)
        imports = next(d.value for d in at.dataframe if "file_name" in d.value.columns)
        assert len(imports) and set(imports.synthetic) == {True}


def test_targets_page_scorecard(app):
    at = app("pages/targets.py", nam="2020", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà")
    matrix = next(d.value for d in at.dataframe if d.value.index.name == "Đơn vị")
    assert len(matrix) == 1 + 22  # the district, then its communes
    district = matrix.loc["Huyện Thạch Hà"]
    assert district["Giảm tỷ lệ hộ nghèo"].startswith("✓ 0,73 điểm % / 0,50 điểm %")
    assert district["Mô hình giảm nghèo"].startswith("! 12 / 14")
    assert district["Hộ nghèo có bảo hiểm y tế"].startswith("✗")
    assert [b.label for b in at.get("download_button")] == ["Tải Excel"]


def test_targets_page_sponsorship(app):
    at = app("pages/targets.py", nam="2018", tinh="Tỉnh Hà Tĩnh", huyen="Thành phố Hà Tĩnh")
    sponsors = table_with(at, "Đơn vị đỡ đầu")
    assert set(sponsors["Đơn vị đỡ đầu"]) == {"Hội Phụ nữ", "Đoàn Thanh niên", "Hội Nông dân", "Hội Cựu chiến binh",
                                              "Liên đoàn Lao động", "Mặt trận Tổ quốc"}
    assert "Thoát nghèo ở kỳ rà soát 2019" in sponsors.columns


def test_presentation_mode_slides_from_the_url(app):
    at = app("pages/present.py", **THUY_NGUYEN_2022)
    assert at.title[0].value == "Huyện Thuỷ Nguyên · Năm rà soát 2022"
    buttons = {b.label: b for b in at.button}
    assert "◀ Trước" in buttons and "Sau ▶" in buttons
    buttons["Sau ▶"].click().run()
    assert at.title[0].value == "Hộ nghèo thiếu hụt các dịch vụ xã hội cơ bản"
    assert at.query_params["trang"] == "2"


def test_report_page_has_the_paragraph_and_files(app):
    at = app("pages/report.py", **THUY_NGUYEN_2022)
    assert any("1.118 hộ, chiếm tỷ lệ 1,01%" in m.value for m in at.markdown)
    assert [c.value for c in at.code][-1].startswith("Theo kết quả rà soát năm 2022")
    labels = [b.label for b in at.get("download_button")]
    assert "Tải biểu báo cáo (Excel)" in labels and "TXT" in labels


def test_map_page_without_boundaries_says_so(monkeypatch, tmp_path):
    from giamngheo import national

    path = tmp_path / "nation.duckdb"
    national.build(path, 3000)
    monkeypatch.setenv("GIAMNGHEO_DB", str(path))
    monkeypatch.setenv("GIAMNGHEO_READ_ONLY", "1")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"nam": "2024", "tinh": "Thành phố Hà Nội", "huyen": "Quận Ba Đình"})
    at.run()
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert any("Chưa có ranh giới" in i.value for i in at.info)


@pytest.mark.parametrize("metric", ["Tỷ lệ hộ nghèo", "Thay đổi tỷ lệ nghèo", "Tỷ lệ thiếu hụt một chỉ số"])
def test_map_page_metrics(app, metric):
    at = app("pages/map.py", **THUY_NGUYEN_2022)
    at.selectbox(key="ban_do_chi_so").select(
        {"Tỷ lệ hộ nghèo": "poor_rate_pct", "Thay đổi tỷ lệ nghèo": "poor_change_pp",
         "Tỷ lệ thiếu hụt một chỉ số": "deprivation_share_pct"}[metric]).run()
    assert not at.exception
    assert any("37 đơn vị có ranh giới" in c.value for c in at.caption)


def test_map_page_attainment(app):
    at = app("pages/map.py", nam="2020", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà")
    at.selectbox(key="ban_do_chi_so").select("attainment").run()
    assert not at.exception and any("22 đơn vị có ranh giới" in c.value for c in at.caption)


THACH_HA_2021 = dict(nam="2021", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà")
HA_TINH_2025 = dict(nam="2025", tinh="Tỉnh Hà Tĩnh")


def test_a_new_standard_s_first_review_is_a_baseline_everywhere(app):
    """Thạch Hà 2021, the first review under the 2022-2025 standard: no change against 2020, said on the
    overview, the transitions page and the scorecard."""
    at = app(**THACH_HA_2021)
    m = metrics(at)
    assert m["Tỷ lệ hộ nghèo"] == ("5,45%", "đầu kỳ chuẩn 2022-2025")
    assert m["Hộ nghèo"] == ("2.150 hộ", "đầu kỳ chuẩn 2022-2025")  # not "+830 hộ"
    assert any("Năm 2021 là năm đầu kỳ theo chuẩn nghèo 2022-2025: không so sánh với năm 2020" in i.value
               for i in at.info)
    at = app("pages/transitions.py", **THACH_HA_2021)
    assert at.title[0].value == "Huyện Thạch Hà · Hộ nghèo 2020 → 2021: phân loại lại theo chuẩn 2022-2025"
    table = table_with(at, "(7) Nghèo theo chuẩn mới, chưa từng nghèo")
    assert not [c for c in table.columns if "Thoát nghèo" in c or "Phát sinh mới" in c]
    at = app("pages/targets.py", **THACH_HA_2021)
    matrix = next(d.value for d in at.dataframe if d.value.index.name == "Đơn vị")
    assert matrix.loc["Huyện Thạch Hà", "Giảm tỷ lệ hộ nghèo"].startswith("○ đầu kỳ / 0,50 điểm %")
    assert matrix.loc["Huyện Thạch Hà", "Số hộ thoát nghèo"].startswith("○ đầu kỳ / 250")
    # The next year's targets count from that baseline.
    at = app("pages/targets.py", nam="2022", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà")
    matrix = next(d.value for d in at.dataframe if d.value.index.name == "Đơn vị")
    assert matrix.loc["Huyện Thạch Hà", "Giảm tỷ lệ hộ nghèo"].startswith("! 0,97 điểm % / 1,00 điểm %")
    assert matrix.loc["Huyện Thạch Hà", "Số hộ thoát nghèo"].startswith("✓ 843 / 800")


def test_the_2025_review_starts_from_2024_on_the_new_units(app):
    at = app(**HA_TINH_2025)
    m = metrics(at)
    assert m["Tỷ lệ hộ nghèo"][1].endswith("điểm % so với năm 2024") and m["Hộ nghèo"][1] == "−360 hộ"
    notes = " ".join(i.value for i in at.info)
    assert "tính lại theo đơn vị hành chính từ 01/7/2025" in notes and "12/69 xã" in notes
    at = app("pages/transitions.py", **HA_TINH_2025)
    assert at.title[0].value == "Tỉnh Hà Tĩnh · Diễn biến hộ nghèo từ năm 2024 đến năm 2025"
    table = table_with(at, "(1) Đầu kỳ")
    total = table.iloc[-1]
    assert (total["(1) Đầu kỳ"], total["(9) Cuối kỳ"]) == (1420, 1060)
    assert total["(2) Thoát nghèo, thành cận nghèo"] > 0 and total["(4) Giảm khác"] > 0


def test_first_screen_without_filters(app):
    at = app()
    assert at.title[0].value == "Huyện Thuỷ Nguyên · Năm rà soát 2024"
    # The opening view is written into the link, so that it can be copied (a default province stays implicit).
    assert (at.query_params["nam"], at.query_params["huyen"]) == ("2024", "Huyện Thuỷ Nguyên")
