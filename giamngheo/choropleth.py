"""Commune choropleths without a user interface: classes, colours and legends' words, the units as GeoJSON with
their fill, and the static Plotly twin of the map for the exports (PNG, PowerPoint). The dashboard draws the same
collection with folium (components/maps.py)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go

from giamngheo import fmt, i18n, theme

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

    traces = []
    shown: set[str] = set()
    latitudes = []
    for feature in collection["features"]:
        fill = feature["properties"]["fill"]
        name = labels[palette.index(fill)] if fill in palette else "–"
        for ring in _rings(feature["geometry"]):
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            latitudes += ys
            traces.append(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=fill, mode="lines",
                                     line=dict(color="#333333", width=0.8), name=name, legendgroup=name,
                                     showlegend=name not in shown, hoverinfo="text",
                                     text=feature["properties"]["name"]))
            shown.add(name)
    ratio = 1 / math.cos(math.radians(sum(latitudes) / len(latitudes))) if latitudes else 1
    return theme.figure(data=traces, layout=dict(
        xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x", scaleratio=ratio),
        title=dict(text=title, x=0.01), height=760, width=1200,
        font=dict(family=theme.FONT_FAMILY, size=theme.FONT_SIZE, color=theme.INK),
        separators=fmt.separators(lang), margin=dict(l=10, r=10, t=60, b=10),
        legend=dict(x=1.0, xanchor="right", y=0.02, yanchor="bottom", bgcolor="rgba(255,255,255,0.85)",
                    traceorder="normal"),
    ))


def band_label(edges: list[float], decimals: int, suffix: str, lang: str):
    """'1% – 2%'; the first band of fixed bands reads 'dưới 1%' and the last 'từ 10% trở lên' when open."""
    whole = all(float(e).is_integer() for e in edges)
    d = 0 if whole else decimals
    n = lambda x: fmt.number(x, d, lang) + suffix  # noqa: E731

    def label(low, high, i):
        if whole and i == len(edges) - 2 and len(edges) > 2 and high >= 100:
            return i18n.text("band_open_top", lang, low=n(low))
        if whole and i == 0 and low <= -100:
            return i18n.text("band_open_bottom", lang, high=n(high))
        return f"{n(low)} – {n(high)}"
    return label
