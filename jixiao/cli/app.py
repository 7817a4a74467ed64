"""The ``jixiao`` command: ``jixiao ingest PATH...``, ``jixiao query "SQL"`` (and ``export``, ``report``,
``review``).

Exit codes: 0 done (rejected inputs are listed, not fatal), 1 nothing published (a blocking
data-quality failure, or the build failed) or the query failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jixiao.cli import report_cli, review_cli
from jixiao.cli.summary import format_summary
from jixiao.core.settings import Settings, SettingsError

# duckdb and jixiao.ingestion.ingest (pandas, the warehouse) are imported by the commands that use them: every
# parser process re-imports this module as its __main__, and must not pay for them.

EXIT_OK, EXIT_NOT_PUBLISHED, EXIT_USAGE = 0, 1, 2
# The `query` connection: reads the warehouse and nothing else (no COPY TO, read_csv('/etc/…'), INSTALL).
QUERY_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}

_INGEST_EXAMPLES = """examples:
  jixiao ingest ~/reports/2024                         every report under a folder
  jixiao ingest a.pdf b.pdf --warehouse /srv/j.duckdb   two files into another warehouse
  jixiao ingest ~/reports --rebuild                    rebuild every department, not only changed ones

exit codes: 0 published (rejected inputs are listed), 1 nothing published, 2 usage error"""
_QUERY_EXAMPLES = """examples:
  jixiao query "select * from v_department_year"
  jixiao query "select department_name, fiscal_year, self_score from v_department_year
                where self_score < 90 order by self_score" --max-rows 20

The warehouse is opened read-only; the public tables and views are listed in docs/warehouse.md."""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jixiao")
    except PackageNotFoundError:  # a source tree on the path without an install
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``jixiao`` command."""
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="Performance self-evaluation reports (绩效自评报告) into a DuckDB warehouse.",
        epilog="Run `jixiao COMMAND --help` for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ing = commands.add_parser(
        "ingest",
        help="ingest report files and folders, check and publish the warehouse",
        description="Parse new report files (PDF), rebuild the star schema, run the data-quality "
        "checks and publish the warehouse with one atomic rename. Unchanged files are never parsed twice.",
        epilog=_INGEST_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ing.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="report files or folders (recursive)"
    )
    ing.add_argument(
        "--warehouse", type=Path, metavar="FILE", help="warehouse file (default $JIXIAO_WAREHOUSE)"
    )
    ing.add_argument(
        "--workers", type=int, metavar="N", help="parallel parser processes (default $JIXIAO_WORKERS)"
    )
    ing.add_argument("--no-progress", action="store_true", help="do not draw the progress bar on stderr")
    ing.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild the whole warehouse from the staging (default: only the departments that changed)",
    )

    query = commands.add_parser(
        "query",
        help="run one SQL query on the warehouse (read-only) and print it",
        description="Run one SQL statement on the published warehouse, read-only, and print the rows.",
        epilog=_QUERY_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument("sql", metavar="SQL", help="one SQL statement, quoted (DuckDB dialect)")
    query.add_argument(
        "--warehouse", type=Path, metavar="FILE", help="warehouse file (default $JIXIAO_WAREHOUSE)"
    )
    query.add_argument("--max-rows", type=int, default=50, metavar="N", help="rows to print (default 50)")
    report_cli.add_commands(commands)  # export, report
    review_cli.add_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage error
        return int(exc.code or 0)
    try:
        overrides: dict[str, Any] = {"warehouse": args.warehouse}
        if getattr(args, "workers", None) is not None:
            overrides["workers"] = args.workers
        settings = Settings.from_env(**overrides)
    except SettingsError as exc:
        print(f"jixiao: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "ingest":
        return _ingest(args, settings)
    if args.command in report_cli.COMMANDS:
        return report_cli.run(args, settings)
    if args.command == "review":
        return review_cli.run(args, settings)
    return _query(args.sql, settings.warehouse, args.max_rows)


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    from jixiao.ingestion.ingest import InputError, ingest

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"jixiao ingest: {', '.join(missing)} does not exist; check the path.", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = ingest(args.paths, settings, progress=not args.no_progress, full=args.rebuild)
    except InputError as exc:
        print(f"jixiao ingest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # the machine mid-run (a full or failing disk), after the checks passed
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"jixiao ingest: the run stopped because a file could not be written or read{where}: "
            f"{exc.strerror or exc}; free space or fix the disk and run again (nothing was published).",
            file=sys.stderr,
        )
        return EXIT_NOT_PUBLISHED
    code = EXIT_OK if result.published else EXIT_NOT_PUBLISHED
    _print_to_stdout(format_summary(result))
    return code


def _print_to_stdout(text: str) -> None:
    """Print ``text``; a reader that went away (``| head``) changes nothing of what the run did."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # stdout is gone: point it at /dev/null so the interpreter's final flush does not fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _is_empty_sql(sql: str) -> bool:
    """True for a statement that is only whitespace, ``;`` and comments."""
    import re

    stripped = re.sub(r"--[^\n]*|/\*.*?\*/", "", sql, flags=re.S)
    return not stripped.replace(";", "").strip()


def _query(sql: str, warehouse: Path, max_rows: int) -> int:
    import duckdb

    if _is_empty_sql(sql):
        print(
            "jixiao query: the SQL is empty; give one statement, "
            'e.g. jixiao query "select * from v_department_year".',
            file=sys.stderr,
        )
        return EXIT_USAGE
    if not warehouse.is_file():
        print(
            f"jixiao query: no warehouse at {warehouse}; run `jixiao ingest` first or pass --warehouse.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        # no file, network or extension access beyond the warehouse itself, and no way to turn it back on
        con = duckdb.connect(str(warehouse), read_only=True, config=QUERY_CONFIG)
    except duckdb.Error as exc:
        print(
            f"jixiao query: {warehouse} could not be opened as a DuckDB warehouse ({exc}).", file=sys.stderr
        )
        return EXIT_NOT_PUBLISHED
    try:
        cursor = con.execute(sql)
        if cursor.description is None:
            print("OK")
            return EXIT_OK
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchmany(max_rows + 1)
    except duckdb.Error as exc:
        print(f"jixiao query: the query failed: {exc}", file=sys.stderr)
        return EXIT_NOT_PUBLISHED
    finally:
        con.close()
    shown = min(len(rows), max_rows)
    more = " (more not shown; raise --max-rows)" if len(rows) > max_rows else ""
    _print_to_stdout(
        f"{format_table(columns, rows[:max_rows])}\n({shown} row{'s' if shown != 1 else ''}{more})"
    )
    return EXIT_OK


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: Any) -> str:
    return "NULL" if value is None else str(value)


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table, aligned for Chinese text (wide characters count as two columns)."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    return "\n".join([line(columns), "-+-".join("-" * w for w in widths), *(line(row) for row in cells)])


if __name__ == "__main__":
    sys.exit(main())
