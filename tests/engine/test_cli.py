"""The command line: the JSON contract, CSV, the table and bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from stride_engine.cli import main
from tests.conftest import ROOT

WORKED = [
    "--weeks", "16", "--runs-per-week", "4", "--target", "4:00",
    "--first-long-run", "8", "--long-run-day", "sunday",
]  # fmt: skip


EASY, TEMPO, RACE = "6:06-7:17 /km", "5:19 /km", "5:41 /km"


def _week(number, total, *runs):
    return {
        "week": number,
        "total_km": total,
        "workouts": [
            {"day": day, "type": kind, "distance_km": km, "pace": pace}
            for day, kind, km, pace in runs
        ],
    }


def test_json_of_the_worked_example_is_the_expected_document(capsys):
    assert main([*WORKED, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)

    long_runs = [8, 10, 12, 13, 15, 17, 19, 21, 23, 24, 26, 28, 30, 15, 10]
    assert {k: v for k, v in document.items() if k != "plan"} == {
        "weeks": 16,
        "runs_per_week": 4,
        "target_time": "4:00:00",
        "first_long_run_km": 8,
        "long_run_day": "sunday",
        "peak_long_run_km": 30,
        "weekly_increase_km": 1.83,
        "unit": "km",
        "recovery_weeks": False,
        "paces": {"vdot": 37.9, "marathon": RACE, "easy": EASY, "threshold": TEMPO},
    }
    assert document["plan"][0] == _week(
        1, 21,
        ("tuesday", "easy", 4, EASY), ("wednesday", "tempo", 4, TEMPO),
        ("friday", "easy", 5, EASY), ("sunday", "long", 8, EASY),
    )  # fmt: skip
    assert document["plan"][-1] == _week(
        16, 49.2,
        ("tuesday", "easy", 2, EASY), ("wednesday", "easy", 2, EASY),
        ("friday", "easy", 3, EASY), ("sunday", "race day", 42.2, RACE),
    )  # fmt: skip
    assert [w["workouts"][-1]["distance_km"] for w in document["plan"][:-1]] == (
        long_runs
    )
    assert all(
        week["total_km"] == round(sum(w["distance_km"] for w in week["workouts"]), 1)
        for week in document["plan"]
    )


def test_csv_has_a_row_per_workout(capsys):
    assert main([*WORKED, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()

    assert lines[:3] == [
        "week,day,type,distance_km,pace",
        f"1,tuesday,easy,4,{EASY}",
        f"1,wednesday,tempo,4,{TEMPO}",
    ]
    assert lines[-1] == f"16,sunday,race day,42.2,{RACE}"
    assert len(lines) == 1 + 16 * 4


def test_table_shows_weeks_as_rows_and_weekdays_as_columns(capsys):
    assert main(WORKED) == 0
    lines = capsys.readouterr().out.splitlines()

    assert lines[0] == (
        "Classic plan: 16 weeks, 4 runs a week, target 4:00:00, long runs on "
        "Sundays. Peak long run 30 km in week 13; 695.2 km in all."
    )
    assert lines[1] == (
        f"Paces: easy and long {EASY}, tempo {TEMPO}, race {RACE} "
        "(VDOT 37.9, from the target 4:00:00)."
    )
    assert lines[3].split() == [
        "Week", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "Total", "(km)",
    ]  # fmt: skip
    assert lines[5].split() == [
        "1", "Easy", "4", "km", "Tempo", "4", "km", "Easy", "5", "km",
        "Long", "8", "km", "21",
    ]  # fmt: skip
    assert len(lines) == 5 + 16


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        (["--weeks", "4"], "error: weeks must be between 8 and 30 (got 4)\n"),
        (
            ["--target", "abc"],
            "error: target time must be a time written like 3:30, 3:30:00, "
            "3h30 or 210 (minutes) (got 'abc')\n",
        ),
        (
            ["--long-run-day", "friday"],
            "error: long-run day must be saturday or sunday (got 'friday')\n",
        ),
    ],
)
def test_bad_input_exits_2_with_the_message(changed, message):
    args = [sys.executable, "-m", "stride_engine", *WORKED, *changed]
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)

    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_missing_option_exits_2_without_traceback():
    args = [sys.executable, "-m", "stride_engine", "--weeks", "16"]
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "the following arguments are required: --runs-per-week" in result.stderr


def test_help_lists_every_option_with_its_range(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())

    assert exited.value.code == 0
    for expected in [
        "--weeks WEEKS plan length, race week included: 8 to 30",
        "--runs-per-week RUNS_PER_WEEK training runs a week: 2 to 7",
        "--target TARGET goal marathon time, 2:00 to 8:00",
        "--first-long-run FIRST_LONG_RUN week 1 long run in km: 3 up to",
        "--long-run-day LONG_RUN_DAY saturday or sunday",
        "--format {table,json,csv,ics,pdf}",
        "--race-date RACE_DATE race day as YYYY-MM-DD",
        "--recent-race {5K,10K,half marathon,marathon}",
        "--unit UNIT km or mi",
        "--recovery-weeks make every fourth build week a lighter recovery week",
    ]:
        assert expected in text


def test_unwritable_output_exits_2_with_the_path_and_no_traceback(tmp_path):
    target = tmp_path / "missing-folder" / "plan.pdf"
    args = [
        sys.executable, "-m", "stride_engine", *WORKED,
        "--format", "pdf", "--output", str(target),
    ]  # fmt: skip
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: cannot write --output {str(target)!r}: No such file or directory\n"
    )


def test_recent_race_without_its_time_says_the_time_is_needed():
    args = [sys.executable, "-m", "stride_engine", *WORKED, "--recent-race", "10K"]
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)

    assert (result.returncode, result.stderr) == (
        2,
        "error: recent race time must be given with a recent race, like 20:00 "
        "(minutes:seconds) or 1:45:00 (got none)\n",
    )
