"""Bản đồ: commune choropleth of a metric for the selected area and year, offline; click a commune to
make it the selected area everywhere; a static copy for export; the trend across the 2025 reform."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from giamngheo import breaks, catalogue

from components import access, charts, fmt, maps
from components.data import query, scorecard
from components.i18n import lang, t
from components.maps import band_label

filters = st.session_state["filters"]
# A selected commune is shown within its district (or its province after 2025), outlined.
areas = query("areas", year=filters.year)
parent = filters.area
if filters.level == "commune":
    unit = areas[areas.code == filters.area].iloc[0]
    parent = unit.district_code if isinstance(unit.district_code, str) else unit.province_code
    if not access.may_see_area(parent, filters.code_list):  # an officer of one commune sees that commune
        parent = filters.area

national = st.session_state.get("toan_quoc", False) and access.may_see_area("VN", filters.code_list)
place = t("whole_country") if national else dict(zip(areas.code, areas.name)).get(parent, "")
st.title(f"{t('page_map')} · {place} · {filters.year}")
left, middle, right = st.columns([2, 2, 1])
whole_country = access.may_see_area("VN", filters.code_list)
national = right.toggle(t("national_view"), key="toan_quoc", disabled=not whole_country) and whole_country
area = "VN" if national else parent
metrics = {"poor_rate_pct": t("poor_rate"), "near_poor_rate_pct": t("near_poor_rate")}
if not national:
    metrics |= {"poor_change_pp": t("col_change"), "deprivation_share_pct": t("deprivation_share"),
                "attainment": t("attainment")}
metric = left.selectbox(t("map_metric"), list(metrics), format_func=metrics.get, key="ban_do_chi_so")
method = middle.segmented_control(t("class_breaks"), list(breaks.METHODS), default="fixed",
                                  format_func=lambda m: t(f"breaks_{m}"), key="ban_do_phan_lop") or "fixed"

units = query("map_units", area=area, year=filters.year)
values, kind, decimals, suffix, title = None, "sequential", 2, "%", metrics[metric]
if metric in ("poor_rate_pct", "near_poor_rate_pct"):
    values = units[metric]
elif metric == "poor_change_pp":
    change = query("communes", area=area, year=filters.year).set_index("commune_code").poor_change_pp
    values, kind, suffix = units.code.map(change), "diverging", (" điểm %" if lang() == "vi" else " pp")
elif metric == "deprivation_share_pct":
    shares = query("deprivation_by_commune", area=area, year=filters.year, classification=filters.classification)
    labels = shares.drop_duplicates("indicator").set_index("indicator")[f"label_{lang()}"]
    indicator = st.selectbox(t("indicator"), labels.index.tolist(), format_func=labels.get, key="ban_do_chi_so_th")
    values, decimals = units.code.map(shares[shares.indicator == indicator].set_index("commune_code").share_pct), 1
    title = f"{labels[indicator]} ({t('share_of_class')})"
else:
    card = scorecard(area, filters.year)
    card = card[card.level == "commune"]
    names = card.drop_duplicates("metric").set_index("metric")[f"label_{lang()}"]
    if names.empty:
        st.info(t("no_targets"))
        st.stop()
    chosen = st.selectbox(t("metric"), names.index.tolist(), format_func=names.get, key="ban_do_chi_tieu")
    status = card[card.metric == chosen].set_index("area_code").status
    values, kind = units.code.map(status.map({"red": 0.5, "amber": 1.5, "green": 2.5})), "status"
    title = names[chosen]

band_metric = "attainment" if kind == "status" else ("deprivation_share_pct" if metric == "deprivation_share_pct" else metric)
edges = breaks.edges_for("fixed" if kind == "status" else method, values.tolist(), band_metric)
classes = breaks.classify(values.tolist(), edges)
palette = maps.colours(max(1, len(edges) - 1), kind)
if kind == "status":
    words = [t("status_red"), t("status_amber"), t("status_green")]
    label = lambda low, high, i: words[i]  # noqa: E731
else:
    label = band_label(edges, decimals, suffix, lang())
tooltip = {
    t("col_poor"): units.poor.map(lambda v: fmt.households(v) if pd.notna(v) else "–"),
    t("col_poor_rate"): units.poor_rate_pct.map(fmt.pct),
    t("col_near_poor_rate"): units.near_poor_rate_pct.map(fmt.pct),
    title: [("–" if pd.isna(v) else label(v, v, c).split(" – ")[0] if kind != "status" else label(0, 0, c))
            if c is not None else "–" for v, c in zip(values, classes)],
}
tooltip = {k: pd.Series(list(v), index=units.index) for k, v in tooltip.items()}
collection = maps.feature_collection(units, classes, palette, tooltip)

map_column, legend_column = st.columns([4, 1])
with map_column:
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

    if collection["features"]:
        st_folium(maps.folium_map(collection, list(tooltip)), key="ban_do", height=640, use_container_width=True,
                  returned_objects=["last_active_drawing"], on_change=select_clicked)
    else:
        st.info(t("no_shapes"))
with legend_column:
    st.html(maps.legend_html(edges, palette, label, title))
    st.caption(t(f"breaks_{'fixed' if kind == 'status' else method}_note"))

missing_shape = units[units.geometry.isna() & units.poor.notna()]
no_data = units[units.geometry.notna() & units.poor.isna()]
st.caption(t("map_join", units=len(collection["features"]), missing=len(missing_shape), nodata=len(no_data))
           + (" " + ", ".join(missing_shape.name.astype(str)) if len(missing_shape) else ""))
sources = set(units.geometry_source.dropna())
st.caption(t("source_attribution") + (" " + t("derived_shapes") if any(s.startswith("derived") for s in sources) else ""))

if collection["features"] and st.button(t("make_png"), icon=":material/image:"):
    labels = [label(edges[i], edges[i + 1], i) for i in range(len(edges) - 1)]
    figure = maps.plotly_map(collection, classes, palette, labels, f"{title} · {filters.year}", lang())
    st.download_button(t("download_png"), figure.to_image(format="png", scale=1),
                       file_name=f"ban_do_{metric}_{area}_{filters.year}.png", mime="image/png")

if filters.code_list == "qd19_2025" and not national:
    st.subheader(t("across_reform_title"))
    trend = query("trend_successor", area=filters.area)
    st.plotly_chart(charts.trend_lines(trend, lang()), config={"displaylogo": False})
    uncertain = trend[trend.code_list == "gso_2024"].uncertain_pct.max()
    st.caption(t("across_reform_note", pct=fmt.pct(uncertain, 1)))
