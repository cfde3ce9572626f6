"""Bản đồ: commune choropleth of a metric for the selected area and year, offline; click a commune to
make it the selected area everywhere; a static copy for export; the trend across the 2025 reform."""

import streamlit as st
from streamlit_folium import st_folium

from giamngheo import breaks, charts, choropleth

from components import access, fmt, maps, ui
from components.plots import plot
from components.data import query
from components.i18n import lang, t
from components.map_layers import layer, metrics

filters = st.session_state["filters"]
# A selected commune is shown within its district (or its province after 2025), outlined.
areas = query("areas", year=filters.year)
parent = filters.area
if filters.level == "commune":
    unit = areas[areas.code == filters.area].iloc[0]
    parent = unit.district_code if isinstance(unit.district_code, str) else unit.province_code
    if not access.may_see_area(parent, filters.code_list):  # an officer of one commune sees that commune
        parent = filters.area

whole_country = access.may_see_area("VN", filters.code_list)
national = st.session_state.get("toan_quoc", False) and whole_country
place = t("whole_country") if national else "".join(areas.name[areas.code == parent].tail(1))
st.title(f"{t('page_map')} · {place} · {filters.year}")
left, middle, right = st.columns([2, 2, 1])
national = right.toggle(t("national_view"), help=t("national_view_help"), key="toan_quoc",
                        disabled=not whole_country) and whole_country
area = "VN" if national else parent
choices = metrics(national)
metric = left.selectbox(t("map_metric"), list(choices), format_func=choices.get, key="ban_do_chi_so")
method = middle.segmented_control(t("class_breaks"), list(breaks.METHODS), default="fixed",
                                  format_func=lambda m: t(f"breaks_{m}"), key="ban_do_phan_lop") or "fixed"
units = query("map_units", area=area, year=filters.year)
if not national:
    ui.coverage(area, filters.year)
shown = layer(metric, method, units, area, filters.year, filters.classification)
if shown is None:
    st.info(t("no_targets"))
    st.stop()


def select_clicked() -> None:
    clicked = (st.session_state.get("ban_do") or {}).get("last_active_drawing") or {}
    code = (clicked.get("properties") or {}).get("code")
    if not code:
        return
    if national:
        st.session_state.update(tinh=code, huyen=None, xa=None, toan_quoc=False)
        return
    row = areas[(areas.code == code) & (areas.level == "commune")]
    if not row.empty:
        if isinstance(row.district_code.iloc[0], str):
            st.session_state["huyen"] = row.district_code.iloc[0]
        st.session_state["xa"] = code


map_column, legend_column = st.columns([4, 1])
with map_column:
    if shown.collection["features"]:
        st_folium(maps.folium_map(shown.collection, list(shown.tooltip)), key="ban_do", height=640,
                  use_container_width=True, returned_objects=["last_active_drawing"], on_change=select_clicked)
    else:
        st.info(t("no_shapes"))
with legend_column:
    st.html(maps.legend_html(shown.edges, shown.palette, shown.label, shown.title))
    st.caption(t(f"breaks_{'fixed' if shown.kind == 'status' else method}_note"))

missing_shape = units[units.geometry.isna() & units.poor.notna()]
no_data = units[units.geometry.notna() & units.poor.isna()]
st.caption(t("map_join", units=fmt.count(len(shown.collection["features"])), missing=fmt.count(len(missing_shape)),
             nodata=fmt.count(len(no_data)))
           + (" " + ", ".join(missing_shape.name.astype(str)) if len(missing_shape) else ""))
derived = any(s.startswith("derived") for s in units.geometry_source.dropna())
st.caption(t("source_attribution") + (" " + t("derived_shapes") if derived else ""))

if shown.collection["features"] and st.button(t("make_png"), icon=":material/image:"):
    labels = [shown.label(shown.edges[i], shown.edges[i + 1], i) for i in range(len(shown.edges) - 1)]
    figure = choropleth.plotly_map(shown.collection, shown.classes, shown.palette, labels, f"{shown.title} · {filters.year}",
                             lang())
    st.download_button(t("download_png"), figure.to_image(format="png", scale=1),
                       file_name=f"ban_do_{metric}_{area}_{filters.year}.png", mime="image/png")

if filters.code_list == "qd19_2025" and not national:
    st.subheader(t("across_reform_title"))
    trend = query("trend", area=filters.area, year=filters.year)
    plot(charts.trend_lines, trend, lang())
    st.caption(t("across_reform_note", n=fmt.count(trend.unallocated_poor.max())))
