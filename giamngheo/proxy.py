"""Several dashboard processes behind one address: `giamngheo serve --workers N`.

N Streamlit processes (`python -m giamngheo.web`) listen on loopback ports of their own, and HAProxy (Debian's
package) listens on the public port, sending each browser to one process for good: its first answer sets a
cookie naming the process (sticky sessions; Streamlit keeps a session's state in the process that runs it),
and the WebSocket that carries the page upgrades through the same process. A process that stops answering its
health check gets no new browsers.

The processes share the database. A DuckLake takes them all, and imports from any of them or from the command
line: each import is one snapshot, and every process sees it at its next look at the lake's snapshot (at most 5
seconds), never half of it. One DuckDB file is written by one process only, so several processes read it
read-only (GIAMNGHEO_READ_ONLY=1: a viewers' dashboard, without sign-in or imports).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HAPROXY = "/usr/sbin/haproxy"
COOKIE = "giamngheo_worker"


class ProxyError(Exception):
    pass


def config(port: int, worker_ports: list[int], bind: str = "0.0.0.0") -> str:
    """HAProxy's configuration. A browser's first request goes to a process and the answer's cookie keeps it there
    (sticky sessions). A link naming a province (`tinh`) goes to the process that province hashes to, so that a
    room opening the same provinces shares the charts each process has drawn (components/turns.py), unless that
    process already holds half again as many connections as the average (consistent hashing with bounded loads:
    the sessions' WebSockets count); any other first request goes round robin."""
    servers = "\n".join(f"    server w{i} 127.0.0.1:{p} cookie w{i} check inter 2s"
                        for i, p in enumerate(worker_ports, start=1))

    cookie = f'    cookie {COOKIE} insert indirect nocache httponly attr "SameSite=Lax"'
    return f"""global
    maxconn 4096

defaults
    mode http
    option forwardfor
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    timeout tunnel 8h

frontend dashboard
    bind {bind}:{port}
    use_backend by_province if {{ url_param(tinh) -m found }} || {{ path_beg /_stcore/stream }}
    default_backend workers

backend workers
    balance roundrobin
{cookie}
    option httpchk GET /_stcore/health
{servers}

backend by_province
    balance url_param tinh
    hash-type consistent
    hash-balance-factor 150
{cookie}
    option httpchk GET /_stcore/health
{servers}
"""


def free_port() -> int:
    """A port of loopback that no process listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether the dashboard at `url` answers Streamlit's health check."""
    try:
        return urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok"
    except OSError:
        return False


def _wait_for(worker_ports: list[int], children: list[subprocess.Popen], wait_s: float = 300) -> None:
    deadline = time.monotonic() + wait_s
    waiting = set(worker_ports)
    while waiting:
        if time.monotonic() > deadline or any(child.poll() is not None for child in children):
            for child in children:
                child.terminate()
            raise ProxyError(f"a dashboard process did not start (ports {sorted(waiting)})")
        waiting = {port for port in waiting if not healthy(f"http://127.0.0.1:{port}")}
        time.sleep(0.3)


def run(port: int, workers: int, env: dict[str, str], cwd: Path) -> int:
    """Start the processes and the proxy, and stop them all when one of them ends or this process is told to."""
    if not Path(HAPROXY).exists():
        raise ProxyError("several workers need HAProxy: install Debian's haproxy package (`make debian`)")
    folder = Path(tempfile.mkdtemp(prefix="giamngheo-proxy-"))
    worker_ports = [free_port() for _ in range(workers)]
    (folder / "haproxy.cfg").write_text(config(port, worker_ports), encoding="utf-8")
    children = [subprocess.Popen([sys.executable, "-m", "giamngheo.web", "--port", str(p), "--address", "127.0.0.1"],
                                 env=env, cwd=cwd) for p in worker_ports]
    _wait_for(worker_ports, children)  # the proxy then starts with every process up
    children.append(subprocess.Popen([HAPROXY, "-f", str(folder / "haproxy.cfg"), "-db"], cwd=folder))

    def stop(*_) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        return next(child.returncode for child in children if child.returncode is not None) or 1
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(20)
            except subprocess.TimeoutExpired:
                child.kill()
        shutil.rmtree(folder, ignore_errors=True)


def check_database(location: str, is_lake: bool) -> None:
    """Several processes on one DuckDB file only read it."""
    if not is_lake and os.environ.get("GIAMNGHEO_READ_ONLY") != "1":
        raise ProxyError("several workers share a DuckLake (--db 'ducklake:postgres:... DATA_PATH=...'); on one DuckDB "
                         f"file ({location}) they can only read it: set GIAMNGHEO_READ_ONLY=1")
