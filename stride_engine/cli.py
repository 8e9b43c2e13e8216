"""Command line: ``python -m stride_engine`` prints a classic plan."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime

from stride_engine.calendar_file import plan_to_ics
from stride_engine.errors import PlanInputError
from stride_engine.export import plan_to_csv, plan_to_json, plan_to_text
from stride_engine.paces import RaceDistance
from stride_engine.plan import generate_plan
from stride_engine.printable import plan_to_pdf
from stride_engine.validation import (
    MAX_RUNS,
    MAX_WEEKS,
    MIN_FIRST_LONG_RUN_KM,
    MIN_RUNS,
    MIN_WEEKS,
    TARGET_FORMS,
    build_request,
)

TEXT_FORMATS = {"table": plan_to_text, "json": plan_to_json, "csv": plan_to_csv}
FORMATS = (*TEXT_FORMATS, "ics", "pdf")


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
        "--race-date",
        help="race day as YYYY-MM-DD; dates every workout (optional)",
    )
    parser.add_argument(
        "--today",
        help="the day the plan is made, YYYY-MM-DD (default: the system date)",
    )
    parser.add_argument(
        "--recent-race",
        choices=[d.value for d in RaceDistance],
        help="distance of a recent race; paces then come from it (optional)",
    )
    parser.add_argument(
        "--recent-race-time",
        help="time of that race, like 20:00 (minutes:seconds) or 1:45:00",
    )
    parser.add_argument(
        "--unit", default="km", help="km or mi for distances and paces (default: km)"
    )
    parser.add_argument(
        "--recovery-weeks",
        action="store_true",
        help="make every fourth build week a lighter recovery week",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="output form (default: table); ics needs --race-date",
    )
    parser.add_argument(
        "--output",
        help="write to this file instead of standard output (needed for pdf)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.format == "pdf" and not args.output:
        parser.error("--format pdf needs --output FILE")

    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        parser.error(f"--today must be a date like 2026-12-04 (got {args.today!r})")
    try:
        request = build_request(
            weeks=args.weeks,
            runs_per_week=args.runs_per_week,
            target_time=args.target,
            first_long_run_km=args.first_long_run,
            long_run_day=args.long_run_day,
            race_date=args.race_date,
            today=today,
            recent_race_distance=args.recent_race,
            recent_race_time=args.recent_race_time,
            recovery_weeks=args.recovery_weeks,
            unit=args.unit,
        )
        plan = generate_plan(request)
        if args.format == "ics":
            output: str | bytes = plan_to_ics(plan, stamp=datetime.now(UTC))
        elif args.format == "pdf":
            output = plan_to_pdf(plan)
        else:
            output = TEXT_FORMATS[args.format](plan)
    except PlanInputError as error:
        for message in error.messages:
            print(f"error: {message}", file=sys.stderr)
        return 2

    try:
        _write(output, args.output)
    except OSError as error:
        print(
            f"error: cannot write --output {args.output!r}: {error.strerror}",
            file=sys.stderr,
        )
        return 2
    return 0


def _write(output: str | bytes, path: str | None) -> None:
    data = output.encode("utf-8") if isinstance(output, str) else output
    if path:
        with open(path, "wb") as file:
            file.write(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
