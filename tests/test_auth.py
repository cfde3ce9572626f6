"""Accounts, roles, area restriction, personal data and the audit log."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timedelta

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from giamngheo import auth, db
from giamngheo.paths import APP

from tests.apptest import sign_in

PASSWORDS = {"canbo_camlo": "matkhau-can-bo-1", "ld_haiphong": "matkhau-lanh-dao", "pt_quocgia": "matkhau-phan-tich",
             "admin": "matkhau-quan-tri"}


@pytest.fixture(scope="module")
def accounts_db(demo_db, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("auth") / "accounts.duckdb"
    shutil.copy(demo_db, path)
    con = db.connect(path)
    auth.add_user(con, "canbo_camlo", PASSWORDS["canbo_camlo"], "can_bo", "19597")  # Thị trấn Cam Lộ
    auth.add_user(con, "ld_haiphong", PASSWORDS["ld_haiphong"], "lanh_dao", "31")
    auth.add_user(con, "pt_quocgia", PASSWORDS["pt_quocgia"], "phan_tich", None)
    auth.add_user(con, "admin", PASSWORDS["admin"], "quan_tri", None)
    con.close()
    return str(path)


@pytest.fixture
def con(accounts_db, tmp_path):
    path = tmp_path / "a.duckdb"
    shutil.copy(accounts_db, path)
    c = db.connect(path)
    yield c
    c.close()


def audit_rows(con, action):
    return con.execute("select user_name, detail, outcome from audit_log where action = ? order by happened_at",
                       [action]).fetchall()


def test_passwords_are_hashed_with_bcrypt(con):
    stored = con.execute("select password_hash from users where name = 'canbo_camlo'").fetchone()[0]
    # bcrypt over the password's SHA-256 (any length of password; bcrypt alone reads 72 bytes at most)
    assert stored.startswith("sha256$$2b$12$") and PASSWORDS["canbo_camlo"] not in stored


def test_sign_in_and_lock_out(con):
    user = auth.authenticate(con, "canbo_camlo", PASSWORDS["canbo_camlo"])
    assert (user.role, user.area_code, user.may_see_names) == ("can_bo", "19597", True)
    now = datetime(2026, 11, 21, 9, 0)
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(auth.AuthError):
            auth.authenticate(con, "canbo_camlo", "wrong password", now)
    with pytest.raises(auth.AuthError, match="khóa"):  # locked: even the right password is refused
        auth.authenticate(con, "canbo_camlo", PASSWORDS["canbo_camlo"], now + timedelta(minutes=5))
    later = now + timedelta(minutes=auth.LOCK_MINUTES + 1)
    assert auth.authenticate(con, "canbo_camlo", PASSWORDS["canbo_camlo"], later).name == "canbo_camlo"
    outcomes = [r[2] for r in audit_rows(con, "sign_in")]
    assert outcomes == ["ok"] + ["refused"] * auth.MAX_FAILURES + ["refused", "ok"]


def test_unknown_and_disabled_users_are_refused_alike(con):
    with pytest.raises(auth.AuthError, match="wrong user name or password"):
        auth.authenticate(con, "' or 1=1 --", "x")
    auth.disable_user(con, "ld_haiphong")
    with pytest.raises(auth.AuthError, match="wrong user name or password"):
        auth.authenticate(con, "ld_haiphong", PASSWORDS["ld_haiphong"])
    assert con.execute("select count(*) from users").fetchone()[0] == 4


def test_allowed_codes_follow_the_area(con):
    officer = auth.User("canbo_camlo", "can_bo", "19597", True)
    assert auth.allowed_codes(con, officer, "gso_2024") == {"19597"}
    leader = auth.User("ld_haiphong", "lanh_dao", "31", False)
    codes = auth.allowed_codes(con, leader, "gso_2024")
    assert "31" in codes and "311" in codes and "11470" in codes and "42" not in codes and "468" not in codes
    district = auth.User("x", "can_bo", "311", True)
    after = auth.allowed_codes(con, district, "qd19_2025")  # no districts after July 2025: the successors
    assert after >= {"11560", "11473", "11503"} and "31" not in after
    assert auth.allowed_codes(con, auth.User("a", "phan_tich", None, False), "gso_2024") is None


def test_user_commands(accounts_db, tmp_path):
    path = tmp_path / "u.duckdb"
    shutil.copy(accounts_db, path)

    def run(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "giamngheo.cli", "user", *args, "--db", str(path)], input=stdin,
                              capture_output=True, text=True)

    assert run("add", "canbo_thachha", "--role", "can_bo", "--area", "445", stdin="mot-mat-khau-dai\n").returncode == 0
    short = run("add", "x", "--role", "can_bo", "--area", "445", stdin="ngan\n")
    assert short.returncode == 2 and "8 characters" in short.stderr
    assert run("add", "y", "--role", "can_bo", "--area", "99999", stdin="mot-mat-khau-dai\n").returncode == 2
    assert run("passwd", "canbo_thachha", stdin="mat-khau-moi-123\n").returncode == 0
    assert run("disable", "canbo_thachha").returncode == 0
    listing = run("list").stdout
    assert "canbo_thachha,can_bo,445,True,True" in listing and "$2b$" not in listing and "sha256$" not in listing
    con = duckdb.connect(str(path), read_only=True)
    changes = [r[0] for r in con.execute("select detail from audit_log where action = 'user_change' "
                                         "order by happened_at").fetchall()]
    con.close()
    assert changes[-3:] == ["add canbo_thachha role=can_bo area=445 names=True", "password canbo_thachha",
                            "disable canbo_thachha"]


# -- the dashboard, per role -------------------------------------------------------------------------------

@pytest.fixture
def signed_in(accounts_db, tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    shutil.copy(accounts_db, path)
    monkeypatch.setenv("GIAMNGHEO_DB", str(path))
    monkeypatch.delenv("GIAMNGHEO_READ_ONLY", raising=False)

    def open_as(name: str | None, page: str | None = None, **params) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        if name:
            sign_in(at, name, PASSWORDS[name])
        if page:
            at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    open_as.path = str(path)
    return open_as


def test_no_sign_in_no_data(signed_in):
    at = signed_in(None, nam="2022")
    assert at.title[0].value == "Giảm nghèo"
    assert not at.metric and [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]


def test_officer_sees_only_the_commune_whatever_the_url(signed_in):
    at = signed_in("canbo_camlo", nam="2022", tinh="Thành phố Hải Phòng", huyen="Huyện Thuỷ Nguyên")
    assert at.title[0].value == "Thị trấn Cam Lộ · Năm rà soát 2022"
    assert [s.options for s in at.selectbox if s.key == "tinh"] == [["Tỉnh Quảng Trị"]]
    at.switch_page("pages/households.py").run()
    table = next(d.value for d in at.dataframe if "Mã hộ" in d.value.columns)
    assert set(table["Xã / phường"]) == {"Thị trấn Cam Lộ"} and "Họ tên chủ hộ" in table.columns
    con = duckdb.connect(signed_in.path)  # the app's own configuration: same process, same database
    views = con.execute("select user_name, detail from audit_log where action = 'view_names'").fetchall()
    con.close()
    assert views == [("canbo_camlo", "area=19597 year=2022 class=ngheo group=all")]


@pytest.mark.parametrize("crafted", ["Huyện Thuỷ Nguyên'; drop table households; --", "' or '1'='1", "31 or 1=1"])
def test_crafted_url_values_change_nothing(signed_in, crafted):
    at = signed_in("canbo_camlo", nam="2022", tinh=crafted, huyen=crafted, xa=crafted)
    assert at.title[0].value == "Thị trấn Cam Lộ · Năm rà soát 2022"
    con = duckdb.connect(signed_in.path)  # the app's own configuration: same process, same database
    assert con.execute("select count(*) from households").fetchone()[0] > 100_000
    con.close()


def test_leader_sees_aggregates_but_no_household_list(signed_in):
    at = signed_in("ld_haiphong", nam="2022", huyen="Huyện Thuỷ Nguyên")
    assert at.title[0].value == "Thành phố Hải Phòng · Năm rà soát 2022" or "Thuỷ Nguyên" in at.title[0].value
    assert [m.value for m in at.metric][1] == "1.118 hộ"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/households.py")  # not among a leader's pages


def test_analyst_sees_households_without_names(signed_in):
    at = signed_in("pt_quocgia", "pages/households.py", nam="2019", tinh="Tỉnh Hà Tĩnh", huyen="Huyện Thạch Hà")
    table = next(d.value for d in at.dataframe if "Mã hộ" in d.value.columns)
    assert len(table) == 1597 and "Họ tên chủ hộ" not in table.columns
    assert any("được ẩn" in c.value for c in at.caption)


def test_admin_reads_the_audit_log(signed_in):
    at = signed_in("admin", "pages/admin.py")
    users = next(d.value for d in at.dataframe if "role" in d.value.columns)
    assert set(users.name) == set(PASSWORDS)
    log = next(d.value for d in at.dataframe if "action" in d.value.columns)
    assert ("admin", "sign_in", "ok") in set(zip(log.user_name, log.action, log.outcome))
