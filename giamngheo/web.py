"""The dashboard's web server: Streamlit's own (st.App on Starlette and uvicorn) serving app.py, with one route of
ours, /api/phien, through which a signed-in page collects its session cookie (giamngheo/sessions.py).

`giamngheo serve` runs `python -m giamngheo.web --port N`. The route answers only same-origin requests (the
Origin header names this server) with a JSON body, which a page of another site cannot send without a CORS
preflight that this server does not grant; Streamlit's own XSRF protection covers its upload endpoint as before.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from urllib.parse import urlsplit

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from giamngheo import db, sessions
from giamngheo.paths import APP, database_path

ROUTE = "/api/phien"


@cache
def _connection():
    """The process's own connection for the route. DuckDB shares one database instance per file within a process,
    so this and the dashboard's connection see the same data and the same writes."""
    return db.connect(database_path(), read_only=os.environ.get("GIAMNGHEO_READ_ONLY") == "1")


def _same_origin(request: Request) -> bool:
    origin, host = request.headers.get("origin"), request.headers.get("host")
    return bool(origin and host) and urlsplit(origin).netloc == host


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def session_cookie(request: Request, body: bytes) -> Response:
    """POST {"ma": code}: the session's cookie for the one-time code the signed-in page was given.
    DELETE: forget the cookie (after signing out, or when it names a session that has ended)."""
    if not _same_origin(request):
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    if request.method == "DELETE":
        response.delete_cookie(sessions.COOKIE, path="/", secure=_secure(request), httponly=True, samesite="lax")
        return response
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return Response(status_code=415)
    try:
        code = json.loads(body).get("ma")
    except (ValueError, AttributeError):
        return Response(status_code=400)
    cursor = db.cursor(_connection())  # on a DuckLake, a cursor that finds the lake's tables
    try:
        value = sessions.hand_off(cursor, code if isinstance(code, str) else "")
    finally:
        cursor.close()
    if value is None:
        return Response(status_code=403)
    response.set_cookie(sessions.COOKIE, value, max_age=sessions.MAX_HOURS * 3600, path="/", secure=_secure(request),
                        httponly=True, samesite="lax")
    return response


async def _endpoint(request: Request) -> Response:
    """Reads the (small) body here, then runs the database work in a worker thread, off the event loop."""
    body = await request.body()
    if len(body) > 1024:
        return Response(status_code=413)
    return await run_in_threadpool(session_cookie, request, body)


app = st.App(APP, routes=[Route(ROUTE, _endpoint, methods=["POST", "DELETE"])])


@contextmanager
def pages_as_served() -> Iterator[None]:
    """Within the block, in-process runs of app.py (AppTest: the tests and the pages' bench) run as the server runs
    them: AppTest resets the flag `main` sets before every run and, seeing pages/, would otherwise run a page's
    file alone after the first run (Streamlit's legacy multipage mode), without app.py's filters and sign-in."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    try:
        yield
    finally:
        PagesManager.__init__ = original


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="giamngheo.web")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", help="the address to listen on (a worker behind the proxy: 127.0.0.1)")
    args = parser.parse_args(argv)
    # app.py declares its pages with st.navigation and keeps them in pages/. Streamlit still treats a pages/
    # folder beside the main script as its legacy multipage mode until a session has called st.navigation, so
    # on a fresh server a deep link such as /import would run the page file without app.py (no filters, no
    # sign-in). Declaring the process a st.navigation app from the start avoids that.
    PagesManager.uses_pages_directory = False
    app.run(config={"server.port": args.port, **({"server.address": args.address} if args.address else {})})


if __name__ == "__main__":
    main()
