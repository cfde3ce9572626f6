"""Commune choropleths on the dashboard: folium through streamlit-folium, offline. The classes, colours, GeoJSON
and the static Plotly twin for export are in giamngheo/choropleth.py.

Offline by construction: the map's script and style sheet are Leaflet 1.9.4 served by the app itself
(static/leaflet, BSD-2-Clause), no tile layer (a plain background), and no branca colour map (which makes
streamlit-folium fetch d3 from a CDN): the legend is drawn outside the map.
"""

from __future__ import annotations

import folium

from giamngheo.choropleth import NO_DATA

# Relative to the streamlit-folium iframe (<base>/component/streamlit_folium.st_folium/index.html), so it
# also works behind a reverse proxy that serves the dashboard under a path prefix.
STATIC = "../../app/static/leaflet"


def folium_map(collection: dict, tooltip_fields: list[str]) -> folium.Map:
    m = folium.Map(tiles=None, zoom_control=True, control_scale=False, attribution_control=False)
    m.default_js = [("leaflet", f"{STATIC}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{STATIC}/leaflet.css")]
    layer = folium.GeoJson(
        collection,
        name="communes",
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#333333", "weight": 1,
                                  "fillOpacity": 0.85},
        highlight_function=lambda f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["name", *tooltip_fields], aliases=["", *tooltip_fields],
                                      sticky=True, style="font-size: 16px;"),
    )
    layer.add_to(m)
    if collection["features"]:
        m.fit_bounds(layer.get_bounds())
    return m


def legend_html(edges: list[float], palette: list[str], label, title: str) -> str:
    """The legend, in the interface's number format, as plain HTML (no script, no remote asset)."""
    rows = []
    for i, colour in enumerate(palette[: max(0, len(edges) - 1)]):
        rows.append(f'<div style="display:flex;align-items:center;gap:8px;margin:3px 0">'
                    f'<span style="display:inline-block;width:28px;height:18px;background:{colour};'
                    f'border:1px solid #555"></span><span>{label(edges[i], edges[i + 1], i)}</span></div>')
    rows.append(f'<div style="display:flex;align-items:center;gap:8px;margin:3px 0"><span style="display:inline-block;'
                f'width:28px;height:18px;background:{NO_DATA};border:1px solid #555"></span><span>–</span></div>')
    return f'<div style="font-size:17px"><b>{title}</b>{"".join(rows)}</div>'
