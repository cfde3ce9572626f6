"""Charts as a reader sees them: rendered by kaleido through Debian's Chromium, in each language."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from giamngheo import charts, comparison


def numeric_ticks(fig) -> list[str]:
    svg = fig.to_image(format="svg", width=900, height=500).decode()
    labels = re.findall(r'class="(?:x|y)tick"[^>]*>\s*<text[^>]*>([^<]+)</text>', svg)
    return [label for label in labels if re.fullmatch(r"[\d.,]+", label)]


@pytest.mark.parametrize(("lang", "grouped"), [("vi", r"\d{1,3}(\.\d{3})+"), ("en", r"\d{1,3}(,\d{3})+")])
def test_count_axes_group_thousands_the_reader_s_way(lang, grouped):
    groups = pd.DataFrame({"group": ["a", "b"], "position": [1, 2], "label_vi": ["Nhóm A", "Nhóm B"],
                           "label_en": ["Group A", "Group B"], "poor": [412, 706], "near_poor": [1677, 682]})
    flows = {flow: 0 for flow in comparison.FLOW_KEYS} | {"poor_start": 1520, "escaped_above_near_poor": 402,
                                                      "poor_end": 1118}
    for fig in (charts.group_bars(groups, lang), charts.waterfall(pd.Series(flows), lang)):
        thousands = [tick for tick in numeric_ticks(fig) if len(re.sub(r"\D", "", tick)) >= 4]
        assert thousands and all(re.fullmatch(grouped, tick) for tick in thousands), numeric_ticks(fig)


def test_a_waterfall_with_protected_flows_draws_and_ends_on_the_areas_figure():
    """An analyst's transitions (small flows hidden) still draw: a hidden flow is an empty column marked "–", and
    the end is the area's own figure rather than a running total over the hole."""
    row = pd.Series({"poor_start": 40, "escaped_to_near_poor": 10, "escaped_above_near_poor": float("nan"),
                     "other_decrease": float("nan"), "from_near_poor": 5, "re_poor": 0, "new_poor": 6,
                     "other_increase": 0, "poor_end": 39, "comparable": True})
    trace = charts.waterfall(row).data[0]
    assert list(trace.text)[2:4] == ["–", "–"] and trace.measure[-1] == "absolute" and trace.y[-1] == 39
    exact = charts.waterfall(row.fillna(1)).data[0]
    assert exact.measure[-1] == "total"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_standard_of_a_trend_is_named_once_beside_its_break(lang):
    """2016-2020, 2022-2025 and 2027-2030 in one trend: a dashed line at each change of standard, the first
    standard named left of the first line and each later one right of the line where it starts, so that the
    middle standard's name does not stand twice between the lines."""
    years = list(range(2016, 2027))
    standards = ["2016-2020"] * 5 + ["2022-2025"] * 5 + ["2027-2030"]
    frame = pd.DataFrame({"review_year": years, "standard": standards, "poor_rate_pct": [3.0] * 11,
                          "near_poor_rate_pct": [2.0] * 11, "official": [True] * 11})
    fig = charts.trend_lines(frame, lang)
    labels = [(a.text.strip(), a.x, a.xanchor) for a in fig.layout.annotations]
    name = {"vi": "Chuẩn {}", "en": "{} standard"}[lang].format
    assert labels == [(name("2016-2020"), 2020.5, "right"), (name("2022-2025"), 2020.5, "left"),
                      (name("2027-2030"), 2025.5, "left")]
    assert [shape.x0 for shape in fig.layout.shapes] == [2020.5, 2025.5]


def test_the_lighter_template_draws_every_kind_of_chart_as_plotly_white_did():
    """The charts' template (theme.figure: plotly_white without the styles of traces and axes the charts
    never draw) leaves every chart as it was: the same pixels, rendered by kaleido, as with plotly_white itself."""
    import plotly.io as pio

    groups = pd.DataFrame({"group": ["a", "b"], "position": [1, 2], "label_vi": ["Nhóm A", "Nhóm B"],
                           "label_en": ["Group A", "Group B"], "poor": [412, 706], "near_poor": [1677, 682]})
    flows = pd.Series({flow: 10 for flow in comparison.FLOW_KEYS} | {"poor_start": 1520, "poor_end": 1118})
    trend = pd.DataFrame({"review_year": [2020, 2021, 2022], "standard": ["2016-2020"] * 2 + ["2022-2025"],
                          "poor_rate_pct": [3.0, 2.5, 4.0], "near_poor_rate_pct": [2.0, 1.8, 3.1],
                          "official": [True] * 3})
    heat = pd.DataFrame({"indicator": ["viec_lam", "thong_tin"] * 2, "position": [1, 2] * 2,
                         "label_vi": ["Việc làm", "Thông tin"] * 2, "label_en": ["Employment", "Information"] * 2,
                         "commune_name": ["Xã A", "Xã A", "Xã B", "Xã B"], "share_pct": [43.6, 54.6, 12.0, 80.0]})
    figures = [charts.group_bars(groups), charts.waterfall(flows), charts.trend_lines(trend),
               charts.deprivation_heatmap(heat)]
    for fig in figures:
        assert fig.layout.template.layout.polar.to_plotly_json() == {}  # the lighter one, not plotly_white
        assert fig.layout.template == pio.templates["giamngheo"]  # given at creation (theme.figure), not Plotly's
        white = pio.from_json(fig.to_json()).update_layout(template="plotly_white")
        assert fig.to_image(format="png", width=700, height=400) == white.to_image(format="png", width=700, height=400)
