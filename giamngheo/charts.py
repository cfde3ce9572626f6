"""Plotly figure builders: a DataFrame in, a figure out, in the given language.

Pure functions, so the same figure is shown on a page, tested, and exported to PNG or PowerPoint. Each builder
collects its traces and its layout, and the figure is made once with both (`_figure`): Plotly checks every
property once there, where each later `update_layout`, `update_xaxes`, `add_trace` or `add_vline` would walk the
figure again and replay the change through its update machinery (a figure built step by step cost 13 ms; made
at once, 3 ms: bench/README.md).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from giamngheo import comparison, fmt, i18n, theme


def _figure(traces: list, lang: str, height: int, **layout) -> go.Figure:
    """The figure of `traces` with the charts' common layout (font, margins, the language's separators, the
    legend above) and the chart's own `layout`, keyed as update_layout's (`xaxis`, `yaxis`, `shapes`,
    `annotations` and so on); an axis or legend setting of the chart's goes over the common one."""
    common = dict(
        height=height,
        font=dict(family=theme.FONT_FAMILY, size=theme.FONT_SIZE, color=theme.INK),
        separators=fmt.separators(lang),
        margin=dict(l=10, r=30, t=30, b=10),
        yaxis=dict(automargin=True, tickfont=dict(size=theme.FONT_SIZE - 1, color=theme.INK)),
        xaxis=dict(automargin=True, tickfont=dict(size=theme.FONT_SIZE - 3, color=theme.INK)),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
    for key, value in layout.items():
        common[key] = {**common[key], **value} if isinstance(common.get(key), dict) else value
    return theme.figure(data=traces, layout=common)


def deprivation_bars(frame, lang: str = "vi") -> go.Figure:
    """Share of poor households deprived in each indicator, one colour per dimension, in standard order."""
    frame = frame.sort_values("position")
    unit = i18n.text("households_unit", lang)
    traces = [
        go.Bar(
            y=rows[f"label_{lang}"],
            x=rows.share_pct,
            orientation="h",
            name=rows[f"dimension_{lang}"].iloc[0],
            marker_color=theme.DIMENSION_COLOURS.get(dimension, theme.OKABE_ITO[-1]),
            text=[f"{fmt.pct(s, 1, lang)} · {fmt.count(d, lang)} {unit}"
                  for s, d in zip(rows.share_pct, rows.deprived)],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
        for dimension, rows in frame.groupby("dimension", sort=False)
    ]
    top = max(frame.share_pct.max() if len(frame) else 0, 10)
    # Plotly draws the first category at the bottom: reverse so the standard's first indicator is on top.
    return _figure(traces, lang, height=110 + 46 * len(frame),
                   yaxis=dict(categoryorder="array", categoryarray=list(frame[f"label_{lang}"])[::-1]),
                   xaxis=dict(title=i18n.text("share_of_poor_axis", lang), range=[0, top * 1.35], ticksuffix="%"))


def _standard_breaks(frame, lang: str) -> tuple[list[dict], list[dict]]:
    """Where the poverty standard changes: a dashed line, the new standard named on its right and, at the first
    break, the old one on its left (the first review under a standard is a new baseline, not a change in
    poverty). Each standard is named once: between two breaks its name would otherwise stand twice, side by
    side, overlapping in a half-width chart. The lines (shapes) and the names (annotations)."""
    shapes, annotations = [], []
    previous, first = None, True
    for year, standard in zip(frame.review_year, frame.standard):
        if previous is not None and standard != previous:
            shapes.append(_vline(year - 0.5, "dash", theme.INK, 0.6))
            sides = [("right", previous), ("left", standard)] if first else [("left", standard)]
            first = False
            for side, name in sides:
                annotations.append(dict(x=year - 0.5, y=1, yref="paper", xanchor=side, yanchor="top", showarrow=False,
                                        text=f" {i18n.text('standard_label', lang, standard=name)} ",
                                        font=dict(size=theme.FONT_SIZE - 3, color=theme.INK)))
        previous = standard
    return shapes, annotations


def _vline(x: float, dash: str, colour: str, opacity: float) -> dict:
    """A vertical line across the plot at `x`, as Plotly's add_vline draws it."""
    return dict(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", line=dict(color=colour, dash=dash),
                opacity=opacity)


def _reform_mark(frame, lang: str) -> tuple[list[dict], list[dict]]:
    """Where a trend crosses the 2025 reform: between the reviews counted on their own units and those placed
    on the other list's (earlier reviews on the new units, or a later one on a former district)."""
    shapes, annotations = [], []
    if "placed" not in frame or frame.placed.nunique() < 2:
        return shapes, annotations
    placed = frame.placed.astype(bool).tolist()
    years = frame.review_year.tolist()
    for i in range(1, len(years)):
        if placed[i] != placed[i - 1]:
            x = (years[i] + years[i - 1]) / 2
            shapes.append(_vline(x, "dot", theme.OKABE_ITO[4], 0.9))
            # Under the standards' names, clear of the rates near zero.
            annotations.append(dict(x=x, y=0.93, yref="paper", xanchor="right", yanchor="top", showarrow=False,
                                    text=f"{i18n.text('reform_label', lang)} ", bgcolor="rgba(255,255,255,0.8)",
                                    font=dict(size=theme.FONT_SIZE - 3, color=theme.OKABE_ITO[4])))
    return shapes, annotations


def trend_lines(frame, lang: str = "vi") -> go.Figure:
    """Poverty and near-poverty rates over the reviews: one line per standard (the line breaks where the standard
    changes, both standards named), and the 2025 reform marked where earlier reviews are placed on new units."""
    traces = []
    segments = (frame.standard != frame.standard.shift()).cumsum() if len(frame) else frame.review_year
    # A review not yet approved in every commune is provisional: an open marker and "*" (comparison.trend_note).
    provisional = comparison.provisional(frame)
    for column, key, colour in (("poor_rate_pct", "poor_rate", theme.POOR),
                                ("near_poor_rate_pct", "near_poor_rate", theme.NEAR_POOR)):
        for i, (_, rows) in enumerate(frame.groupby(segments, sort=True)):
            open_marker = provisional[rows.index]
            traces.append(go.Scatter(
                x=rows.review_year, y=rows[column], name=i18n.text(key, lang), mode="lines+markers+text",
                legendgroup=key, showlegend=i == 0, line=dict(color=colour, width=4),
                marker=dict(size=10, symbol=["circle-open" if o else "circle" for o in open_marker],
                            line=dict(width=3, color=colour)),
                text=[fmt.pct(v, 2, lang) + ("*" if o else "") for v, o in zip(rows[column], open_marker)],
                textposition="top center",
                hovertemplate="%{x}: %{text}<extra>" + i18n.text("standard_label", lang, standard=rows.standard.iloc[0])
                              + "</extra>",
            ))
    (lines, names), (reform, reform_name) = _standard_breaks(frame, lang), _reform_mark(frame, lang)
    top = max(frame.poor_rate_pct.max(), frame.near_poor_rate_pct.max()) if len(frame) else 1
    return _figure(traces, lang, height=420, shapes=lines + reform, annotations=names + reform_name,
                   yaxis=dict(range=[0, (top if top == top and top else 1) * 1.3], ticksuffix="%", rangemode="tozero"),
                   xaxis=dict(dtick=1))


def commune_ranking(frame, lang: str = "vi") -> go.Figure:
    """Communes ranked by poverty rate, highest on top."""
    frame = frame.sort_values("poor_rate_pct")
    bars = go.Bar(
        y=frame.commune_name, x=frame.poor_rate_pct, orientation="h", marker_color=theme.POOR,
        text=[f"{fmt.pct(r, 2, lang)} · {fmt.count(n, lang)}" for r, n in zip(frame.poor_rate_pct, frame.poor)],
        textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>",
    )
    return _figure([bars], lang, height=max(300, 80 + 28 * len(frame)),
                   xaxis=dict(title=i18n.text("poor_rate", lang), ticksuffix="%",
                              range=[0, (frame.poor_rate_pct.max() if len(frame) else 1) * 1.3]))


def deprivation_heatmap(frame, lang: str = "vi") -> go.Figure:
    """Communes x indicators: share of each commune's households of the class deprived in each indicator."""
    labels = frame.drop_duplicates("indicator").sort_values("position")[f"label_{lang}"].tolist()
    table = frame.pivot_table(index="commune_name", columns=f"label_{lang}", values="share_pct")[labels]
    heat = go.Heatmap(
        z=table.to_numpy(), x=labels, y=table.index.tolist(), colorscale="Cividis", reversescale=True,
        zmin=0, zmax=100, colorbar=dict(ticksuffix="%"),
        text=[[fmt.pct(v, 0, lang) for v in row] for row in table.to_numpy()], texttemplate="%{text}",
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
    )
    return _figure([heat], lang, height=max(360, 200 + 26 * len(table)), xaxis=dict(tickangle=-35, side="top"),
                   yaxis=dict(autorange="reversed"))


def contributions(frame, lang: str = "vi") -> go.Figure:
    """Each indicator's percentage contribution to M0, coloured by dimension."""
    frame = frame.sort_values("position")
    traces = [
        go.Bar(
            x=rows[f"label_{lang}"], y=rows.contribution_pct, name=rows[f"dimension_{lang}"].iloc[0],
            marker_color=theme.DIMENSION_COLOURS.get(dimension, theme.OKABE_ITO[-1]),
            text=[fmt.pct(v, 1, lang) for v in rows.contribution_pct], textposition="outside", cliponaxis=False,
        )
        for dimension, rows in frame.groupby("dimension", sort=False)
    ]
    return _figure(traces, lang, height=480,
                   xaxis=dict(categoryorder="array", categoryarray=frame[f"label_{lang}"].tolist(), tickangle=-30),
                   yaxis=dict(ticksuffix="%", range=[0, (frame.contribution_pct.max() or 1) * 1.25]))


def waterfall(row, lang: str = "vi", classification: str = "ngheo") -> go.Figure:
    """Poor households (near-poor: form R3) from the start of the period to its end, flow by flow (form R2).
    Against a review under another standard the columns are a reclassification, and are labelled so."""
    flows = comparison.flows(classification)
    hidden = [row[key] is None or pd.isna(row[key]) for key, _ in flows]  # small counts protected (disclosure)
    values = [0 if gone else (sign or 1) * int(row[key]) for (key, sign), gone in zip(flows, hidden)]
    # The end is the area's own figure where a flow is hidden: a running total over a hole would be wrong.
    measures = ["absolute"] + ["relative"] * (len(values) - 2) + ["absolute" if any(hidden) else "total"]
    flow = go.Waterfall(
        x=[comparison.flow_label(key, row.get("comparable"), lang, classification) for key, _ in flows], y=values,
        measure=measures, text=["–" if gone else fmt.count(v, lang) for v, gone in zip(values, hidden)],
        textposition="outside",
        decreasing=dict(marker_color=theme.OKABE_ITO[2]),
        increasing=dict(marker_color=theme.POOR if classification == "ngheo" else theme.NEAR_POOR),
        totals=dict(marker_color=theme.INK), connector=dict(line=dict(color="#999")),
    )
    return _figure([flow], lang, height=460, yaxis=dict(rangemode="tozero", tickformat=",d"))


def group_bars(frame, lang: str = "vi") -> go.Figure:
    """Poor and near-poor households in each household group."""
    frame = frame.sort_values("position", ascending=False)
    traces = [
        go.Bar(y=frame[f"label_{lang}"], x=frame[column], orientation="h", name=i18n.text(key, lang),
               marker_color=colour, text=[fmt.count(v, lang) for v in frame[column]], textposition="outside",
               cliponaxis=False)
        for column, key, colour in (("near_poor", "near_poor_households", theme.NEAR_POOR),
                                    ("poor", "poor_households", theme.POOR))
    ]
    # household counts: 1.200 in Vietnamese, 1,200 in English
    return _figure(traces, lang, height=120 + 70 * len(frame), barmode="group", xaxis=dict(tickformat=",d"))


def share_bars(frame, label: str, lang: str = "vi", colour: str = theme.POOR) -> go.Figure:
    """Horizontal bars of `share_pct` with counts, in catalogue order (causes of poverty and the like)."""
    frame = frame.sort_values("position", ascending=False)
    unit = i18n.text("households_unit", lang)
    bars = go.Bar(
        y=frame[f"{label}_{lang}"], x=frame.share_pct, orientation="h", marker_color=colour,
        text=[f"{fmt.pct(s, 1, lang)} · {fmt.count(n, lang)} {unit}"
              for s, n in zip(frame.share_pct, frame.mentioned)],
        textposition="outside", cliponaxis=False,
    )
    top = max(frame.share_pct.max() if len(frame) else 0, 10)
    return _figure([bars], lang, height=110 + 46 * len(frame), xaxis=dict(ticksuffix="%", range=[0, top * 1.4]))


def deprivation_trend(frame, lang: str = "vi") -> go.Figure:
    """Share of poor households deprived in each indicator over the reviews; lines break with the standard."""
    traces = [
        go.Scatter(
            x=rows.review_year, y=rows.share_pct, mode="lines+markers", name=rows[f"label_{lang}"].iloc[0],
            legendgroup=indicator, showlegend=standard == frame[frame.indicator == indicator].standard.iloc[-1],
            line=dict(color=theme.DIMENSION_COLOURS.get(rows.dimension.iloc[0], theme.INK), width=3),
            hovertemplate="%{x}: %{y:.1f}%<extra>" + rows[f"label_{lang}"].iloc[0] + "</extra>",
        )
        for (indicator, standard), rows in frame.groupby(["indicator", "standard"], sort=False)
    ]
    lines, names = _standard_breaks(frame.drop_duplicates("review_year"), lang)
    return _figure(traces, lang, height=520, shapes=lines, annotations=names,
                   yaxis=dict(ticksuffix="%", rangemode="tozero"), xaxis=dict(dtick=1),
                   legend=dict(orientation="v", x=1.02, y=1, yanchor="top"))
