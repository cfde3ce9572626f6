"""Class breaks for choropleth maps: quantiles, equal intervals, or fixed bands from the catalogue.

Edges are ascending; class i holds values in [edges[i], edges[i + 1]) and the last class includes its
upper edge, so every value falls in exactly one class.
"""

from __future__ import annotations

import csv
from functools import cache

import numpy as np

from giamngheo.paths import CATALOGUE

METHODS = ("quantiles", "equal", "fixed")


def quantiles(values, k: int = 5) -> list[float]:
    v = np.asarray([x for x in values if x is not None and not np.isnan(x)], dtype=float)
    if v.size == 0:
        return []
    edges = np.unique(np.quantile(v, np.linspace(0, 1, k + 1)))
    return [float(e) for e in edges] if edges.size > 1 else [float(v.min()), float(v.min())]


def equal(values, k: int = 5) -> list[float]:
    v = np.asarray([x for x in values if x is not None and not np.isnan(x)], dtype=float)
    if v.size == 0:
        return []
    low, high = float(v.min()), float(v.max())
    return [float(e) for e in np.linspace(low, high, k + 1)] if high > low else [low, high]


@cache
def fixed(metric: str) -> list[float] | None:
    """The fixed bands of a metric (data/catalogue/map_bands.csv); open ends are the data's own range."""
    with open(CATALOGUE / "map_bands.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["metric"] == metric:
                return [float(x) for x in row["edges"].split(";")]
    return None


def edges_for(method: str, values, metric: str, k: int = 5) -> list[float]:
    if method == "fixed" and fixed(metric):
        bands = list(fixed(metric))
        v = [x for x in values if x is not None and not np.isnan(x)]
        if v:  # widen the outer bands to hold every value
            bands[0], bands[-1] = min(bands[0], min(v)), max(bands[-1], max(v))
        return bands
    return quantiles(values, k) if method == "quantiles" else equal(values, k)


def classify(values, edges: list[float]) -> list[int | None]:
    """The class index of each value (None for a missing value)."""
    out = []
    inner = np.asarray(edges[1:-1], dtype=float)
    for x in values:
        if x is None or np.isnan(x) or not edges:
            out.append(None)
        else:
            out.append(int(np.searchsorted(inner, x, side="right")))
    return out
