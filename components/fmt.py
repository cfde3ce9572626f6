"""Number formatting in the interface language (see giamngheo.fmt)."""

from giamngheo import fmt, i18n

from components.i18n import lang


def count(n) -> str:
    return fmt.count(n, lang())


def pct(x, decimals: int = 2) -> str:
    return fmt.pct(x, decimals, lang())


def pp(x, decimals: int = 2) -> str:
    return fmt.pp(x, decimals, lang())


def households(n) -> str:
    return f"{count(n)} {i18n.text('households_unit', lang())}"


def number(x, decimals: int = 0) -> str:
    return fmt.number(x, decimals, lang())
