"""Commune choropleths: folium through streamlit-folium, offline, and a static Plotly twin for export.

Offline by construction: the map's script and style sheet are Leaflet 1.9.4 served by the app itself
(static/leaflet, BSD-2-Clause), no tile layer (a plain background), and no branca colour map (which makes
streamlit-folium fetch d3 from a CDN): the legend is drawn outside the map.
"""

from __future__ import annotations

import json

import folium
import pandas as pd
import plotly.graph_objects as go

from giamngheo import fmt

from components import theme

# Relative to the streamlit-folium iframe (<base>/component/streamlit_folium.st_folium/index.html), so it
# also works behind a reverse proxy that serves the dashboard under a path prefix.
STATIC = "../../app/static/leaflet"
SEQUENTIAL = ["#FFFFD4", "#FED98E", "#FE9929", "#D95F0E", "#993404", "#662506"]  # ColorBrewer YlOrBr
DIVERGING = ["#2166AC", "#67A9CF", "#D1E5F0", "#FDDBC7", "#EF8A62", "#B2182B"]  # RdBu, falls in blue
STATUS = ["#D55E00", "#E69F00", "#009E73"]  # red, amber, green (Okabe-Ito)
NO_DATA = "#DDDDDD"


def colours(n_classes: int, kind: str) -> list[str]:
    if kind == "status":
        return STATUS[:n_classes]
    palette = DIVERGING if kind == "diverging" else SEQUENTIAL
    if n_classes >= len(palette):
        return palette
    step = (len(palette) - 1) / max(1, n_classes - 1)
    return [palette[round(i * step)] for i in range(n_classes)]


def feature_collection(frame: pd.DataFrame, classes: list, palette: list[str], tooltip: dict[str, pd.Series]) -> dict:
    """GeoJSON of the units that have a shape, each with its fill colour and tooltip texts as properties."""
    features = []
    for (index, row), cls in zip(frame.iterrows(), classes):
        if row.geometry is None or pd.isna(row.geometry):
            continue
        features.append({
            "type": "Feature",
            "geometry": json.loads(row.geometry),
            "properties": {"code": row.code, "name": row["name"], "fill": NO_DATA if cls is None else palette[cls],
                           **{label: values.loc[index] for label, values in tooltip.items()}},
        })
    return {"type": "FeatureCollection", "features": features}


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


def _rings(geometry: dict):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        yield polygon[0]  # the outer ring; holes are too small to matter at this scale


def plotly_map(collection: dict, classes: list, palette: list[str], labels: list[str], title: str,
               lang: str = "vi") -> go.Figure:
    """The same map as a static Plotly figure (PNG, PowerPoint): same shapes, classes and colours.

    Drawn as filled polygons on plain axes (equirectangular, aspect corrected for latitude): Plotly's geo
    layer would fetch a world topojson from a CDN even with its base map hidden.
    """
    import math

    fig = go.Figure()
    shown: set[str] = set()
    latitudes = []
    for feature in collection["features"]:
        fill = feature["properties"]["fill"]
        name = labels[palette.index(fill)] if fill in palette else "–"
        for ring in _rings(feature["geometry"]):
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            latitudes += ys
            fig.add_scatter(x=xs, y=ys, fill="toself", fillcolor=fill, mode="lines",
                            line=dict(color="#333333", width=0.8), name=name, legendgroup=name,
                            showlegend=name not in shown, hoverinfo="text", text=feature["properties"]["name"])
            shown.add(name)
    ratio = 1 / math.cos(math.radians(sum(latitudes) / len(latitudes))) if latitudes else 1
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=ratio)
    fig.update_layout(
        title=dict(text=title, x=0.01), template="plotly_white", height=760, width=1200,
        font=dict(family=theme.FONT_FAMILY, size=theme.FONT_SIZE, color=theme.INK),
        separators=",." if lang == "vi" else ".,", margin=dict(l=10, r=10, t=60, b=10),
        legend=dict(x=1.0, xanchor="right", y=0.02, yanchor="bottom", bgcolor="rgba(255,255,255,0.85)",
                    traceorder="normal"),
    )
    return fig


def band_label(edges: list[float], decimals: int, suffix: str, lang: str):
    """'1% – 2%'; the first band of fixed bands reads 'dưới 1%' and the last 'từ 10% trở lên' when open."""
    whole = all(float(e).is_integer() for e in edges)
    d = 0 if whole else decimals
    n = lambda x: fmt.number(x, d, lang) + suffix  # noqa: E731

    def label(low, high, i):
        if whole and i == len(edges) - 2 and len(edges) > 2 and high >= 100:
            return f"từ {n(low)} trở lên" if lang == "vi" else f"{n(low)} or more"
        if whole and i == 0 and low <= -100:
            return f"dưới {n(high)}" if lang == "vi" else f"below {n(high)}"
        return f"{n(low)} – {n(high)}"
    return label
