"""Small-count protection (hardening, item 10): one rule from the catalogue, applied in one place, so that the
pages, the map, the command-line reports and the exports hide the same cells from the accounts without names."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from giamngheo import disclosure, queries
from giamngheo.paths import APP

from tests.apptest import sign_in

K = disclosure.rule().min_households


def test_the_rule_is_data():
    rule = disclosure.rule()
    assert rule.min_households == 3 and set(rule.exact_roles) == {"lanh_dao", "can_bo", "quan_tri"}
    assert disclosure.applies("phan_tich", False) and not disclosure.applies("phan_tich", True)
    assert not disclosure.applies("lanh_dao", False) and not disclosure.applies("can_bo", False)


def test_a_small_cell_and_its_complement_are_hidden():
    communes = pd.DataFrame({"commune_code": ["A", "B", "C", "D"], "poor": [2, 7, 5, 0], "near_poor": [9, 8, 12, 4],
                             "poor_rate_pct": [0.2, 0.7, 0.5, 0.0], "near_poor_rate_pct": [1, 1, 1, 1],
                             "previous_poor": [4, 6, 5, 0], "poor_change_pp": [-0.1, 0.1, 0.0, 0.0]})
    shown = disclosure.protect("communes", communes)
    # A's 2 is hidden; the area total less the others would give it back, so C's 5 (the smallest other) goes too.
    assert shown.poor.isna().tolist() == [True, False, True, False]
    assert shown.poor_rate_pct.isna().tolist() == [True, False, True, False]
    assert shown.poor_change_pp.isna().tolist() == [True, False, True, False]
    assert shown.near_poor.notna().all() and shown.attrs["hidden"] == 2
    assert shown.loc[3, "poor"] == 0  # none is not a small count


def test_form_r2_keeps_its_identity_secret():
    flows = pd.DataFrame([{"poor_start": 40, "escaped_to_near_poor": 9, "escaped_above_near_poor": 12,
                           "other_decrease": 1, "from_near_poor": 4, "re_poor": 0, "new_poor": 6, "other_increase": 0,
                           "poor_end": 28}])
    shown = disclosure.protect("transitions", flows).iloc[0]
    assert pd.isna(shown.other_decrease) and pd.isna(shown.from_near_poor)  # 1 and the smallest other, 4
    assert shown.poor_start == 40 and shown.poor_end == 28 and shown.new_poor == 6


def test_complementary_groups():
    groups = pd.DataFrame({"group": ["khong_kha_nang_lao_dong", "co_kha_nang_lao_dong", "nguoi_co_cong"],
                           "poor": [2, 30, 1], "near_poor": [5, 40, 0], "share_of_poor_pct": [6.3, 93.7, 3.1]})
    shown = disclosure.protect("groups", groups)
    assert shown.poor.isna().tolist() == [True, True, True]  # with labour capacity = poor - without: hidden too
    assert shown.near_poor.tolist() == [5, 40, 0] and shown.share_of_poor_pct.isna().all()


def test_a_report_protected_on_the_command_line_agrees_with_the_rule(demo_db):
    def report(*extra):
        out = subprocess.run([sys.executable, "-m", "giamngheo.cli", "report", "communes", "--area", "311", "--year",
                              "2024", "--format", "json", "--db", demo_db, *extra], capture_output=True, text=True,
                             check=True)
        return pd.DataFrame(json.loads(out.stdout))

    exact, protected = report(), report("--protect")
    small = exact.poor.between(1, K - 1)
    assert small.sum() >= 1 and protected.poor[small].isna().all()
    assert protected.poor.dropna().map(lambda v: v == 0 or v >= K).all()
    assert protected.poor_rate_pct[protected.poor.isna()].isna().all()
    same = protected.poor.notna()
    assert (protected.poor[same] == exact.poor[same]).all()  # nothing else changes


def test_the_protected_workbook_shows_no_small_count(demo_db, tmp_path):
    out, copy = tmp_path / "bieu.xlsx", tmp_path / "demo.duckdb"
    shutil.copy(demo_db, copy)  # the export writes its audit row: not into a file the session's readers hold
    subprocess.run([sys.executable, "-m", "giamngheo.cli", "export", "xlsx", "--area", "311", "--year", "2024",
                    "--out", str(out), "--db", str(copy), "--protect"], check=True, capture_output=True)
    book = load_workbook(out)
    r1 = book["R1 Ket qua"]
    poor = [r1[f"E{row}"].value for row in range(6, r1.max_row)]
    assert None in poor and not [v for v in poor if isinstance(v, int) and 0 < v < K]
    assert "dưới 3 hộ" in r1["A3"].value
    total = r1[f"E{r1.max_row}"].value
    assert total == 96  # the area's own figure, not a sum with holes
    r2 = book["R2 Dien bien"]
    for row in r2.iter_rows(min_row=6, values_only=True):
        assert not [v for v in row[2:10] if isinstance(v, int) and 0 < v < K]


@pytest.fixture
def analyst(analyst_db):

    def open_as(name, password, page=None):
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params.update({"nam": "2024", "tinh": "Thành phố Hải Phòng", "huyen": "Huyện Thuỷ Nguyên"})
        at.run()
        sign_in(at, name, password)
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return open_as


def commune_table(at):
    return next(d.value for d in at.dataframe if "Hộ nghèo" in d.value.columns and "Mã xã" in d.value.columns)


def test_an_analyst_sees_protected_counts_and_a_leader_exact_ones(analyst, demo_con):
    exact = queries.run(demo_con, "communes", area="311", year=2024)
    small = int(exact.poor.between(1, K - 1).sum() + exact.near_poor.between(1, K - 1).sum())
    assert small > 0
    shown = commune_table(analyst("pt", "matkhau-phan-tich"))
    assert shown["Hộ nghèo"].isna().sum() + shown["Hộ cận nghèo"].isna().sum() >= small
    leader = analyst("ld", "matkhau-lanh-dao")
    assert commune_table(leader)["Hộ nghèo"].notna().all()
    assert any("dưới 3 hộ" in i.value for i in analyst("pt", "matkhau-phan-tich").sidebar.info)


def test_a_list_without_names_shows_nothing_that_points_to_a_household(analyst):
    at = analyst("pt", "matkhau-phan-tich", "pages/households.py")
    table = next(d.value for d in at.dataframe if "Mã hộ" in d.value.columns)
    assert len(table) > 0
    assert not {"Họ tên chủ hộ", "Thôn/Tổ dân phố", "Nhân khẩu", "Thu nhập/người/tháng"} & set(table.columns)


def test_the_protected_scorecard_report_answers(demo_db):
    """`report targets --protect` on a scorecard with nothing to hide answers like the exact one (it stopped on a
    boolean column that could not take an empty cell)."""
    def targets(*protect):
        result = subprocess.run([sys.executable, "-m", "giamngheo.cli", "report", "targets", "--area", "445", "--year",
                                 "2020", "--format", "json", "--db", demo_db, *protect], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    exact, protected = targets(), targets("--protect")
    assert len(protected) == len(exact) > 0
    assert [r["attained"] for r in protected] == [r["attained"] for r in exact]
