"""Plotly figure builders: a DataFrame in, a figure out, in the given language.

Pure functions, so the same figure is shown on a page, tested, and exported to PNG or PowerPoint.
"""

from __future__ import annotations

import plotly.graph_objects as go

from giamngheo import fmt, i18n

from components import theme


def _layout(fig: go.Figure, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        height=height,
        font=dict(family=theme.FONT_FAMILY, size=theme.FONT_SIZE, color=theme.INK),
        separators=",." if lang == "vi" else ".,",
        margin=dict(l=10, r=30, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    return fig


def deprivation_bars(frame, lang: str = "vi") -> go.Figure:
    """Share of poor households deprived in each indicator, one colour per dimension, in standard order."""
    frame = frame.sort_values("position")
    unit = "hộ" if lang == "vi" else "households"
    fig = go.Figure()
    for dimension, rows in frame.groupby("dimension", sort=False):
        fig.add_bar(
            y=rows[f"label_{lang}"],
            x=rows.share_pct,
            orientation="h",
            name=rows[f"dimension_{lang}"].iloc[0],
            marker_color=theme.DIMENSION_COLOURS.get(dimension, theme.OKABE_ITO[-1]),
            text=[f"{fmt.pct(s, 1, lang)} · {fmt.count(d, lang)} {unit}" for s, d in zip(rows.share_pct, rows.deprived)],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    # Plotly draws the first category at the bottom: reverse so the standard's first indicator is on top.
    fig.update_yaxes(
        categoryorder="array", categoryarray=list(frame[f"label_{lang}"])[::-1],
        tickfont=dict(size=theme.FONT_SIZE, color=theme.INK),
    )
    top = max(frame.share_pct.max() if len(frame) else 0, 10)
    fig.update_xaxes(title=i18n.text("share_of_poor_axis", lang), range=[0, top * 1.35], ticksuffix="%")
    return _layout(fig, lang, height=110 + 46 * len(frame))
