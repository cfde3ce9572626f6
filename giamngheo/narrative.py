"""The situation paragraph of a letter, generated from the data in the letters' own phrasing:
counts as `1.118 hộ`, rates as `1,01%`, changes in points as "giảm 1,05%" (the letters write points as %).
"""

from __future__ import annotations

import pandas as pd

from giamngheo import fmt

HIGH_SHARE_PCT = 20.0  # deprivations the letters single out as "còn cao"


def _change(value, lang: str) -> str:
    if pd.isna(value):
        return ""
    if lang == "vi":
        word = "giảm" if value < 0 else "tăng"
        return f"{word} {fmt.number(abs(value), 2)}%"
    word = "down" if value < 0 else "up"
    return f"{word} {fmt.number(abs(value), 2, 'en')} points"


def paragraph(summary: pd.Series, groups: pd.DataFrame, deprivation: pd.DataFrame, lang: str = "vi") -> str:
    n = lambda x: fmt.count(x, lang)  # noqa: E731
    p = lambda x, d=2: fmt.pct(x, d, lang)  # noqa: E731
    year, area = int(summary.review_year), summary.area_name
    g = groups.set_index("group") if len(groups) else pd.DataFrame()
    sentences = []
    if lang == "vi":
        sentences.append(
            f"Theo kết quả rà soát năm {year}, số hộ nghèo của {area} là {n(summary.poor)} hộ, chiếm tỷ lệ "
            f"{p(summary.poor_rate_pct)}, số hộ cận nghèo là {n(summary.near_poor)} hộ, chiếm tỷ lệ "
            f"{p(summary.near_poor_rate_pct)}."
        )
        if pd.notna(summary.poor_change_pp):
            sentences.append(
                f"So với năm {int(summary.previous_year)}, tỷ lệ hộ nghèo {_change(summary.poor_change_pp, lang)}, "
                f"tỷ lệ hộ cận nghèo {_change(summary.near_poor_change_pp, lang)}."
            )
        if "bao_tro_xa_hoi" in g.index and g.loc["bao_tro_xa_hoi", "poor"]:
            sentences.append(
                f"Hộ nghèo bảo trợ xã hội chiếm tỷ lệ {p(g.loc['bao_tro_xa_hoi', 'poor_share_of_households_pct'])}."
            )
        if "khong_kha_nang_lao_dong" in g.index and summary.poor:
            no_labour, labour = g.loc["khong_kha_nang_lao_dong"], g.loc["co_kha_nang_lao_dong"]
            sentences.append(
                f"Trong số {n(summary.poor)} hộ nghèo, hộ không còn khả năng lao động là {n(no_labour.poor)} hộ, "
                f"chiếm {p(no_labour.share_of_poor_pct)}; còn lại {n(labour.poor)} hộ nghèo có khả năng lao động, "
                f"chiếm {p(labour.share_of_poor_pct)} tổng số hộ nghèo."
            )
        high = deprivation[deprivation.share_pct >= HIGH_SHARE_PCT].sort_values("position")
        if len(high):
            items = "; ".join(
                f"thiếu hụt về {r.label_vi[0].lower() + r.label_vi[1:]} là {n(r.deprived)} hộ, chiếm {p(r.share_pct, 1)}"
                for r in high.itertuples()
            )
            sentences.append(f"Các chỉ số thiếu hụt của hộ nghèo còn cao: {items} tổng số hộ nghèo.")
    else:
        sentences.append(
            f"According to the {year} review, {area} has {n(summary.poor)} poor households, a rate of "
            f"{p(summary.poor_rate_pct)}, and {n(summary.near_poor)} near-poor households, a rate of "
            f"{p(summary.near_poor_rate_pct)}."
        )
        if pd.notna(summary.poor_change_pp):
            sentences.append(
                f"Since {int(summary.previous_year)} the poverty rate is {_change(summary.poor_change_pp, lang)} and "
                f"the near-poverty rate {_change(summary.near_poor_change_pp, lang)}."
            )
        if "bao_tro_xa_hoi" in g.index and g.loc["bao_tro_xa_hoi", "poor"]:
            sentences.append(
                f"Poor social-protection households make up {p(g.loc['bao_tro_xa_hoi', 'poor_share_of_households_pct'])} "
                "of all households."
            )
        if "khong_kha_nang_lao_dong" in g.index and summary.poor:
            no_labour, labour = g.loc["khong_kha_nang_lao_dong"], g.loc["co_kha_nang_lao_dong"]
            sentences.append(
                f"Of the {n(summary.poor)} poor households, {n(no_labour.poor)} ({p(no_labour.share_of_poor_pct)}) have "
                f"no labour capacity and {n(labour.poor)} ({p(labour.share_of_poor_pct)}) can work."
            )
        high = deprivation[deprivation.share_pct >= HIGH_SHARE_PCT].sort_values("position")
        if len(high):
            items = "; ".join(f"{r.label_en.lower()} {n(r.deprived)} ({p(r.share_pct, 1)})" for r in high.itertuples())
            sentences.append(f"Poor households often lack: {items} of poor households.")
    return " ".join(sentences)
