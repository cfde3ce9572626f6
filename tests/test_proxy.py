"""`giamngheo serve --workers N` puts HAProxy (Debian's package) in front of the processes: its configuration
(giamngheo/proxy.py) run by the real HAProxy, in front of two small HTTP servers standing in for the dashboard
processes. A link naming a province always reaches the same process (the process that has drawn it), links
without one go round robin, a cookie keeps a browser on its process, and a process holding half again as many
connections as the average gets no new province."""

from __future__ import annotations

import http.client
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest

from giamngheo.proxy import COOKIE, HAPROXY, config, free_port

pytestmark = pytest.mark.skipif(not Path(HAPROXY).exists(), reason="needs Debian's haproxy (make debian)")

PROVINCES = ["Tỉnh Lào Cai", "Tỉnh Điện Biên", "Tỉnh Hà Giang", "Tỉnh Sơn La", "Thành phố Hà Nội",
             "Tỉnh Cao Bằng", "Tỉnh Lai Châu", "Tỉnh Yên Bái", "Tỉnh Bắc Kạn", "Tỉnh Quảng Trị", "Tỉnh Nghệ An",
             "Tỉnh Gia Lai"]


class Worker(BaseHTTPRequestHandler):
    """A stand-in for a dashboard process: answers every request; a WebSocket's path is held open until released."""

    release, held = threading.Event(), []

    def do_GET(self):
        if self.path.startswith("/_stcore/stream"):
            self.held.append(self.path)
            self.release.wait(30)
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(tmp_path):
    workers = [ThreadingHTTPServer(("127.0.0.1", free_port()), Worker) for _ in range(2)]
    for worker in workers:
        threading.Thread(target=worker.serve_forever, daemon=True).start()
    port = free_port()
    (tmp_path / "haproxy.cfg").write_text(config(port, [w.server_address[1] for w in workers], "127.0.0.1"))
    haproxy = subprocess.Popen([HAPROXY, "-f", str(tmp_path / "haproxy.cfg"), "-db"], cwd=tmp_path)
    Worker.release.clear()
    Worker.held.clear()
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                worker_of(port, "/")
                break
            except OSError:
                assert time.monotonic() < deadline and haproxy.poll() is None, "HAProxy did not start"
                time.sleep(0.1)
        yield port
    finally:
        Worker.release.set()
        haproxy.terminate()
        haproxy.wait(10)
        for worker in workers:
            worker.shutdown()


def worker_of(port: int, path: str, cookie: str | None = None,
              connection: http.client.HTTPConnection | None = None) -> str:
    """The process HAProxy sent the request to, as its cookie names it (the request's own cookie, if it had one).
    On `connection`, kept open, if given: HAProxy ends a request's stream before it reads the next one on the same
    connection, whereas a closed connection's stream may still count on its process when the next connection's
    request is balanced (a busy machine), and one open stream of two is already more than half again the average."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {})
        response = connection.getresponse()
        response.read()
        set_cookie = response.getheader("Set-Cookie")
    finally:
        if own:
            connection.close()
    return set_cookie.split(";", 1)[0].split("=", 1)[1] if set_cookie else cookie


def link(province: str) -> str:
    return "/?" + urlencode({"nam": 2024, "tinh": province})


def test_a_province_link_always_reaches_the_same_process_and_the_provinces_are_shared_out(proxy):
    connection = http.client.HTTPConnection("127.0.0.1", proxy, timeout=30)  # one request at a time (worker_of)
    try:
        first = {province: worker_of(proxy, link(province), connection=connection) for province in PROVINCES}
        assert all(worker_of(proxy, link(province), connection=connection) == first[province]
                   for province in PROVINCES for _ in range(3))
    finally:
        connection.close()
    assert set(first.values()) == {"w1", "w2"}, first  # both processes draw provinces


def test_links_without_a_province_go_round_robin_and_a_cookie_keeps_its_process(proxy):
    bare = [worker_of(proxy, "/") for _ in range(4)]
    assert sorted(bare) == ["w1", "w1", "w2", "w2"], bare
    province = PROVINCES[0]
    other = {"w1": "w2", "w2": "w1"}[worker_of(proxy, link(province))]
    assert worker_of(proxy, link(province), cookie=other) == other  # a browser stays where its session lives
    assert worker_of(proxy, "/_stcore/health", cookie=other) == other


def test_a_process_with_half_again_the_average_load_gets_no_new_province(proxy):
    province = PROVINCES[0]
    busy = worker_of(proxy, link(province))
    # Four sessions' WebSockets held open on the province's process, none on the other.
    sockets = [threading.Thread(target=worker_of, args=(proxy, "/_stcore/stream", busy)) for _ in range(4)]
    for socket in sockets:
        socket.start()
    deadline = time.monotonic() + 30
    while len(Worker.held) < 4:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    try:
        assert worker_of(proxy, link(province)) != busy
    finally:
        Worker.release.set()
        for socket in sockets:
            socket.join(30)
    # The load gone (HAProxy ends the four streams as it sees their connections close), the province is back.
    deadline = time.monotonic() + 10
    while worker_of(proxy, link(province)) != busy:
        assert time.monotonic() < deadline, "the province did not come back to its process"
        time.sleep(0.05)
