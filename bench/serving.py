"""`giamngheo serve` started on a free port and waited for, for the benchmarks and the browser tests."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from giamngheo.proxy import free_port, healthy


class Dashboard:
    """A dashboard process (`giamngheo serve ARGS --port N`) writing to `log`; `url` once it answers."""

    def __init__(self, args: list[str], log: Path, env: dict[str, str], wait_s: float = 180, port: int | None = None):
        self.log = Path(log)
        self._log_file = open(self.log, "a")
        port = port or free_port()
        self.process = subprocess.Popen([sys.executable, "-m", "giamngheo.cli", "serve", *args, "--port", str(port)],
                                        stdout=self._log_file, stderr=subprocess.STDOUT, env=env)
        self.url = f"http://localhost:{port}"
        deadline = time.monotonic() + wait_s
        while not self.healthy():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"the dashboard did not start; its log:\n{self.log_tail()}")
            time.sleep(0.5)

    def healthy(self) -> bool:
        return healthy(self.url)

    def log_tail(self, chars: int = 3000) -> str:
        if not self._log_file.closed:
            self._log_file.flush()
        return self.log.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(20)
        self._log_file.close()
