"""The `giamngheo` command: demo, report, serve (see the command-line contract in the README).

Exit codes: 0 success; 2 invalid input (message on stderr, nothing written); 1 internal error.
"""

from __future__ import annotations

import argparse
import os
from datetime import date, datetime
import sys
from pathlib import Path

import duckdb

from giamngheo import auth, db, i18n, importer, queries, reports, review

# The modules one command needs (maps, slides, workbooks, the demo generator, the proxy) are imported by that
# command: an import of half a million rows does not wait for them.
from giamngheo.paths import ROOT, database_path
from giamngheo.store import accounts


WARNINGS_SHOWN = 20  # an import's warnings printed by default: a file can have one on every row


class UserError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="giamngheo", description="Bảng điều khiển giảm nghèo / poverty-reduction dashboard")
    commands = parser.add_subparsers(dest="command", required=True)

    def with_db(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--db", help="database file (default: $GIAMNGHEO_DB or data/giamngheo.duckdb)")
        return p

    demo_parser = with_db(commands.add_parser("demo", help="build the synthetic demo database (deterministic)"))
    demo_parser.add_argument("--households", type=int,
                             help="instead: a synthetic nation-wide set of N households per review year (benchmarks)")

    report = with_db(commands.add_parser("report", help="print a report for an area and review year"))
    report.add_argument("name", choices=sorted(reports.REPORTS))
    report.add_argument("--area", required=True, help="province, district or commune code")
    report.add_argument("--year", required=True, type=int, help="review year")
    report.add_argument("--format", choices=("csv", "json"), default="csv")
    report.add_argument("--protect", action="store_true",
                        help="hide small counts as for an account without names (data/catalogue/disclosure.csv)")

    def approved_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--approved", action="store_true",
                       help="each commune's review as approved (the current data where none is approved)")
        p.add_argument("--as-of", type=datetime.fromisoformat,
                       help="with --approved: the approvals at or before this time (YYYY-MM-DD[THH:MM])")

    approved_option(report)

    season = commands.add_parser("review", help="the review season: submit, approve, reopen a commune's review")
    steps = season.add_subparsers(dest="step", required=True)
    for step, text in (("submit", "the commune officer submits the review's results"),
                       ("approve", "record the recognition decision: the review is signed and locked"),
                       ("reopen", "an administrator reopens a review (approved data kept as approved)")):
        p = with_db(steps.add_parser(step, help=text))
        where = p.add_mutually_exclusive_group(required=True)
        where.add_argument("--commune", help="commune code")
        where.add_argument("--area", help="every commune of this area whose review can take the step")
        p.add_argument("--year", required=True, type=int, help="review year")
        p.add_argument("--user", default=os.environ.get("USER"), help="who takes the step (audit log)")
        if step == "approve":
            p.add_argument("--decision", required=True, help='the recognition decision, "số/ngày"')
        if step == "reopen":
            p.add_argument("--reason", required=True, help="why it is reopened")
    status = with_db(steps.add_parser("status", help="each commune of an area with its review's status"))
    status.add_argument("--area", required=True)
    status.add_argument("--year", required=True, type=int)

    load = with_db(commands.add_parser("import", help="validate and load a CSV or XLSX file"))
    load.add_argument("kind", choices=sorted([*importer.KEYS, "boundaries"]))
    load.add_argument("file")
    load.add_argument("--year", type=int, help="review year, when the file has no nam_ra_soat column")
    load.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
    load.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the report")
    load.add_argument("--user", default=os.environ.get("USER"), help="who imports (recorded in the import log)")
    load.add_argument("--all-warnings", action="store_true",
                      help=f"print every warning (by default the first {WARNINGS_SHOWN} and how many more)")
    load.add_argument("--allow-move", action="store_true",
                      help="households: accept rows that move a household recorded in another commune that review "
                           "(logged; refused without it)")
    load.add_argument("--code-field", help="boundaries: the property holding the commune code (default: ma_xa)")
    load.add_argument("--valid-from", type=date.fromisoformat,
                      help="boundaries: date from which the shapes hold (YYYY-MM-DD); picks the code list")

    export = with_db(commands.add_parser("export", help="write the briefing deck, report tables or narrative"))
    export.add_argument("kind", choices=("pptx", "xlsx", "text"))
    export.add_argument("--area", required=True, help="province, district or commune code")
    export.add_argument("--year", required=True, type=int, help="review year")
    export.add_argument("--out", required=True, help="output file")
    export.add_argument("--lang", choices=("vi", "en"), default="vi")
    export.add_argument("--protect", action="store_true",
                        help="hide small counts as for an account without names (data/catalogue/disclosure.csv)")
    export.add_argument("--names", action="store_true",
                        help="xlsx: the named lists (forms R14, R15) with heads' names and villages (personal data; "
                             "audited); without it they are masked")
    approved_option(export)

    user = commands.add_parser("user", help="manage accounts (passwords are read from standard input)")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    add = with_db(user_commands.add_parser("add", help="add an account; its password is read from standard input"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=auth.ROLES)
    add.add_argument("--area", help="province, district or commune code (none: the whole country)")
    add.add_argument("--names", action=argparse.BooleanOptionalAction, default=None,
                     help="may see names of heads of household (default: officers and administrators)")
    with_db(user_commands.add_parser("list", help="list accounts"))
    disable = with_db(user_commands.add_parser("disable", help="disable an account"))
    disable.add_argument("name")
    passwd = with_db(user_commands.add_parser("passwd", help="set a password, read from standard input"))
    passwd.add_argument("name")
    rescope = with_db(user_commands.add_parser("rescope", help="give an account a new area (a unit in force now)"))
    rescope.add_argument("name")
    rescope.add_argument("--area", help="province, district or commune code (none: the whole country)")
    end_sessions = with_db(user_commands.add_parser("end-sessions", help="sign an account out of every browser"))
    end_sessions.add_argument("name")

    serve = with_db(commands.add_parser("serve", help="run the dashboard"))
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--workers", type=int, default=1,
                       help="dashboard processes behind HAProxy with sticky sessions (a DuckLake, or a file read-only)")
    return parser


def cmd_demo(args) -> int:
    from giamngheo import demo

    path = database_path(args.db)
    if args.households:
        from giamngheo import national

        counts = national.build(path, args.households)
        print(f"nation-wide synthetic database written to {path}: {counts}")
        return 0
    counts = demo.build(path)
    print(f"demo database (synthetic) written to {path}: {counts['households']} household records, "
          f"{counts['population']} commune-years")
    return 0


def _reader(args) -> duckdb.DuckDBPyConnection:
    """The database to report from: as it is, or (--approved) as each commune's review was approved."""
    path = database_path(args.db)
    con = db.connect(path, read_only=True)
    if not args.approved:
        if args.as_of:
            raise UserError("--as-of goes with --approved")
        return con
    con.close()  # opened first: an earlier giamngheo's database is upgraded before it is attached
    return review.approved_database(path, args.as_of)


def cmd_report(args) -> int:
    from giamngheo import workbooks

    con = _reader(args)
    try:
        frame = reports.run(con, args.name, args.area, args.year, args.protect)
    finally:
        con.close()
    if args.format == "json":
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, double_precision=15) + "\n")
    else:  # text from imports (names, notes) opens as text in a spreadsheet, whatever it begins with
        frame.map(workbooks.csv_text).to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def cmd_import(args) -> int:
    if args.kind == "boundaries":
        return cmd_import_boundaries(args)
    path = database_path(args.db)
    created = not db.exists(path)
    con = db.create(path) if created else db.connect(path)
    try:
        prepared, result = importer.import_file(con, args.kind, args.file, args.year, args.dry_run, args.user,
                                                allow_move=getattr(args, "allow_move", False))
    finally:
        con.close()
    if created and result.outcome != "accepted":  # a failed import leaves nothing behind, not even a file
        db.remove(path)
    name = prepared.file_name
    if result.outcome == "rejected":
        print(f"{name}: {i18n.text('file_rejected', args.lang)} "
              f"({i18n.text('problems_count', args.lang, n=len(prepared.problems))})", file=sys.stderr)
        for problem in prepared.problems:
            print(f"{name}: {problem.text(args.lang)}", file=sys.stderr)
        return 2
    shown = prepared.warnings if args.all_warnings else prepared.warnings[:WARNINGS_SHOWN]
    for warning in shown:
        print(f"{name}: {i18n.text('warning_word', args.lang)}: {warning.text(args.lang)}", file=sys.stderr)
    if len(shown) < len(prepared.warnings):
        print(f"{name}: " + i18n.text("more_warnings", args.lang, n=len(prepared.warnings) - len(shown),
                                      total=len(prepared.warnings)), file=sys.stderr)
    if result.outcome == "dry_run":
        print(f"{name}: {result.rows_in_file} rows valid (dry run, nothing written)")
    else:
        print(f"{name}: {result.rows_in_file} rows: {result.inserted} inserted, {result.replaced} replaced, "
              f"{result.unchanged} unchanged (import {result.import_id})")
    return 0


def cmd_import_boundaries(args) -> int:
    from giamngheo import boundaries

    con = db.open_or_create(database_path(args.db))
    try:
        report, result = boundaries.import_boundaries(con, args.file, args.code_field, args.valid_from, args.user,
                                                      args.dry_run)
    finally:
        con.close()
    if result.outcome == "rejected":
        print(f"{report.file_name}: {i18n.text('file_rejected', args.lang)}", file=sys.stderr)
        for problem in report.problems:
            print(f"{report.file_name}: {problem.text(args.lang)}", file=sys.stderr)
        return 2
    print(f"{report.file_name}: {report.shapes} shapes, code list {report.code_list}"
          + (" (dry run, nothing written)" if result.outcome == "dry_run" else f" (import {result.import_id})"))
    print(f"communes with data but no shape: {len(report.data_without_shape)} {' '.join(report.data_without_shape)}")
    print(f"shapes with no data: {len(report.shapes_without_data)} {' '.join(report.shapes_without_data)}")
    return 0


def cmd_export(args) -> int:
    from giamngheo import briefing

    con = _reader(args)
    try:
        reports.check_area(con, args.area, args.year)
        names = args.names and args.kind == "xlsx" and not args.protect
        briefing.export(con, args.kind, args.area, args.year, args.out, args.lang, args.protect, names)
    finally:
        con.close()
    con = db.connect(database_path(args.db))
    try:
        accounts.audit(con, os.environ.get("USER"), "export", f"{args.kind} area={args.area} year={args.year}"
                   + (" approved" if args.approved else "") + (" with names" if names else "") + " (command line)")
    finally:
        con.close()
    print(f"{args.out}: {args.kind} for {args.area}, {args.year}")
    return 0


def cmd_review(args) -> int:
    from giamngheo import workbooks

    con = db.connect(database_path(args.db), read_only=args.step == "status")
    try:
        if args.step == "status" or args.area:
            reports.check_area(con, args.area, args.year)
            frame = queries.run(con, "review_progress", area=args.area, year=args.year)
        if args.step == "status":
            frame.map(workbooks.csv_text).to_csv(sys.stdout, index=False, lineterminator="\n")
            return 0
        communes = [args.commune] if args.commune else list(
            frame.commune_code[frame.status.isin(review.STEPS[args.step][0])])
        if not communes:
            raise UserError(f"no commune of {args.area} can take the step {args.step} in {args.year}")
        review.take(con, args.user, args.step, communes, args.year, getattr(args, "decision", None),
                    getattr(args, "reason", None))
    finally:
        con.close()
    for commune in communes:
        print(f"{commune} {args.year}: {review.OUTCOME[args.step]}")
    return 0


def _password() -> str:
    line = sys.stdin.readline()
    if not line:
        raise UserError("no password on standard input")
    return line.rstrip("\n")


def cmd_user(args) -> int:
    from giamngheo import sessions

    con = db.connect(database_path(args.db))
    by = os.environ.get("USER")
    try:
        if args.user_command == "add":
            auth.add_user(con, args.name, _password(), args.role, args.area, args.names, by)
            print(f"user {args.name} added ({args.role}, {args.area or 'whole country'})")
        elif args.user_command == "list":
            auth.list_users(con).to_csv(sys.stdout, index=False, lineterminator="\n")
        elif args.user_command == "disable":
            auth.disable_user(con, args.name, by)
            print(f"user {args.name} disabled")
        elif args.user_command == "rescope":
            auth.rescope(con, args.name, args.area, by)
            print(f"user {args.name} now scoped to {args.area or 'the whole country'}")
        elif args.user_command == "passwd":
            auth.set_password(con, args.name, _password(), by)
            print(f"password of {args.name} changed")
        elif args.user_command == "end-sessions":
            auth.require_account(con, args.name)
        if args.user_command in ("disable", "rescope", "passwd", "end-sessions"):
            ended = sessions.end_all(con, args.name, "ended by administrator" if args.user_command == "end-sessions"
                                     else f"account changed ({args.user_command})", by)
            print(f"{ended} open session(s) of {args.name} ended")
    except auth.AuthError as error:
        raise UserError(str(error)) from error
    finally:
        con.close()
    return 0


def cmd_serve(args) -> int:
    from giamngheo import demo, proxy

    path = database_path(args.db)
    if not db.exists(path):
        if args.db or os.environ.get("GIAMNGHEO_DB"):
            raise db.DatabaseMissing(f"no database at {path}")
        print(f"building the synthetic demo database at {path} ...", file=sys.stderr)
        demo.build(path)
    env = {**os.environ, "GIAMNGHEO_DB": str(path if db.Lake.parse(path) else Path(path).resolve())}
    command = [sys.executable, "-m", "giamngheo.web", "--port", str(args.port)]
    print(f"giamngheo: dashboard on http://localhost:{args.port} (database {path}"
          + (f", {args.workers} processes behind HAProxy)" if args.workers > 1 else ")"), file=sys.stderr)
    sys.stderr.flush()
    if args.workers > 1:
        try:
            proxy.check_database(str(path), db.Lake.parse(path) is not None)
            return proxy.run(args.port, args.workers, env, ROOT)
        except proxy.ProxyError as error:
            raise UserError(str(error)) from error
    # Become the Streamlit server (no child process): stopping `giamngheo serve` stops the dashboard.
    os.chdir(ROOT)
    os.execve(sys.executable, command, env)


COMMANDS = {"demo": cmd_demo, "report": cmd_report, "import": cmd_import, "export": cmd_export, "user": cmd_user,
            "review": cmd_review, "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (reports.ReportError, review.ReviewError, db.DatabaseMissing, UserError) as error:
        print(f"giamngheo: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except duckdb.IOException as error:
        # Most often the dashboard (or another import) holds the database file.
        print(f"giamngheo: cannot open the database: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
