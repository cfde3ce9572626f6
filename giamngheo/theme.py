"""Colours and type shared by charts, maps and exports: colour-blind-safe (Okabe-Ito), large enough
to read from the back of a meeting room."""

import functools

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

POOR = "#D55E00"
NEAR_POOR = "#0072B2"
INK = "#1f2933"
# "Source Sans" is the font Streamlit serves itself (offline); exports fall back to DejaVu Sans.
FONT_FAMILY = "Source Sans, DejaVu Sans, sans-serif"
FONT_SIZE = 18

DIMENSION_COLOURS = {
    "viec_lam": OKABE_ITO[1],
    "y_te": OKABE_ITO[5],
    "giao_duc": OKABE_ITO[2],
    "nha_o": OKABE_ITO[3],
    "nuoc_ve_sinh": OKABE_ITO[4],
    "nuoc_ve_sinh_moi_truong": OKABE_ITO[4],
    "thong_tin": OKABE_ITO[0],
}


@functools.cache
def _use_template() -> None:
    """The charts' Plotly template: plotly_white kept to what the charts draw (bars, lines, waterfalls and heatmaps
    on x and y axes). Plotly checks and copies a figure's whole template; plotly_white's styles for 24 kinds of
    trace and for polar, ternary, 3D and geographic axes cost 8 ms a figure more (bench/README.md, "A lighter
    chart template"). Registered once, on first use, as Plotly's default template (see `figure`)."""
    import plotly.graph_objects as go
    import plotly.io as pio

    white = pio.templates["plotly_white"]
    layout = {k: v for k, v in white.layout.to_plotly_json().items() if k not in ("polar", "ternary", "scene", "geo")}
    data = {k: v for k, v in white.data.to_plotly_json().items() if k in ("bar", "scatter", "heatmap", "waterfall")}
    pio.templates["giamngheo"] = go.layout.Template(layout=layout, data=data)
    pio.templates.default = "giamngheo"


def figure(*args, **kwargs):
    """A new Plotly figure (go.Figure(*args, **kwargs)) on the charts' template. Plotly gives a new figure the
    default template as it is, trusted; set on a figure afterwards (update_layout(template=...)) it is checked and
    copied again: 5 ms a figure against 0,4 ms, the same JSON."""
    import plotly.graph_objects as go

    _use_template()
    return go.Figure(*args, **kwargs)
