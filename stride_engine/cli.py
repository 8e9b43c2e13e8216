"""Command line: ``python -m stride_engine`` prints a classic plan."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from stride_engine.errors import PlanInputError
from stride_engine.export import plan_to_csv, plan_to_json, plan_to_text
from stride_engine.plan import generate_plan
from stride_engine.validation import (
    MAX_RUNS,
    MAX_WEEKS,
    MIN_FIRST_LONG_RUN_KM,
    MIN_RUNS,
    MIN_WEEKS,
    TARGET_FORMS,
    build_request,
)

FORMATTERS = {"table": plan_to_text, "json": plan_to_json, "csv": plan_to_csv}


class _Parser(argparse.ArgumentParser):
    """Argument parser whose usage errors exit with status 2, briefly."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    """The parser, with every option and its range in ``--help``."""
    parser = _Parser(
        prog="python -m stride_engine",
        description="Print a classic marathon training plan.",
    )
    parser.add_argument(
        "--weeks",
        required=True,
        help=f"plan length, race week included: {MIN_WEEKS} to {MAX_WEEKS}",
    )
    parser.add_argument(
        "--runs-per-week",
        required=True,
        help=f"training runs a week: {MIN_RUNS} to {MAX_RUNS}",
    )
    parser.add_argument(
        "--target",
        required=True,
        help=f"goal marathon time, 2:00 to 8:00, written like {TARGET_FORMS}",
    )
    parser.add_argument(
        "--first-long-run",
        required=True,
        help=f"week 1 long run in km: {MIN_FIRST_LONG_RUN_KM} up to, not "
        "including, the peak (35 km under 3:00, 32 km under 3:30, else 30 km)",
    )
    parser.add_argument(
        "--long-run-day",
        default="sunday",
        help="saturday or sunday (default: sunday)",
    )
    parser.add_argument(
        "--format",
        choices=sorted(FORMATTERS),
        default="table",
        help="output form (default: table)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = make_parser().parse_args(argv)
    try:
        request = build_request(
            weeks=args.weeks,
            runs_per_week=args.runs_per_week,
            target_time=args.target,
            first_long_run_km=args.first_long_run,
            long_run_day=args.long_run_day,
        )
    except PlanInputError as error:
        for message in error.messages:
            print(f"error: {message}", file=sys.stderr)
        return 2

    sys.stdout.write(FORMATTERS[args.format](generate_plan(request)))
    return 0
