"""The BI subcommands of ``jixiao``: ``export --parquet DIR`` and ``report [--out FILE.html]``.

``jixiao/cli.py`` wires them in with ``add_commands(commands)`` and ``run(args, settings)``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.core.settings import Settings

COMMANDS = ("export", "report")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the ``export`` and ``report`` subparsers to the ``jixiao`` command's subparsers."""
    export = commands.add_parser(
        "export",
        help="write every table and view as Parquet (one file each)",
        description="Write every table and view of the warehouse to DIR/<name>.parquet (DECIMAL kept).",
        epilog="example:\n  jixiao export --parquet out/parquet",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument(
        "--parquet", type=Path, required=True, metavar="DIR", help="output folder (created if missing)"
    )
    export.add_argument(
        "--warehouse", type=Path, metavar="FILE", help="warehouse file (default $JIXIAO_WAREHOUSE)"
    )
    report = commands.add_parser(
        "report",
        help="render a static HTML overview of the warehouse",
        description="Render a self-contained HTML overview of the warehouse (tables, SVG charts, offline).",
        epilog="example:\n  jixiao report --out out/overview.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument(
        "--warehouse", type=Path, metavar="FILE", help="warehouse file (default $JIXIAO_WAREHOUSE)"
    )
    report.add_argument(
        "--out", type=Path, metavar="FILE.html", help="output file (default $JIXIAO_HOME/report.html)"
    )


def default_report_path(settings: Settings) -> Path:
    """Where ``jixiao report`` writes without ``--out``."""
    return settings.home / "report.html"


def _output_problem(args: argparse.Namespace) -> str | None:
    """A sentence when the output path given cannot be what the command writes, else None."""
    if args.command == "export" and args.parquet.exists() and not args.parquet.is_dir():
        return f"{args.parquet} is a file; --parquet takes a folder (it is created if missing)."
    out = getattr(args, "out", None)
    if args.command == "report" and out is not None and out.is_dir():
        return f"{out} is a folder; --out takes the HTML file to write, e.g. {out / 'report.html'}."
    return None


def _write_review(settings: Settings, out: Path) -> Path | None:
    """The review list beside the report (``jixiao review --html``), or None when it cannot be built."""
    from jixiao.bi.review_page import render_review_html
    from jixiao.ingestion.review import build_review

    try:
        html = render_review_html(build_review(settings), [settings.inbox])
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except (OSError, ValueError) as exc:
        print(f"jixiao report: the review list was not written ({exc}).", file=sys.stderr)
        return None
    return out


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``export`` or ``report`` (``args.command``) on ``settings.warehouse``; return the exit code."""
    import duckdb  # imported here, not at the top: see jixiao/cli.py

    from jixiao.bi.export import ExportError, export_parquet
    from jixiao.bi.report import render_report

    problem = _output_problem(args)
    if problem:
        print(f"jixiao {args.command}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    warehouse = settings.warehouse
    if not warehouse.is_file():
        print(
            f"jixiao {args.command}: no warehouse at {warehouse}; "
            "run `jixiao ingest` first or pass --warehouse.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        if args.command == "export":
            written = export_parquet(warehouse, args.parquet)
            print(f"Exported {len(written)} tables and views from {warehouse} to {args.parquet}:")
            for name, path in written.items():
                print(f"  {name:<18} {path}")
        else:
            target = args.out or default_report_path(settings)
            review = _write_review(settings, target.with_name("review.html"))
            out = render_report(warehouse, target, review_href=review.name if review else None)
            print(f"Wrote {out}" + (f" and its review list {review}" if review else ""))
    except (ExportError, OSError, duckdb.Error) as exc:
        print(f"jixiao {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
