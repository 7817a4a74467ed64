"""``jixiao review [--warehouse FILE] [--html FILE] [--sources DIR...]``: the list a reviewer works from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.core.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_command(commands: argparse._SubParsersAction) -> None:
    """Add the ``review`` subparser to the ``jixiao`` command's subparsers."""
    review = commands.add_parser(
        "review", help="list quarantined and flagged reports with prefilled correction files"
    )
    review.add_argument(
        "--warehouse", type=Path, metavar="FILE", help="warehouse file (default $JIXIAO_WAREHOUSE)"
    )
    review.add_argument(
        "--html", type=Path, metavar="FILE", help="also write the list as HTML, with the cited page images"
    )
    review.add_argument(
        "--sources",
        type=Path,
        nargs="*",
        default=[],
        metavar="DIR",
        help="folders holding the source files, for the page images (default: $JIXIAO_INBOX)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the review list (and write its HTML form); return the exit code."""
    import duckdb

    from jixiao.ingestion.review import build_review, format_review

    try:
        review = build_review(settings)
    except FileNotFoundError as exc:
        print(f"jixiao review: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except duckdb.Error as exc:
        print(f"jixiao review: {settings.warehouse} could not be read ({exc}).", file=sys.stderr)
        return EXIT_FAILED
    print(format_review(review))
    if args.html is not None:
        from jixiao.bi.review_page import render_review_html

        try:
            args.html.parent.mkdir(parents=True, exist_ok=True)
            args.html.write_text(
                render_review_html(review, [*args.sources, settings.inbox]), encoding="utf-8"
            )
        except OSError as exc:
            print(f"jixiao review: could not write {args.html} ({exc}).", file=sys.stderr)
            return EXIT_FAILED
        print(f"Wrote {args.html}")
    return EXIT_OK
