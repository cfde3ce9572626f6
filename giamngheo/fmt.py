"""Numbers written the Vietnamese way (1.118 hộ, 54,6%) or the English way, by Babel's CLDR data.

The project formats numbers itself so a projector's browser locale never changes what leaders read.
"""

from __future__ import annotations

from functools import cache, lru_cache

from babel import Locale
from babel.numbers import NumberPattern, get_decimal_symbol, get_group_symbol, parse_pattern

from giamngheo import i18n

LOCALES = {"vi": "vi_VN", "en": "en_GB"}
MINUS = "−"  # U+2212, as typeset in the letters' tables


def _missing(x) -> bool:
    """None, NaN, and pandas' NA and NaT (a file without an optional column leaves them)."""
    if x is None:
        return True
    try:
        return bool(x != x) or str(x) in ("<NA>", "NaT")  # NaN is the one value not equal to itself
    except TypeError:  # pandas.NA refuses to be a truth value
        return True


@cache
def _pattern(decimals: int) -> NumberPattern:
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals else ""))


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def number(x, decimals: int = 0, lang: str = "vi") -> str:
    if _missing(x):
        return "–"
    value = round(float(x), decimals) if decimals else round(float(x))
    # 0 and -0.0 are one key of a cache but two texts (−0,0 is a rounded small loss): zero is not cached.
    return (_apply if value == 0 else _formatted)(value, decimals, lang)


def _apply(value: float | int, decimals: int, lang: str) -> str:
    return _pattern(decimals).apply(value, _locale(lang)).replace("-", MINUS)


# Pattern and locale parsed once, and each value formatted once: a province's commune table formats thousands of
# cells per page, most of them seen before by another session.
_formatted = lru_cache(maxsize=1 << 16)(_apply)


def count(n, lang: str = "vi") -> str:
    """1118 -> '1.118' (vi) / '1,118' (en)."""
    return number(n, 0, lang)


def pct(x, decimals: int = 2, lang: str = "vi") -> str:
    """1.0136 -> '1,01%' (vi, no space, as the letters write it) / '1.01%' (en)."""
    return "–" if _missing(x) else number(x, decimals, lang) + "%"


def pp(x, decimals: int = 2, lang: str = "vi") -> str:
    """A change in percentage points, signed: '−1,05 điểm %' / '−1.05 pp'."""
    if _missing(x):
        return "–"
    sign = "+" if round(x, decimals) > 0 else ""
    return sign + number(x, decimals, lang) + " " + i18n.text("points_unit", lang)


def separators(lang: str = "vi") -> str:
    """Plotly's `separators` (decimal mark, then thousands), from the same CLDR data: ',.' (vi) / '.,' (en)."""
    return get_decimal_symbol(_locale(lang)) + get_group_symbol(_locale(lang))
