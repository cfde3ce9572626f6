"""What resolving the session costs each time a page asks who is signed in (giamngheo/sessions.py): by the tab's
own session id, by the browser's cookie (a reload, a new tab), and the account check alone that a page made
before sessions were kept in the database. Prints one JSON line: medians in ms, interleaved, and ratios.

Usage: .venv/bin/python bench/session_check.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from giamngheo import auth, db, sessions


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        con = db.create(Path(folder) / "sessions.duckdb")
        auth.add_user(con, "lanhdao", "mot-mat-khau-dai", "lanh_dao", "42")
        session_id, code = sessions.start(con, auth.account(con, "lanhdao"))
        cookie = sessions.hand_off(con, code)
        since = datetime.now()
        checks = {"account_only": lambda: auth.account(con, "lanhdao", valid_since=since),
                  "by_session_id": lambda: sessions.resolve(con, session_id=session_id),
                  "by_cookie": lambda: sessions.resolve(con, cookie=cookie)}
        times: dict[str, list[float]] = {label: [] for label in checks}
        for _ in range(args.rounds):  # interleaved, so that a burst of load falls on all three
            for label, check in checks.items():
                started = time.perf_counter()
                assert check() is not None
                times[label].append((time.perf_counter() - started) * 1000)
        con.close()
    medians = {label: round(statistics.median(values), 2) for label, values in times.items()}
    result = {"median_ms": medians,
              "session_id_over_account": round(medians["by_session_id"] / medians["account_only"], 2),
              "cookie_over_account": round(medians["by_cookie"] / medians["account_only"], 2)}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
