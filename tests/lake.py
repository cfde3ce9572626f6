"""A PostgreSQL server of Debian's packages on loopback, for the DuckLake tests and the DuckLake benchmark.

The server runs from a temporary folder on a free port, listening on 127.0.0.1 only, with trust
authentication for the one local user (nothing else can reach it). As root, PostgreSQL refuses to run, so
it runs as the `postgres` account that Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from giamngheo.proxy import free_port

USER = "giamngheo"


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: `make test` installs Debian's postgresql package")
    return found[-1]


class Postgres:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="giamngheo-pg-"))
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
        self._run(_bin("initdb"), "-D", str(self.folder / "data"), "-A", "trust", "-U", USER, "-E", "UTF8")
        self._run(_bin("pg_ctl"), "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-w", "start",
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200")

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run(prefix + list(command), check=True, capture_output=True, cwd=self.folder)

    def new_database(self, name: str) -> None:
        self._run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, name)

    def lake(self, name: str, data_path: Path) -> str:
        """A new, empty DuckLake location: catalogue database `name`, Parquet files under data_path."""
        self.new_database(name)
        data_path.mkdir(parents=True, exist_ok=True)
        return f"ducklake:postgres:dbname={name} host=127.0.0.1 port={self.port} user={USER} DATA_PATH={data_path}/"

    def stop(self) -> None:
        try:
            self._run(_bin("pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
