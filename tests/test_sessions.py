"""Sessions that outlive a tab's connection (giamngheo/sessions.py, giamngheo/web.py): the rules on a real
database file, then the browser: reload, deep link, second tab, sign-out everywhere, an administrator ending a
user's sessions, a disabled account, an expired or tampered cookie."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from urllib.parse import urlencode

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from bench.serving import Dashboard
from giamngheo import auth, db, sessions
from giamngheo.paths import APP

PASSWORDS = {"lanhdao": "matkhau-lanh-dao", "canbo": "matkhau-can-bo-1", "admin": "matkhau-quan-tri"}
ACCOUNTS = [("lanhdao", "lanh_dao", "42"), ("canbo", "can_bo", "19597"), ("admin", "quan_tri", None)]


def with_accounts(demo_db, path) -> str:
    shutil.copy(demo_db, path)
    con = db.connect(path)
    for name, role, area in ACCOUNTS:
        auth.add_user(con, name, PASSWORDS[name], role, area)
    con.close()
    return str(path)


@pytest.fixture
def con(demo_db, tmp_path):
    c = db.connect(with_accounts(demo_db, tmp_path / "s.duckdb"))
    yield c
    c.close()


def signed_in(con, name: str = "lanhdao", now: datetime | None = None) -> tuple[str, str]:
    """A session as the sign-in form starts it, with its cookie collected: (session id, cookie)."""
    session_id, code = sessions.start(con, auth.authenticate(con, name, PASSWORDS[name]), now)
    return session_id, sessions.hand_off(con, code, now)


def test_the_cookie_is_collected_once_and_names_the_session(con):
    now = datetime.now()
    session_id, code = sessions.start(con, auth.authenticate(con, "lanhdao", PASSWORDS["lanhdao"]), now)
    cookie = sessions.hand_off(con, code, now + timedelta(seconds=5))
    assert cookie and sessions.hand_off(con, code, now + timedelta(seconds=6)) is None  # once only
    found = sessions.resolve(con, cookie=cookie, now=now + timedelta(seconds=7))
    assert found.session_id == session_id and found.user == auth.User("lanhdao", "lanh_dao", "42", False)
    # Nothing personal or secret in the cookie, and the database keeps only the token's hash.
    token = cookie.split(".")[0]
    assert "lanhdao" not in cookie and "42" not in token
    stored = con.execute("select * from sessions").fetchall()
    assert not [value for row in stored for value in row if isinstance(value, str) and token in value]
    assert con.execute("select token_sha256 from sessions").fetchone()[0] == sessions._sha256(token)


def test_a_late_or_unknown_code_gets_no_cookie(con):
    now = datetime.now()
    _, code = sessions.start(con, auth.authenticate(con, "lanhdao", PASSWORDS["lanhdao"]), now)
    assert sessions.hand_off(con, "not-the-code", now) is None
    assert sessions.hand_off(con, code, now + timedelta(seconds=sessions.HANDOFF_SECONDS + 1)) is None


def test_a_tampered_or_foreign_cookie_names_no_session(con, empty_db):
    _, cookie = signed_in(con)
    token, signature = cookie.split(".", 1)
    flipped = ("A" if token[0] != "A" else "B") + token[1:]
    for forged in (f"{flipped}.{signature}", cookie[:-2] + ("xx" if cookie[-2:] != "xx" else "yy"), "", "a.b.c"):
        assert sessions.resolve(con, cookie=forged) is None, forged
    other = db.connect(empty_db)  # another database signs with its own key
    try:
        auth.add_user(other, "lanhdao", PASSWORDS["lanhdao"], "lanh_dao", "42")
        _, foreign = signed_in(other)
        assert sessions.resolve(other, cookie=foreign) is not None and sessions.resolve(con, cookie=foreign) is None
    finally:
        other.close()


def test_eight_hours_without_activity_end_a_session(con):
    start = datetime.now()
    session_id, cookie = signed_in(con, now=start)
    active = start + timedelta(hours=7)
    assert sessions.resolve(con, cookie=cookie, now=active) is not None  # and touches last_seen
    assert sessions.resolve(con, cookie=cookie, now=active + timedelta(hours=7, minutes=59)) is not None
    idle = active + timedelta(hours=7, minutes=59) + timedelta(hours=auth.SESSION_HOURS, minutes=1)
    assert sessions.resolve(con, session_id=session_id, now=idle) is None
    assert con.execute("select end_reason from sessions").fetchone()[0] == "expired"
    assert con.execute("select count(*) from audit_log where action = 'session_end' and detail like '%expired'"
                       ).fetchone()[0] == 1


def test_a_cookie_older_than_its_signature_allows_is_refused(con):
    session_id, cookie = signed_in(con)
    assert sessions.resolve(con, cookie=cookie) is not None
    # Signed MAX_HOURS and a minute ago (itsdangerous reads the time from the clock: signed in the past).
    signer = sessions._signer(con)
    signer.get_timestamp = lambda: int((datetime.now() - timedelta(hours=sessions.MAX_HOURS, minutes=1)).timestamp())
    old = signer.sign(cookie.split(".")[0]).decode()
    assert sessions.resolve(con, cookie=old) is None


@pytest.mark.parametrize("change", ["disable", "passwd", "rescope"])
def test_a_change_to_the_account_ends_its_sessions(con, change):
    session_id, cookie = signed_in(con)
    {"disable": lambda: auth.disable_user(con, "lanhdao", "admin"),
     "passwd": lambda: auth.set_password(con, "lanhdao", "mat-khau-moi-123", "admin"),
     "rescope": lambda: auth.rescope(con, "lanhdao", "31", "admin")}[change]()
    assert sessions.resolve(con, cookie=cookie) is None and sessions.resolve(con, session_id=session_id) is None
    assert con.execute("select end_reason from sessions").fetchone()[0] == "account changed"


def test_signing_out_ends_the_session_for_every_tab_and_is_audited(con):
    first, cookie = signed_in(con)
    second, _ = signed_in(con, "canbo")
    assert sessions.end(con, first, "signed out") and not sessions.end(con, first, "signed out")
    assert sessions.resolve(con, cookie=cookie) is None and sessions.resolve(con, session_id=second) is not None
    log = con.execute("select user_name, action, detail from audit_log where action like 'session%' "
                      "order by happened_at").fetchall()
    assert [(u, a) for u, a, _ in log] == [("lanhdao", "session_start"), ("canbo", "session_start"),
                                           ("lanhdao", "session_end")]
    assert log[2][2] == f"{first[:8]} lanhdao signed out"


def test_the_command_line_ends_every_session_of_an_account(demo_db, tmp_path):
    path = with_accounts(demo_db, tmp_path / "cli.duckdb")
    con = db.connect(path)
    ids = [signed_in(con)[0], signed_in(con)[0], signed_in(con, "canbo")[0]]
    con.close()
    run = lambda *args: subprocess.run([sys.executable, "-m", "giamngheo.cli", "user", *args, "--db", path],  # noqa: E731
                                       capture_output=True, text=True)
    ended = run("end-sessions", "lanhdao")
    assert ended.returncode == 0 and "2 open session(s) of lanhdao ended" in ended.stdout
    assert run("end-sessions", "nobody").returncode == 2
    disabled = run("disable", "canbo")
    assert disabled.returncode == 0 and "1 open session(s) of canbo ended" in disabled.stdout
    con = duckdb.connect(path, read_only=True)
    try:
        assert con.execute("select session_id, end_reason from sessions order by created_at").fetchall() == [
            (ids[0], "ended by administrator"), (ids[1], "ended by administrator"), (ids[2], "account changed (disable)")]
    finally:
        con.close()


# -- in the browser -------------------------------------------------------------------------------------------

THACH_HA_2024 = urlencode({"nam": 2024, "tinh": "Tỉnh Hà Tĩnh", "huyen": "Huyện Thạch Hà"})


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    """A dashboard on a database with accounts, restartable on the same port (cookies outlive the process)."""
    work = tmp_path_factory.mktemp("sessions")
    path = with_accounts(demo_db, work / "served.duckdb")
    env = {k: v for k, v in os.environ.items() if k != "GIAMNGHEO_READ_ONLY"}

    class Site:
        def __init__(self):
            self.path = path
            self.dashboard = Dashboard(["--db", path], work / "serve.log", env)
            self.url = self.dashboard.url

        def restart(self, between=None):
            self.dashboard.stop()
            if between:
                between()
            self.dashboard = Dashboard(["--db", path], work / "serve.log", env, port=int(self.url.rsplit(":", 1)[1]))

    running = Site()
    yield running
    running.dashboard.stop()


def settled(page):
    page.locator('[data-testid="stStatusWidgetRunningIcon"]').wait_for(state="hidden", timeout=90_000)
    page.wait_for_load_state("networkidle")


def sign_in(page, name: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORDS[name])
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=90_000)
    settled(page)
    # The page collects its cookie right after signing in, in the background: wait until the browser holds it.
    for _ in range(300):
        if session_cookie(page.context):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the signed-in page did not collect its session cookie")


def asks_sign_in(page) -> None:
    page.get_by_label("Mật khẩu").wait_for(timeout=90_000)


def next_action(page) -> None:
    """What a user does next: open another page from the sidebar."""
    settled(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Tổng quan", exact=True).click()


def session_cookie(context) -> dict | None:
    return next((c for c in context.cookies() if c["name"] == sessions.COOKIE), None)


@pytest.mark.e2e
def test_a_deep_link_reload_and_second_tab_stay_signed_in_and_sign_out_ends_both(site, browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        first = context.new_page()
        first.goto(f"{site.url}/deprivation?{THACH_HA_2024}")
        asks_sign_in(first)
        sign_in(first, "lanhdao")
        # Signed in from a deep link: that page, with that link's filters.
        first.locator("h1", has_text="Chiều thiếu hụt · Huyện Thạch Hà · 2024").wait_for(timeout=90_000)
        cookie = session_cookie(context)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and "lanhdao" not in cookie["value"]
        first.reload()
        first.locator("h1", has_text="Chiều thiếu hụt · Huyện Thạch Hà · 2024").wait_for(timeout=90_000)
        assert first.get_by_label("Mật khẩu").count() == 0
        # A colleague's link in a second tab (the projector's): signed in, its own page and filters.
        second = context.new_page()
        second.goto(f"{site.url}/transitions?{THACH_HA_2024}")
        second.locator("h1", has_text="Huyện Thạch Hà · Diễn biến hộ nghèo từ năm 2023 đến năm 2024").wait_for(
            timeout=90_000)
        assert second.get_by_label("Mật khẩu").count() == 0
        settled(second)
        second.get_by_role("button", name="Đăng xuất").click()
        asks_sign_in(second)
        next_action(first)  # the first tab asks for sign-in at its next action
        asks_sign_in(first)
        first.reload()  # and the cookie it still sends names an ended session
        asks_sign_in(first)
    finally:
        context.close()


@pytest.mark.e2e
def test_an_administrator_ends_every_session_of_a_user(site, browser):
    leader, admin = (browser.new_context(viewport={"width": 1920, "height": 1080}) for _ in range(2))
    try:
        page = leader.new_page()
        page.goto(f"{site.url}/?{THACH_HA_2024}")
        sign_in(page, "lanhdao")
        control = admin.new_page()
        control.goto(f"{site.url}/admin")
        sign_in(control, "admin")
        control.locator("h1", has_text="Quản trị").wait_for(timeout=90_000)
        control.get_by_text("Phiên đăng nhập đang mở").wait_for()
        control.locator('[data-testid="stSelectbox"]').filter(has_text="Kết thúc mọi phiên").click()
        control.get_by_role("option", name="lanhdao").click()
        control.get_by_role("button", name="Kết thúc phiên").click()
        control.get_by_text("Đã kết thúc 1 phiên của lanhdao.").wait_for(timeout=60_000)
        next_action(page)
        asks_sign_in(page)
        next_action(control)  # the administrator's own session goes on
        control.locator("h1").first.wait_for(timeout=90_000)
        assert control.get_by_label("Mật khẩu").count() == 0
    finally:
        leader.close()
        admin.close()


@pytest.mark.e2e
def test_a_disabled_account_and_an_idle_session_end_and_others_survive_a_restart(site, browser):
    contexts = {name: browser.new_context(viewport={"width": 1920, "height": 1080}) for name in PASSWORDS}
    try:
        pages = {}
        for name, context in contexts.items():
            pages[name] = context.new_page()
            pages[name].goto(f"{site.url}/?{urlencode({'nam': 2022})}")
            sign_in(pages[name], name)

        def while_stopped():  # the command line needs the file to itself
            subprocess.run([sys.executable, "-m", "giamngheo.cli", "user", "disable", "canbo", "--db", site.path],
                           check=True, capture_output=True)
            con = duckdb.connect(site.path)
            con.execute("update sessions set last_seen = last_seen - interval 9 hours where user_name = 'lanhdao'")
            con.close()

        site.restart(while_stopped)
        next_action(pages["canbo"])  # the open tab reconnects; its next action asks for sign-in
        asks_sign_in(pages["canbo"])
        pages["lanhdao"].reload()  # nine hours idle
        asks_sign_in(pages["lanhdao"])
        pages["admin"].reload()  # the server restarted, the session did not end
        pages["admin"].get_by_role("button", name="Đăng xuất").wait_for(timeout=90_000)
        assert pages["admin"].get_by_label("Mật khẩu").count() == 0
        settled(pages["lanhdao"])
        # The stale cookie is forgotten once the sign-in form shows.
        assert session_cookie(contexts["lanhdao"]) is None
    finally:
        for context in contexts.values():
            context.close()


@pytest.mark.e2e
def test_a_tampered_cookie_asks_for_sign_in_and_is_forgotten(site, browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        page = context.new_page()
        page.goto(f"{site.url}/?{THACH_HA_2024}")
        sign_in(page, "admin")
        cookie = session_cookie(context)
        token, signature = cookie["value"].split(".", 1)
        context.add_cookies([{**cookie, "value": ("A" if token[0] != "A" else "B") + token[1:] + "." + signature}])
        page.reload()
        asks_sign_in(page)
        settled(page)
        assert session_cookie(context) is None
    finally:
        context.close()


@pytest.mark.e2e
def test_the_cookie_route_answers_only_its_own_pages(site):
    def post(headers: dict, body: bytes = json.dumps({"ma": "x"}).encode(), method: str = "POST") -> int:
        request = urllib.request.Request(f"{site.url}/api/phien", data=body, headers=headers, method=method)
        try:
            return urllib.request.urlopen(request, timeout=10).status
        except urllib.error.HTTPError as error:
            return error.code

    json_type = {"Content-Type": "application/json"}
    assert post(json_type) == 403  # no Origin: not a page of this site
    assert post({**json_type, "Origin": "http://evil.example"}) == 403
    assert post({"Origin": site.url, "Content-Type": "text/plain"}) == 415  # what a cross-site form could send
    assert post({**json_type, "Origin": site.url}) == 403  # not a code given at sign-in
    assert post({**json_type, "Origin": site.url}, b"x" * 5000) == 413
    assert post({"Origin": site.url}, b"", "DELETE") == 204


# -- a province's identity provider (OpenID Connect through st.login) ---------------------------------------------

def with_provider(path: str, monkeypatch, identity: dict) -> AppTest:
    """app.py with an [auth] section in its secrets (as .streamlit/secrets.toml would hold it) and the identity the
    provider returned (AppTest seeds st.user: no identity server in the tests)."""
    monkeypatch.setenv("GIAMNGHEO_DB", path)
    monkeypatch.delenv("GIAMNGHEO_READ_ONLY", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s" * 32,
                          "client_id": "giamngheo", "client_secret": "c",
                          "server_metadata_url": "https://sso.example.gov.vn/realms/tinh/.well-known/openid-configuration"}
    at.user = identity
    at.query_params["nam"] = "2024"
    return at.run()


def test_the_provinces_identity_provider_signs_in_a_giamngheo_account(demo_db, tmp_path, monkeypatch):
    path = with_accounts(demo_db, tmp_path / "oidc.duckdb")
    con = duckdb.connect(path)
    auth.disable_user(con, "canbo")
    con.close()
    now = time.time()
    just_back = with_provider(path, monkeypatch, {"is_logged_in": True, "preferred_username": "lanhdao", "iat": now})
    assert not just_back.exception and just_back.title[0].value == "Tỉnh Hà Tĩnh · Năm rà soát 2024"
    assert "session" in just_back.session_state
    # An older identity (a session since ended by signing out or by an administrator) is not reopened by it: the
    # user goes through the provider again.
    older = with_provider(path, monkeypatch, {"is_logged_in": True, "preferred_username": "lanhdao", "iat": now - 600})
    assert "session" not in older.session_state and [b.label for b in older.button][0] == "Đăng nhập bằng tài khoản của tỉnh"
    for name in ("canbo", "nguoi_la"):  # disabled; no giamngheo account
        refused = with_provider(path, monkeypatch, {"is_logged_in": True, "preferred_username": name, "iat": now})
        assert "session" not in refused.session_state and f"tài khoản '{name}' chưa được cấp" in refused.error[0].value
    con = duckdb.connect(path)  # the dashboard's connection in this process holds the file for writing
    try:
        assert con.execute("select user_name, detail, outcome from audit_log where action = 'sign_in' "
                           "order by happened_at").fetchall() == [
            ("lanhdao", "lanh_dao via oidc", "ok"), ("canbo", "oidc: no enabled account", "refused"),
            ("nguoi_la", "oidc: no enabled account", "refused")]
    finally:
        con.close()


def test_a_page_run_looks_up_its_session_once_and_an_ended_session_ends_at_the_next_run(demo_db, tmp_path,
                                                                                        monkeypatch):
    # The pages ask who is signed in a couple of dozen times a run; the session is looked up in the database once
    # a run, and every run looks it up again, so an administrator's ending it takes effect at the next action.
    from tests.apptest import sign_in

    path = with_accounts(demo_db, tmp_path / "once.duckdb")
    monkeypatch.setenv("GIAMNGHEO_DB", path)
    monkeypatch.delenv("GIAMNGHEO_READ_ONLY", raising=False)
    looked_up = []
    resolve = sessions.resolve
    monkeypatch.setattr(sessions, "resolve", lambda *args, **kwargs: looked_up.append(1) or resolve(*args, **kwargs))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"nam": "2020", "tinh": "Tỉnh Hà Tĩnh"})
    at.run()
    at = sign_in(at, "lanhdao", PASSWORDS["lanhdao"])
    looked_up.clear()
    at.run()
    assert not at.exception and at.metric  # the overview of the leader's province, signed in
    assert len(looked_up) == 1
    at.run()
    assert len(looked_up) == 2
    con = db.connect(path)
    try:
        sessions.end_all(con, "lanhdao", "ended by administrator", "admin")
    finally:
        con.close()
    at.run()
    assert not at.metric and at.text_input(key="login_name")  # asked to sign in again
