"""Build the synthetic demo database: the four places of the seed letters, household by household.

The generator follows data/demo/calibration.toml. District totals are spread over the real communes,
households are followed from one review to the next (stay poor, escape, become near-poor, return,
move to another commune), and every anchored figure of the letters comes out exactly. All of it is
synthetic and labelled so; the same calibration and seed always give the same database.
"""

from __future__ import annotations

import csv
import hashlib
import tomllib
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from giamngheo import catalogue, db, review, store
from giamngheo.store import imports, schema
from giamngheo.store import review as written
from giamngheo.paths import DEMO, GEO

CALIBRATION = DEMO / "calibration.toml"
SUCCESSORS_2025 = GEO / "commune_crosswalk_2025.csv"
DEMO_USER = "giamngheo demo"

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Phan Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương".split()
MIDDLE_MALE = "Văn Đức Minh Hữu Quang Ngọc Thanh Xuân Công".split()
GIVEN = (
    "An Bình Cường Dũng Giang Hà Hải Hạnh Hiếu Hoa Hùng Hương Lan Liên Long Mai Minh Nam Nga Phúc "
    "Quang Sơn Tâm Thảo Thắng Thủy Trang Tuấn Việt Yến Khánh Lộc Nhung Oanh Tùng Vinh"
).split()


def apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Split an integer total in proportion to weights, exactly (largest remainder)."""
    raw = weights / weights.sum() * total
    counts = np.floor(raw).astype(int)
    short = total - counts.sum()
    counts[np.argsort(-(raw - counts), kind="stable")[:short]] += 1
    return counts


def realise(row_sums: np.ndarray, col_sums: np.ndarray, priority: np.ndarray) -> np.ndarray:
    """A 0/1 matrix with the given row and column sums (Ryser's construction).

    Each column's ones go to the rows with the most ones still owed, which always succeeds when the
    sums are feasible; `priority` (values in [0, 1)) only breaks ties, which is where communes differ.
    """
    owed = row_sums.astype(float).copy()
    out = np.zeros((len(row_sums), len(col_sums)), dtype=bool)
    for j in np.argsort(-col_sums, kind="stable"):
        k = int(col_sums[j])
        if k == 0:
            continue
        key = np.where(owed > 0, owed + priority[:, j], -1.0)
        chosen = np.argpartition(-key, k - 1)[:k]
        if (owed[chosen] <= 0).any():
            raise ValueError("deprivation counts cannot be realised")
        out[chosen, j] = True
        owed[chosen] -= 1
    if owed.any():
        raise ValueError("deprivation counts cannot be realised")
    return out


@dataclass
class Household:
    household_id: str
    commune: int  # index into the district's communes
    members: int
    head_name: str
    village: str
    latent: dict[str, float]  # persistent draw per group: the lowest are picked first
    last_class: str | None = None
    ever_poor: bool = False
    ever_listed: bool = False
    gone: bool = False  # left the area, died or merged into another household: never reviewed again


@dataclass
class District:
    code: str
    communes: list[dict]  # commune_code, commune_name, unit_type, province_code
    years: dict[int, tuple[int, int, int]]
    anchors: dict[int, dict]
    ethnic_minority_share: float
    rng: np.random.Generator
    ethnic_groups: dict[str, float] = field(default_factory=dict)  # code -> share of ethnic-minority heads
    households: dict[str, Household] = field(default_factory=dict)
    sequence: int = 0
    # Persistent per-commune traits: size, poverty risk, deprivation intensity and profile tilt.
    size: np.ndarray | None = None
    risk: np.ndarray | None = None
    intensity: np.ndarray | None = None
    tilt: np.ndarray | None = None


class DemoBuilder:
    def __init__(self, calibration: dict, units: pd.DataFrame):
        self.cal = calibration
        self.units = units
        self.records: list[dict] = []
        self.population: list[dict] = []

    # -- households -----------------------------------------------------------------------------
    def _new_household(self, d: District, commune: int) -> Household:
        d.sequence += 1
        code = d.communes[commune]["commune_code"]
        rng = d.rng
        latent = {g: rng.random() for g in ("khong_kha_nang_lao_dong", "bao_tro_xa_hoi", "nguoi_co_cong", "chu_ho_nu")}
        latent["dan_toc_thieu_so"] = rng.random()
        female = latent["chu_ho_nu"] < 0.36
        middle = "Thị" if female else MIDDLE_MALE[rng.integers(len(MIDDLE_MALE))]
        name = f"{FAMILY[rng.integers(len(FAMILY))]} {middle} {GIVEN[rng.integers(len(GIVEN))]}"
        urban = d.communes[commune]["unit_type"] in ("Phường", "Thị trấn")
        village = f"{'Tổ dân phố' if urban else 'Thôn'} {rng.integers(1, 9)}"
        members = int(rng.integers(1, 3)) if latent["khong_kha_nang_lao_dong"] < 0.6 else int(rng.integers(2, 7))
        hh = Household(f"{code}-{d.sequence:05d}", commune, members, name, village, latent)
        d.households[hh.household_id] = hh
        return hh

    def _pick(self, rng: np.random.Generator, ids: list[str], k: int) -> list[str]:
        k = max(0, min(k, len(ids)))
        return [str(x) for x in rng.choice(ids, size=k, replace=False)] if k else []

    def _year(self, d: District, year: int) -> None:
        total, poor_total, near_total = d.years[year]
        rng = d.rng
        n = len(d.communes)
        noise = np.exp(rng.normal(0, 0.08, n))
        totals = apportion(total, d.size * noise)
        poor = apportion(poor_total, totals * d.risk * np.exp(rng.normal(0, 0.15, n)))
        near = apportion(near_total, totals * d.risk**0.6 * np.exp(rng.normal(0, 0.15, n)))
        for c in range(n):
            self.population.append(
                dict(
                    review_year=year,
                    commune=(d, c),
                    total_households=int(totals[c]),
                    total_persons=int(round(totals[c] * rng.uniform(3.3, 3.9))),
                )
            )

        # Between two reviews some listed households leave (move out of the district, die, merge into another
        # household): absent from this review, they are other decreases of form R2, not escapes.
        leaving = self.cal.get("departures", {})
        if year >= leaving.get("from_year", 9999):
            listed = [h.household_id for h in d.households.values()
                      if h.last_class in ("ngheo", "can_ngheo") and not h.gone]
            for hid in self._pick(rng, listed, round(len(listed) * leaving["share"])):
                d.households[hid].gone = True

        classes: dict[str, str] = {}
        by_commune: list[list[Household]] = [[] for _ in range(n)]
        for h in d.households.values():
            if h.ever_listed and not h.gone:
                by_commune[h.commune].append(h)
        for c in range(n):
            here = by_commune[c]
            prev_poor = [h.household_id for h in here if h.last_class == "ngheo"]
            prev_near = [h.household_id for h in here if h.last_class == "can_ngheo"]
            pool = [h.household_id for h in here if h.ever_listed and h.last_class not in ("ngheo", "can_ngheo")]

            stay = self._pick(rng, prev_poor, min(poor[c], round(len(prev_poor) * rng.uniform(0.55, 0.75))))
            need = poor[c] - len(stay)
            from_near = self._pick(rng, prev_near, min(need, round(len(prev_near) * rng.uniform(0.04, 0.1))))
            need -= len(from_near)
            back = self._pick(rng, pool, min(need, round(len(pool) * rng.uniform(0.01, 0.04))))
            need -= len(back)
            fresh = [self._new_household(d, c).household_id for _ in range(need)]
            for hid in stay + from_near + back + fresh:
                classes[hid] = "ngheo"

            left_poor = [h for h in prev_poor if h not in classes]
            to_near = self._pick(rng, left_poor, min(near[c], round(len(left_poor) * rng.uniform(0.35, 0.6))))
            still_near = [h for h in prev_near if h not in classes]
            keep_near = self._pick(rng, still_near, min(near[c] - len(to_near), round(len(still_near) * rng.uniform(0.5, 0.7))))
            need = near[c] - len(to_near) - len(keep_near)
            pool_left = [h for h in pool if h not in classes]
            back_near = self._pick(rng, pool_left, min(need, round(len(pool_left) * rng.uniform(0.01, 0.04))))
            need -= len(back_near)
            fresh_near = [self._new_household(d, c).household_id for _ in range(need)]
            for hid in to_near + keep_near + back_near + fresh_near:
                classes[hid] = "can_ngheo"

            # Households that left the lists this year were reviewed and are recorded as not poor.
            for hid in prev_poor + prev_near:
                if hid not in classes:
                    rural = d.communes[c]["unit_type"] == "Xã"
                    classes[hid] = "trung_binh" if rural and rng.random() < 0.2 else "khong"

        self._write_year(d, year, classes)
        for h in d.households.values():
            h.last_class = classes.get(h.household_id)
            if h.last_class in ("ngheo", "can_ngheo"):
                h.ever_listed = True
            if h.last_class == "ngheo":
                h.ever_poor = True
        # A few listed households move to another commune of the district before the next review.
        listed = [hid for hid, cls in classes.items() if cls in ("ngheo", "can_ngheo")]
        for hid in self._pick(rng, listed, max(1, len(listed) // 300)):
            h = d.households[hid]
            h.commune = int((h.commune + rng.integers(1, n)) % n)

    def _write_year(self, d: District, year: int, classes: dict[str, str]) -> None:
        rng = d.rng
        standard = catalogue.standard_for_year(year)
        flags = [i.flag for i in catalogue.indicators(standard.standard)]
        anchor = d.anchors.get(year, {})
        ids = sorted(classes)
        poor_ids = [h for h in ids if classes[h] == "ngheo"]
        near_ids = [h for h in ids if classes[h] == "can_ngheo"]

        # Groups: the poor households with the lowest persistent draw, in the anchored or usual number.
        group_flags: dict[str, set[str]] = {}
        shares = dict(self.cal["group_shares"])
        shares["dan_toc_thieu_so"] = min(1.0, d.ethnic_minority_share * 2.5)
        for group, share in shares.items():
            k = anchor.get("groups", {}).get(group, round(share * len(poor_ids) * rng.uniform(0.92, 1.08)))
            ranked = sorted(poor_ids, key=lambda h: d.households[h].latent[group])
            chosen = set(ranked[:k])
            base = d.ethnic_minority_share if group == "dan_toc_thieu_so" else share * 0.5
            chosen |= {h for h in ids if classes[h] != "ngheo" and d.households[h].latent[group] < base}
            group_flags[group] = chosen

        # Deprivations of the poor: exact column sums, every poor household at or above the cut-off
        # (2016-2020: a third are poor on income alone and may have fewer).
        p = len(poor_ids)
        profile = self.cal["profiles"][standard.standard if standard.standard in self.cal["profiles"] else "2022-2025"]
        fixed = anchor.get("deprivations", {})
        cols = np.array(
            [fixed.get(f, min(p, round(profile.get(f, 0.1) * p * rng.uniform(0.85, 1.15)))) for f in flags]
        )
        income_only = np.zeros(p, dtype=bool)
        if standard.rule == "income_or_deprivation":
            income_only = rng.random(p) < 0.35
        base = np.where(income_only, 1, standard.deprivation_cutoff)
        if cols.sum() < base.sum():
            free = np.array([f not in fixed for f in flags])
            cols[free] = np.minimum(p, cols[free] + apportion(int(base.sum() - cols.sum()), np.ones(free.sum())))
        commune_of = np.array([d.households[h].commune for h in poor_ids], dtype=int)
        rows = base + self._spread(rng, int(cols.sum() - base.sum()), d.intensity[commune_of], len(flags) - base)
        priority = (d.tilt[commune_of][:, : len(flags)] * rng.random((p, len(flags)))) % 1.0
        matrix = realise(rows, cols, priority) if p else np.zeros((0, len(flags)), bool)
        deprived = {h: matrix[i] for i, h in enumerate(poor_ids)}
        weights = np.array([profile.get(f, 0.1) for f in flags])
        for h in near_ids:
            k = rng.choice([0, 1, 2], p=[0.3, 0.4, 0.3])
            row = np.zeros(len(flags), dtype=bool)
            row[rng.choice(len(flags), size=k, replace=False, p=weights / weights.sum())] = True
            deprived[h] = row

        cause_codes = [c["cause"] for c in catalogue.causes()]
        for i, hid in enumerate(ids):
            h = d.households[hid]
            cls = classes[hid]
            commune = d.communes[h.commune]
            area_type = "thanh_thi" if commune["unit_type"] in ("Phường", "Thị trấn") else "nong_thon"
            flag_row = deprived.get(hid)
            count = int(flag_row.sum()) if flag_row is not None else 0
            income = self._income(rng, standard, area_type, cls, count)
            causes = None
            if cls in ("ngheo", "can_ngheo"):
                picked = rng.choice(len(cause_codes), size=int(rng.integers(1, 3)), replace=False)
                causes = [cause_codes[j] for j in sorted(picked)]
                if hid in group_flags["khong_kha_nang_lao_dong"] and "om_dau" not in causes:
                    causes = ["thieu_lao_dong" if "thieu_lao_dong" not in causes else "om_dau"] + causes[:1]
            record = dict(
                review_year=year,
                household_id=hid,
                commune_code=commune["commune_code"],
                province_code=commune["province_code"],
                district_code=d.code,
                village=h.village,
                head_name=h.head_name,
                members=h.members,
                area_type=area_type,
                income_per_capita=income,
                classification=cls,
                standard=standard.standard,
                poverty_causes=causes,
                deprivation_count=count,
                expected_class=standard.classify(area_type, income, count),
            )
            for group, members in group_flags.items():
                record[group] = hid in members
            record["ethnicity"] = _ethnicity(d, hid) if record["dan_toc_thieu_so"] else KINH
            for j, flag in enumerate(flags):
                record[flag] = bool(flag_row[j]) if flag_row is not None else None
            self.records.append(record)

    @staticmethod
    def _spread(rng: np.random.Generator, extra: int, weights: np.ndarray, caps: np.ndarray) -> np.ndarray:
        """Distribute `extra` deprivations over households by weight, none above its cap."""
        out = np.zeros(len(weights), dtype=int)
        while extra > 0:
            room = caps - out
            w = np.where(room > 0, weights, 0.0)
            draw = rng.multinomial(extra, w / w.sum())
            draw = np.minimum(draw, room)
            out += draw
            extra -= int(draw.sum())
        return out

    @staticmethod
    def _income(rng, standard, area_type: str, cls: str, deprivations: int) -> int:
        line = standard.poverty_line[area_type]
        upper = standard.min_standard[area_type] or line
        ceiling = standard.average_ceiling[area_type] or int(upper * 1.5)
        if cls == "ngheo":
            deprived = deprivations >= standard.deprivation_cutoff
            if standard.rule == "income_or_deprivation" and deprived and rng.random() < 0.65:
                value = rng.uniform(line * 1.02, upper * 0.98)
            elif rng.random() < 0.005:
                value = rng.uniform(upper * 1.01, upper * 1.08)  # decided by the village meeting: a warning
            else:
                value = rng.uniform(line * 0.45, line * 0.97)
        elif cls == "can_ngheo":
            low = line * 1.03 if standard.rule == "income_or_deprivation" else line * 0.55
            value = rng.uniform(low, upper * 0.98)
        elif cls == "trung_binh":
            value = rng.uniform(upper * 1.02, ceiling * 0.98)
        else:
            value = rng.uniform(ceiling * 1.02, ceiling * 1.8)
        return int(round(value, -3))

    # -- districts --------------------------------------------------------------------------------
    def district(self, spec: dict) -> District:
        code = spec["code"]
        communes = (
            self.units[self.units.district_code == code]
            .sort_values("commune_code")[["commune_code", "commune_name", "unit_type", "province_code"]]
            .to_dict("records")
        )
        rng = np.random.default_rng([self.cal["seed"], int(code)])
        d = District(
            code=code,
            communes=communes,
            years={y[0]: (y[1], y[2], y[3]) for y in spec["years"]},
            anchors={a["year"]: a for a in spec.get("anchor", [])},
            ethnic_minority_share=spec["ethnic_minority_share"],
            rng=rng,
            ethnic_groups=spec.get("ethnic_groups", {}),
        )
        urban = np.array([c["unit_type"] in ("Phường", "Thị trấn") for c in communes])
        n = len(communes)
        d.size = np.exp(rng.normal(0, 0.35, n)) * np.where(urban, 1.4, 1.0)
        d.risk = np.exp(rng.normal(0, 0.5, n)) * np.where(urban, 0.6, 1.0)
        d.intensity = np.exp(rng.normal(0, 0.4, n))
        d.tilt = np.exp(rng.normal(0, 0.5, (n, 16)))
        d.tilt = d.tilt / (d.tilt.max() * 1.0001)
        return d

    def build(self) -> None:
        for spec in self.cal["district"]:
            d = self.district(spec)
            for year in range(self.cal["first_year"], self.cal["last_year"] + 1):
                self._year(d, year)


KINH = "01"


def _ethnic_minority_households(p: dict) -> int:
    """A commune's ethnic-minority households, about the district's share of its households (no draw taken from
    the district's generator)."""
    d, c = p["commune"]
    u = zlib.crc32(f"{d.communes[c]['commune_code']}-{p['review_year']}".encode()) / 2**32
    return int(round(p["total_households"] * d.ethnic_minority_share * (0.8 + 0.4 * u)))


def _ethnicity(d: District, household_id: str) -> str:
    """An ethnic-minority head's group, drawn from the district's mix by the household's code (the same every
    review, and no draw taken from the district's generator, so the calibrated figures do not move)."""
    u = zlib.crc32(household_id.encode()) / 2**32
    codes = sorted(d.ethnic_groups)
    bounds = np.cumsum([d.ethnic_groups[c] for c in codes])
    return codes[min(int(np.searchsorted(bounds, u * bounds[-1], side="right")), len(codes) - 1)]


def _successors_2025() -> dict[str, tuple[str, str]]:
    with open(SUCCESSORS_2025, encoding="utf-8", newline="") as f:
        return {r["old_code"]: (r["new_code"], r["new_province_code"]) for r in csv.DictReader(f)}


def _frames(builder: DemoBuilder) -> tuple[pd.DataFrame, pd.DataFrame]:
    households = pd.DataFrame.from_records(builder.records)
    population = pd.DataFrame.from_records(
        [
            dict(
                review_year=p["review_year"],
                commune_code=p["commune"][0].communes[p["commune"][1]]["commune_code"],
                total_households=p["total_households"],
                total_persons=p["total_persons"],
                total_ethnic_minority_households=_ethnic_minority_households(p),
            )
            for p in builder.population
        ]
    )
    # From the 2025 review the records carry the codes in force after 1 July 2025, with no district.
    successor = _successors_2025()
    households["code_list"] = "gso_2024"
    population["code_list"] = "gso_2024"
    late = households.review_year >= 2025
    households.loc[late, "province_code"] = households.loc[late, "commune_code"].map(lambda c: successor[c][1])
    households.loc[late, "commune_code"] = households.loc[late, "commune_code"].map(lambda c: successor[c][0])
    households.loc[late, "district_code"] = None
    households.loc[late, "code_list"] = "qd19_2025"
    late = population.review_year >= 2025
    population.loc[late, "commune_code"] = population.loc[late, "commune_code"].map(lambda c: successor[c][0])
    population.loc[late, "code_list"] = "qd19_2025"
    population = population.groupby(["review_year", "code_list", "commune_code"], as_index=False)[
        ["total_households", "total_persons", "total_ethnic_minority_households"]
    ].sum()
    # Never fewer ethnic-minority households than the review recorded in the commune.
    recorded = households[households.dan_toc_thieu_so].groupby(["review_year", "code_list", "commune_code"]).size()
    at_least = pd.MultiIndex.from_frame(population[["review_year", "code_list", "commune_code"]]).map(
        lambda key: recorded.get(key, 0))
    population["total_ethnic_minority_households"] = np.maximum(population.total_ethnic_minority_households, at_least)
    return households, population


SUPPORT_BY_FLAG = {
    "td_bhyt": "y_te", "td_tiep_can_y_te": "y_te", "td_trinh_do_giao_duc": "giao_duc", "td_di_hoc": "giao_duc",
    "td_chat_luong_nha": "nha_o", "td_dien_tich_nha": "nha_o", "td_vien_thong": "vien_thong",
    "td_viec_lam": "viec_lam",
}


def _targets(cal: dict, households: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for t in cal.get("target", []):
        for metric, value in t["values"].items():
            rows.append(dict(review_year=t["year"], area_code=t["area"], metric=metric, target=float(value),
                             actual=t.get("actuals", {}).get(metric), note=t["note"]))
    for spec in cal.get("commune_targets", []):
        rng = np.random.default_rng([cal["seed"], int(spec["district"]), spec["year"]])
        year, district = spec["year"], spec["district"]
        communes = sorted(population[(population.review_year == year) & population.commune_code.isin(
            households[households.district_code == district].commune_code.unique())].commune_code)
        before = households[(households.review_year == year - 1) & (households.classification == "ngheo")]
        for commune in communes:
            if "cut_pp" in spec:
                low, high = spec["cut_pp"]
                rows.append(dict(review_year=year, area_code=commune, metric="giam_ty_le_ngheo_pp",
                                 target=round(float(rng.uniform(low, high)), 1), actual=None, note=spec["note"]))
            if "escape_share" in spec:
                low, high = spec["escape_share"]
                poor = int((before.commune_code == commune).sum())
                rows.append(dict(review_year=year, area_code=commune, metric="so_ho_thoat_ngheo",
                                 target=float(round(poor * rng.uniform(low, high))), actual=None, note=spec["note"]))
            if spec.get("zero_poverty"):
                rows.append(dict(review_year=year, area_code=commune, metric="ty_le_ngheo_pct", target=0.0,
                                 actual=None, note=spec["note"]))
    return pd.DataFrame(rows)


def _support(cal: dict, households: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for spec in cal.get("sponsorship", []):
        rng = np.random.default_rng([cal["seed"], int(spec["district"]), 7])
        poor = households[(households.district_code == spec["district"]) & households.review_year.isin(spec["years"])
                          & (households.classification == "ngheo")]
        weights = rng.dirichlet(np.full(len(spec["sponsors"]), 4.0))
        for h in poor.itertuples():
            if rng.random() >= spec["adopted_share"]:
                continue
            sponsor = spec["sponsors"][rng.choice(len(spec["sponsors"]), p=weights)]
            needs = sorted({SUPPORT_BY_FLAG[f] for f in SUPPORT_BY_FLAG if getattr(h, f, None) is True})
            kinds = needs[: int(rng.integers(1, 3))] or [str(rng.choice(["san_xuat", "tin_dung"]))]
            for kind in kinds:
                rows.append(dict(review_year=h.review_year, household_id=h.household_id, support_type=kind,
                                 sponsor=sponsor, amount_vnd=int(rng.integers(2, 21)) * 500_000))
    return pd.DataFrame(rows)


def _decision(rng: np.random.Generator, number: int, year: int, month: int, low: int, high: int) -> tuple[str, datetime]:
    day = int(rng.integers(low, high + 1))
    return f"{number}/QĐ-UBND ngày {day:02d}/{month:02d}/{year}", datetime(year, month, day, 9)


def _season(con, cal: dict) -> None:
    """The review season as the calibration's [season] says: every earlier review approved with its recognition
    decision, the review in season spread over the statuses (giamngheo.review). Deterministic: no clock."""
    spec = cal["season"]
    rng = np.random.default_rng([cal["seed"], spec["year"]])
    approvals, statuses = [], []

    def approve(year: int, code_list: str, commune: str, decision: str, at: datetime) -> int:
        approvals.append(dict(approval_id=len(approvals) + 1, review_year=year, code_list=code_list,
                              commune_code=commune, decision=decision, approved_by=DEMO_USER, approved_at=at))
        return len(approvals)

    def record(year, code_list, commune, status, at, decision=None, reason=None, approval_id=None):
        statuses.append(dict(review_year=year, code_list=code_list, commune_code=commune, status=status,
                             decision=decision, reason=reason, changed_by=DEMO_USER, changed_at=at,
                             approval_id=approval_id))

    past = con.execute("select distinct review_year, code_list, commune_code from households "
                       "where review_year <= ? order by all", [spec["approved_through"]]).fetchall()
    for number, (year, code_list, commune) in enumerate(past, start=1):
        decision, at = _decision(rng, 100 + number % 900, year, 12, 5, 14)
        record(year, code_list, commune, review.APPROVED, at, decision, approval_id=approve(year, code_list, commune,
                                                                                             decision, at))

    year, as_of = spec["year"], datetime.combine(spec["as_of"], datetime.min.time())
    communes = con.execute("select distinct code_list, commune_code from households where review_year = ? "
                           "order by all", [year]).fetchall()
    shares = spec["statuses"]
    counts = apportion(len(communes) - len(shares), np.array(list(shares.values()))) + 1
    order = rng.permutation(len(communes))
    start = 0
    for status, count in zip(shares, counts):
        for i in order[start:start + count]:
            code_list, commune = communes[i]
            at = as_of - pd.Timedelta(days=int(rng.integers(1, 20))) + pd.Timedelta(hours=int(rng.integers(8, 17)))
            if status == "chua_co_so_lieu":  # nothing imported yet
                imports.remove_commune_review(con, year, commune)
            elif status == review.SUBMITTED:
                record(year, code_list, commune, status, at)
            elif status == review.APPROVED:
                decision, _ = _decision(rng, 200 + int(i), year, at.month, at.day, at.day)
                record(year, code_list, commune, status, at, decision,
                       approval_id=approve(year, code_list, commune, decision, at))
            elif status == review.REOPENED:
                first = at - pd.Timedelta(days=5)
                decision, _ = _decision(rng, 200 + int(i), year, first.month, first.day, first.day)
                kept = approve(year, code_list, commune, decision, first)
                written.keep_approved_rows(con, kept, year, commune)
                record(year, code_list, commune, status, at, reason=spec["reopen_reason"])
        start += count
    written.add_season(con, pd.DataFrame(approvals), pd.DataFrame(statuses))


def calibration() -> dict:
    return tomllib.loads(CALIBRATION.read_text(encoding="utf-8"))


def build(path: str | Path) -> dict[str, int]:
    """Create the demo database at `path` (replacing any file there). Returns row counts."""
    db.remove(path)
    con = db.create(path)
    try:
        units = con.execute(
            "select code as commune_code, name as commune_name, unit_type, province_code, district_code "
            "from admin_units where code_list = 'gso_2024' and level = 'commune'"
        ).df()
        builder = DemoBuilder(calibration(), units)
        builder.build()
        households, population = _frames(builder)
        targets = _targets(builder.cal, households, population)
        support = _support(builder.cal, households)
        digest = hashlib.sha256(CALIBRATION.read_bytes()).hexdigest()
        with store.transaction(con):
            for import_id, kind, frame in ((1, "households", households), (2, "population", population),
                                           (3, "targets", targets), (4, "support", support)):
                frame["import_id"] = import_id
                imports.append_frame(con, kind, frame)
                imports.record_import(con, kind, "data/demo/calibration.toml", digest, DEMO_USER, len(frame), len(frame),
                                      message="Dữ liệu mô phỏng (synthetic) do giamngheo demo tạo ra", synthetic=True,
                                      import_id=import_id)
            _season(con, builder.cal)
            schema.mark_synthetic(con, seed=str(builder.cal["seed"]))
            schema.refresh_aggregates(con)
        return {table: con.execute(f"select count(*) from {table}").fetchone()[0]
                for table in ("households", "population", "targets", "support", "approvals")}
    finally:
        con.close()
