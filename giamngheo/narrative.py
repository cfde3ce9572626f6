"""The situation paragraph of a letter, generated from the data in the letters' own phrasing:
counts as `1.118 hộ`, rates as `1,01%`, changes in points as "giảm 1,05%" (the letters write points as %).
"""

from __future__ import annotations

import pandas as pd

from giamngheo import comparison, fmt, i18n

HIGH_SHARE_PCT = 20.0  # deprivations the letters single out as "còn cao"


def _change(value, lang: str) -> str:
    if pd.isna(value):
        return ""
    word = i18n.text("narrative_down" if value < 0 else "narrative_up", lang)
    return i18n.text("narrative_change", lang, word=word, value=fmt.number(abs(value), 2, lang))


def paragraph(summary: pd.Series, groups: pd.DataFrame, deprivation: pd.DataFrame, lang: str = "vi") -> str:
    """The paragraph; its sentences are templates in giamngheo/i18n.py (narrative_*), one per language."""
    n = lambda x: fmt.count(x, lang)  # noqa: E731
    p = lambda x, d=2: fmt.pct(x, d, lang)  # noqa: E731
    say = lambda key, **values: i18n.text(key, lang, **values)  # noqa: E731
    g = groups.set_index("group") if len(groups) else pd.DataFrame()
    sentences = [say("narrative_result", year=int(summary.review_year), area=summary.area_name, poor=n(summary.poor),
                     poor_rate=p(summary.poor_rate_pct), near=n(summary.near_poor),
                     near_rate=p(summary.near_poor_rate_pct))]
    if comparison.approval(summary, lang):  # official or provisional: said at once
        sentences.append(comparison.approval(summary, lang))
    if comparison.coverage(summary, lang):
        sentences.append(say("narrative_coverage", n=n(summary.communes_with_data), total=n(summary.communes_total)))
    if comparison.is_baseline(summary):
        sentences.append(say("narrative_baseline", standard=summary.standard, previous=int(summary.previous_year),
                             previous_standard=summary.previous_standard))
    elif pd.notna(summary.poor_change_pp):
        # Across the 2025 reform the previous review is re-aggregated onto the new units: say so.
        key = "narrative_since_placed" if bool(summary.get("previous_placed")) else "narrative_since"
        sentences.append(say(key, year=int(summary.previous_year),
                             poor=_change(summary.poor_change_pp, lang), near=_change(summary.near_poor_change_pp, lang)))
    if "bao_tro_xa_hoi" in g.index and g.loc["bao_tro_xa_hoi", "poor"]:
        sentences.append(say("narrative_social_protection",
                             rate=p(g.loc["bao_tro_xa_hoi", "poor_share_of_households_pct"])))
    if "khong_kha_nang_lao_dong" in g.index and summary.poor:
        no_labour, labour = g.loc["khong_kha_nang_lao_dong"], g.loc["co_kha_nang_lao_dong"]
        sentences.append(say("narrative_labour", poor=n(summary.poor), none=n(no_labour.poor),
                             none_share=p(no_labour.share_of_poor_pct), some=n(labour.poor),
                             some_share=p(labour.share_of_poor_pct)))
    high = deprivation[deprivation.share_pct >= HIGH_SHARE_PCT].sort_values("position")
    if len(high):
        label = lambda r: (lambda x: x[0].lower() + x[1:])(getattr(r, f"label_{lang}"))  # noqa: E731
        items = "; ".join(say("narrative_deprivation_item", indicator=label(r), households=n(r.deprived),
                              share=p(r.share_pct, 1)) for r in high.itertuples())
        sentences.append(say("narrative_deprivations", items=items))
    return " ".join(sentences)
