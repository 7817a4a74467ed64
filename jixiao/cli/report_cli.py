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
    export = commands.add_parser("export", help="write every table and view as Parquet (one file each)")
    export.add_argument("--parquet", type=Path, required=True, metavar="DIR", help="output folder")
    export.add_argument(
        "--warehouse", type=Path, metavar="FILE", help="warehouse file (default $JIXIAO_WAREHOUSE)"
    )
    report = commands.add_parser("report", help="render a static HTML overview of the warehouse")
    report.add_argument(
        "--warehouse", type=Path, metavar="FILE", help="warehouse file (default $JIXIAO_WAREHOUSE)"
    )
    report.add_argument(
        "--out", type=Path, metavar="FILE.html", help="output file (default $JIXIAO_HOME/report.html)"
    )


def default_report_path(settings: Settings) -> Path:
    """Where ``jixiao report`` writes without ``--out``."""
    return settings.home / "report.html"


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``export`` or ``report`` (``args.command``) on ``settings.warehouse``; return the exit code."""
    import duckdb  # imported here, not at the top: see jixiao/cli.py

    from jixiao.bi.export import ExportError, export_parquet
    from jixiao.bi.report import render_report

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
            out = render_report(warehouse, args.out or default_report_path(settings))
            print(f"Wrote {out}")
    except (ExportError, OSError, duckdb.Error) as exc:
        print(f"jixiao {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
