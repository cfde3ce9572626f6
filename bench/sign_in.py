"""Sign-in answers as long for a name that is no account as for an account with a wrong password (account
names cannot be found by timing). Prints one JSON line: medians in ms, interleaved, and their ratio.

Usage: .venv/bin/python bench/sign_in.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from giamngheo import auth, db
from giamngheo.store import accounts


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        con = db.create(Path(folder) / "sign_in.duckdb")
        auth.add_user(con, "canbo", "mot-mat-khau-dai", "can_bo", "19597")
        times: dict[str, list[float]] = {"known_wrong_password": [], "unknown_name": []}
        for _ in range(args.rounds):  # interleaved, so that a burst of load falls on both
            for label, name in (("known_wrong_password", "canbo"), ("unknown_name", "khong_co_ai")):
                accounts.set_failures(con, None)  # every account unlocked
                started = time.perf_counter()
                try:
                    auth.authenticate(con, name, "sai-mat-khau")
                except auth.AuthError:
                    pass
                times[label].append((time.perf_counter() - started) * 1000)
        con.close()
    medians = {label: round(statistics.median(values), 1) for label, values in times.items()}
    result = {"median_ms": medians, "unknown_over_known": round(medians["unknown_name"] / medians["known_wrong_password"], 2)}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
