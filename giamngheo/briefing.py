"""The briefing: the key views of an area and year as slides, for presentation mode and the PowerPoint deck.

One definition of the deck: each slide has a title, a Plotly figure, its key figures as text, and speaker
notes. Presentation mode shows them in the browser; `pptx` writes them with python-pptx, each chart a PNG
exported by kaleido through Debian's Chromium.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import plotly.graph_objects as go

from giamngheo import (breaks, charts, choropleth, comparison, disclosure, fmt, i18n, narrative, queries, scorecard,
                       theme, workbooks)


@dataclass
class Slide:
    key: str
    title: str
    figure: go.Figure | None
    figures: list[tuple[str, str]] = field(default_factory=list)  # (label, value) in large type
    notes: str = ""


@dataclass
class Briefing:
    area_code: str
    area_name: str
    year: int
    synthetic: bool
    source: str
    paragraph: str
    slides: list[Slide]
    standing: str | None = None  # "Chính thức" or "Sơ bộ: n/N xã đã phê duyệt" (giamngheo.review)


def build(con: duckdb.DuckDBPyConnection, area: str, year: int, lang: str = "vi", protect: bool = False) -> Briefing:
    """The slides; with `protect`, small counts hidden as the account that asks sees them (giamngheo.disclosure)."""
    def run(name: str, **params):
        return disclosure.run(con, name, protect, **params)

    t = lambda key, **v: i18n.text(key, lang, **v)  # noqa: E731
    n = lambda x: fmt.count(x, lang)  # noqa: E731
    p = lambda x, d=2: fmt.pct(x, d, lang)  # noqa: E731
    summary = run("summary", area=area, year=year).iloc[0]
    groups = run("groups", area=area, year=year)
    deprivation = run("deprivation", area=area, year=year)
    paragraph = narrative.paragraph(summary, groups, deprivation, lang)
    unit = t("households_unit")
    since = comparison.since(summary, lang)
    if comparison.is_baseline(summary):  # a new standard's first review: a new baseline, not a change
        since = t("baseline_short", standard=summary.standard)
    slides = [
        Slide(
            "headline", f"{summary.area_name} · {t('review_year')} {year}",
            charts.trend_lines(run("trend", area=area, year=year), lang),
            [
                (t("poor_rate"), p(summary.poor_rate_pct) + (f" ({fmt.pp(summary.poor_change_pp, 2, lang)} {since})"
                                                              if pd.notna(summary.poor_change_pp) else
                                                              f" ({since})" if comparison.is_baseline(summary) else "")),
                (t("poor_households"), f"{n(summary.poor)} {unit}"),
                (t("near_poor_rate"), p(summary.near_poor_rate_pct)),
                (t("near_poor_households"), f"{n(summary.near_poor)} {unit}"),
                (t("total_households"), f"{n(summary.total_households)} {unit}"),
                *([(t("communes_with_data"), f"{n(summary.communes_with_data)}/{n(summary.communes_total)}")]
                  if comparison.coverage(summary, lang) else []),
                *([(t("figures_status"), comparison.approval(summary, lang, short=True))]
                  if comparison.approval(summary, lang) else []),
            ],
            paragraph,
        )
    ]
    top = deprivation.sort_values("share_pct", ascending=False).head(4)
    slides.append(Slide(
        "deprivation", t("deprivation_title"), charts.deprivation_bars(deprivation, lang),
        [(r[f"label_{lang}"], f"{p(r.share_pct, 1)} · {n(r.deprived)} {unit}") for _, r in top.iterrows()],
        t("deprivation_caption", n=n(summary.poor), standard=queries.run(con, "years").set_index("review_year")
          .loc[year, "standard"]),
    ))
    g = groups.set_index("group")
    slides.append(Slide(
        "groups", t("groups_title"), charts.group_bars(groups, lang),
        [(r[f"label_{lang}"], f"{n(r.poor)} · {p(r.share_of_poor_pct)}") for _, r in groups.head(3).iterrows()],
        t("solutions_caption") if "khong_kha_nang_lao_dong" in g.index else "",
    ))
    flows = run("transitions", area=area, year=year).iloc[0]
    if pd.notna(flows.previous_year):  # forms R2 and R3 on one slide; against another standard, a reclassification
        near = comparison.named_flows(run("transitions", area=area, year=year, classification="can_ngheo"),
                                      "can_ngheo").iloc[0]
        label = lambda key, row=flows, cls="ngheo": comparison.flow_label(key, row.comparable, lang, cls)  # noqa: E731
        slides.append(Slide(
            "transitions", f"{summary.area_name} · {comparison.transitions_title(flows, year, lang)}",
            charts.waterfall(flows, lang),
            [*[(label(key), f"{n(flows[key])} {unit}") for key in ("escaped_to_near_poor", "escaped_above_near_poor",
                                                                    "other_decrease", "re_poor", "new_poor")],
             (comparison.transitions_title(near, year, lang, "can_ngheo"),
              f"{n(near.near_start)} → {n(near.near_end)} {unit}"),
             (label("to_poor", near, "can_ngheo"), f"{n(near.to_poor)} {unit}")],
            comparison.basis(summary, lang),
        ))
    units = run("map_units", area=area, year=year)
    if units.geometry.notna().any() and len(units) > 1:
        edges = breaks.edges_for("fixed", units.poor_rate_pct.tolist(), "poor_rate_pct")
        classes = breaks.classify(units.poor_rate_pct.tolist(), edges)
        palette = choropleth.colours(len(edges) - 1, "sequential")
        label = choropleth.band_label(edges, 2, "%", lang)
        collection = choropleth.feature_collection(units, classes, palette, {})
        worst = units.sort_values("poor_rate_pct", ascending=False).head(3)
        slides.append(Slide(
            "map", t("page_map") + " · " + t("poor_rate"),
            choropleth.plotly_map(collection, classes, palette, [label(edges[i], edges[i + 1], i)
                                                           for i in range(len(edges) - 1)], "", lang),
            [(r["name"], p(r.poor_rate_pct)) for _, r in worst.iterrows()],
            t("ranking_title"),
        ))
    card = scorecard.build(con, area, year)
    card = disclosure.protect_scorecard(card) if protect else card
    own = card[card.area_code == area] if len(card) else card
    if len(own):
        words = {**workbooks.STATUS_WORDS[lang], "none": "–"}
        slides.append(Slide(
            "targets", t("page_targets"), _scorecard_figure(card, lang),
            [(r[f"label_{lang}"], f"{workbooks.value_text(r.actual, r.unit, lang)} / "
              f"{workbooks.value_text(r.target, r.unit, lang)} · {words[r.status]}") for _, r in own.iterrows()],
            "; ".join(str(x) for x in own.note.dropna().unique()),
        ))
    meta = dict(con.execute("select key, value from metadata").fetchall())
    imports = run("provenance", area=area, year=year)
    source = ", ".join(sorted(set(imports.file_name))) or "–"
    return Briefing(area, summary.area_name, year, meta.get("synthetic") == "true", source, paragraph, slides,
                    comparison.approval(summary, lang, short=True))


def _scorecard_figure(card: pd.DataFrame, lang: str) -> go.Figure:
    """Share of each unit's targets met, amber and missed: the scorecard at a glance."""
    counts = card.groupby(["area_name", "status"]).size().unstack(fill_value=0)
    order = card.drop_duplicates("area_code").area_name.tolist()
    counts = counts.reindex(order[::-1]).fillna(0)
    bars = [go.Bar(y=counts.index, x=counts[status], orientation="h", name=i18n.text(key, lang),
                   marker_color=colour)
            for status, colour, key in (("green", theme.OKABE_ITO[2], "status_green"),
                                        ("amber", theme.OKABE_ITO[1], "status_amber"),
                                        ("red", theme.POOR, "status_red"))
            if status in counts]
    return theme.figure(data=bars, layout=dict(
        barmode="stack", height=max(400, 60 + 26 * len(counts)),
        font=dict(family=theme.FONT_FAMILY, size=theme.FONT_SIZE, color=theme.INK),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0), margin=dict(l=10, r=20, t=30, b=10),
        yaxis=dict(automargin=True)))


# -- PowerPoint ------------------------------------------------------------------------------------------

def pptx(briefing: Briefing, lang: str = "vi") -> bytes:
    """A 16:9 deck: a title slide, then one slide per view with its chart, key figures and speaker notes."""
    import kaleido
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    blank = deck.slide_layouts[6]
    ink = RGBColor(0x1F, 0x29, 0x33)

    def text(slide, left, top, width, height, lines, size, bold=False):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = line
            for run in paragraph.runs:
                run.font.size, run.font.bold, run.font.name = Pt(size), bold, "Arial"
                run.font.color.rgb = ink
        return box

    title = deck.slides.add_slide(blank)
    text(title, Inches(0.8), Inches(2.0), Inches(11.7), Inches(1.6),
         [i18n.text("briefing_title", lang), briefing.area_name], 40, bold=True)
    text(title, Inches(0.8), Inches(4.0), Inches(11.7), Inches(2.5), [
        f"{i18n.text('review_year', lang)} {briefing.year}" + (f" · {briefing.standing}" if briefing.standing else ""),
        f"{i18n.text('data_source', lang)}: {briefing.source}",
        i18n.text("synthetic_banner", lang) if briefing.synthetic else "",
    ], 20)
    title.notes_slide.notes_text_frame.text = briefing.paragraph

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kaleido.start_sync_server()
        try:
            images = [s.figure.to_image(format="png", width=1100, height=720, scale=2) if s.figure else None
                      for s in briefing.slides]
        finally:
            kaleido.stop_sync_server()
    for slide_spec, image in zip(briefing.slides, images):
        slide = deck.slides.add_slide(blank)
        text(slide, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.9), [slide_spec.title], 30, bold=True)
        if image:
            slide.shapes.add_picture(io.BytesIO(image), Inches(0.4), Inches(1.3), width=Inches(8.6))
        box = slide.shapes.add_textbox(Inches(9.2), Inches(1.4), Inches(3.9), Inches(5.6))
        box.text_frame.word_wrap = True
        for i, (label, value) in enumerate(slide_spec.figures):
            for j, (line, size, bold) in enumerate(((label, 15, False), (value, 22, True))):
                paragraph = box.text_frame.paragraphs[0] if i == j == 0 else box.text_frame.add_paragraph()
                run = paragraph.add_run()
                run.text, run.font.size, run.font.bold, run.font.name = line, Pt(size), bold, "Arial"
                run.font.color.rgb = ink
                if j == 1:
                    paragraph.space_after = Pt(10)
        slide.notes_slide.notes_text_frame.text = slide_spec.notes or briefing.paragraph
        if briefing.synthetic:
            text(slide, Inches(0.5), Emu(deck.slide_height - Inches(0.5)), Inches(12), Inches(0.4),
                 [i18n.text("synthetic_short", lang)], 11)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def export(con, kind: str, area: str, year: int, out: str, lang: str = "vi", protect: bool = False,
           names: bool = False) -> None:
    """`giamngheo export KIND`: pptx (deck), xlsx (report forms) or text (the situation paragraph). `names`: the
    named lists of the workbook (forms R14, R15) carry the heads' names and villages."""
    if kind == "text":
        summary = disclosure.run(con, "summary", protect, area=area, year=year).iloc[0]
        text = narrative.paragraph(summary, disclosure.run(con, "groups", protect, area=area, year=year),
                                   disclosure.run(con, "deprivation", protect, area=area, year=year), lang)
        with open(out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    elif kind == "pptx":
        with open(out, "wb") as f:
            f.write(pptx(build(con, area, year, lang, protect), lang))
    elif kind == "xlsx":
        with open(out, "wb") as f:
            f.write(workbooks.report_workbook(con, area, year, lang, protect, show_names=names))
    else:
        raise ValueError(kind)
