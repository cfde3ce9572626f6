"""A synthetic nation-wide database for benchmarks: N reviewed households per review year over three reviews,
spread over the real communes of every province (end-2024 list), deterministic, vectorised with numpy.

Households keep their code from one review to the next (85% are reviewed again), so transitions are real.
The records follow the 2022-2025 rule (poor: at least 3 deprivations; near-poor: at most 2). Synthetic.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from giamngheo import catalogue, db, store
from giamngheo.store import imports, schema

YEARS = (2022, 2023, 2024)
CLASSES = np.array(["ngheo", "can_ngheo", "trung_binh", "khong"], dtype=object)
CLASS_SHARES = [0.30, 0.40, 0.05, 0.25]
STAYING = 0.85


def _flags(rng, classes: np.ndarray, shares: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Deprivation flags: poor rows get at least 3, near-poor at most 2, others none (null)."""
    u = rng.random((len(classes), len(shares)))
    deprived = u < shares
    rank = np.argsort(np.argsort(u, axis=1), axis=1)  # 0 = the indicator with the smallest draw
    poor, near = classes == "ngheo", classes == "can_ngheo"
    deprived[poor] |= rank[poor] < 3
    masked = np.where(deprived, u, 2.0)
    rank_deprived = np.argsort(np.argsort(masked, axis=1), axis=1)
    deprived[near] &= rank_deprived[near] < 2
    listed = poor | near
    return deprived, listed


def build(path: str | Path, households_per_year: int, seed: int = 2025) -> dict[str, float]:
    started = time.perf_counter()
    db.remove(path)
    con = db.create(path)
    try:
        units = con.execute("select code, province_code, district_code, unit_type from admin_units "
                            "where code_list = 'gso_2024' and level = 'commune' order by code").df()
        rng = np.random.default_rng(seed)
        n = households_per_year
        weights = rng.lognormal(0, 0.8, len(units))
        weights /= weights.sum()
        flags = [i.flag for i in catalogue.indicators("2022-2025")]
        shares = np.array([0.42, 0.45, 0.08, 0.27, 0.23, 0.06, 0.26, 0.13, 0.11, 0.17, 0.53, 0.40])
        standard = catalogue.standards()["2022-2025"]
        ids = np.arange(n)
        commune = rng.choice(len(units), n, p=weights)
        next_id = n
        frames, populations = [], []
        for year in YEARS:
            if year != YEARS[0]:
                leaving = rng.random(n) >= STAYING
                ids = ids.copy()
                ids[leaving] = np.arange(next_id, next_id + leaving.sum())
                next_id += int(leaving.sum())
                commune = commune.copy()
                commune[leaving] = rng.choice(len(units), int(leaving.sum()), p=weights)
            classes = CLASSES[rng.choice(4, n, p=CLASS_SHARES)]
            deprived, listed = _flags(rng, classes, shares)
            urban = units.unit_type.to_numpy()[commune] != "Xã"
            area_type = np.where(urban, "thanh_thi", "nong_thon")
            line = np.where(urban, 2_000_000, 1_500_000)
            factor = np.select([classes == "ngheo", classes == "can_ngheo", classes == "trung_binh"],
                               [rng.uniform(0.45, 0.97, n), rng.uniform(0.55, 0.98, n), rng.uniform(1.05, 1.45, n)],
                               rng.uniform(1.6, 3.0, n))
            income = (line * factor).round(-3).astype(np.int64)
            count = np.where(listed, deprived.sum(axis=1), 0)
            frame = pd.DataFrame({
                "review_year": year,
                "household_id": pd.Series(ids).map("N{:09d}".format),
                "code_list": "gso_2024",
                "province_code": units.province_code.to_numpy()[commune],
                "district_code": units.district_code.to_numpy()[commune],
                "commune_code": units.code.to_numpy()[commune],
                "members": rng.integers(1, 7, n),
                "area_type": area_type,
                "income_per_capita": income,
                "classification": classes,
                "standard": "2022-2025",
                "khong_kha_nang_lao_dong": rng.random(n) < np.where(classes == "ngheo", 0.6, 0.25),
                "bao_tro_xa_hoi": rng.random(n) < np.where(classes == "ngheo", 0.4, 0.15),
                "nguoi_co_cong": rng.random(n) < 0.05,
                "dan_toc_thieu_so": rng.random(n) < 0.12,
                "chu_ho_nu": rng.random(n) < 0.33,
                "deprivation_count": count,
                "expected_class": standard.classify_many(area_type, income, count),
            })
            for j, flag in enumerate(flags):
                frame[flag] = pd.array(np.where(listed, deprived[:, j], False), dtype="boolean")
                frame.loc[~listed, flag] = pd.NA
            frames.append(frame)
            reviewed = np.bincount(commune, minlength=len(units))
            total = np.ceil(reviewed / rng.uniform(0.08, 0.25, len(units))).astype(np.int64)
            populations.append(pd.DataFrame({"review_year": year, "code_list": "gso_2024", "commune_code": units.code,
                                             "total_households": np.maximum(total, reviewed),
                                             "total_persons": total * 3}))
        generated = time.perf_counter() - started
        households = pd.concat(frames, ignore_index=True)
        population = pd.concat(populations, ignore_index=True)
        with store.transaction(con):
            # Sorted by year and place, so DuckDB's zone maps skip whole row groups for an area's queries.
            imports.append_frame(con, "households", households,
                                 order_by="review_year, province_code, district_code, commune_code")
            imports.append_frame(con, "population", population)
            imports.record_import(con, "households", "giamngheo demo --households", "", "giamngheo demo", len(households),
                                  len(households), message="synthetic nation-wide benchmark data", synthetic=True,
                                  import_id=1)
            schema.mark_synthetic(con)
            schema.refresh_aggregates(con)
        if db.Lake.parse(path) is None:
            con.execute("checkpoint")
        return {"households": len(households), "generate_s": round(generated, 1),
                "total_s": round(time.perf_counter() - started, 1)}
    finally:
        con.close()
