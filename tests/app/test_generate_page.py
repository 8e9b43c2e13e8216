"""The Generate page under AppTest: inputs, plan, errors and downloads."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from stride_engine import build_request, generate_plan
from stride_engine.cli import main as cli_main
from stride_engine.export import plan_to_csv
from stride_engine.units import Unit, format_pace_range

DEFAULT_CLI_ARGS = [
    "--weeks", "16",
    "--runs-per-week", "4",
    "--target", "4:00",
    "--first-long-run", "8",
    "--long-run-day", "sunday",
]  # fmt: skip


DEFAULT_REQUEST = {
    "weeks": 16,
    "runs_per_week": 4,
    "target_time": "4:00",
    "first_long_run_km": 8,
    "long_run_day": "sunday",
}
# Plan charts: weekly distance, long run and the plan-health panel's.
PLAN_CHARTS = 3


def metric_value(app: AppTest, label: str) -> str:
    """The value a metric shows, found by its label."""
    return next(metric.value for metric in app.metric if metric.label == label)


def easy_pace(unit: Unit = Unit.KM, **changes: object) -> str:
    """The easy pace range of the default plan (with ``changes``) in ``unit``."""
    paces = generate_plan(build_request(**{**DEFAULT_REQUEST, **changes})).paces
    return format_pace_range(paces.easy_slow, paces.easy_fast, unit)


def test_default_page_shows_a_30_km_peak_long_run(app: AppTest) -> None:
    assert not app.exception
    assert not app.error
    assert metric_value(app, "Peak long run") == "30 km"
    assert metric_value(app, "Peak week") == "Week 13"
    assert len(app.get("plotly_chart")) == PLAN_CHARTS


def test_sidebar_defaults_match_the_issue(app: AppTest) -> None:
    assert app.slider(key="weeks").value == 16
    assert app.slider(key="runs_per_week").value == 4
    assert app.slider(key="target_time").value == dt.time(4, 0)
    assert app.number_input(key="first_long_run_km").value == 8
    assert app.radio(key="long_run_day").value == "Sunday"


@pytest.mark.parametrize(
    ("target", "peak"),
    [(dt.time(2, 55), "35 km"), (dt.time(3, 0), "32 km"), (dt.time(3, 30), "30 km")],
)
def test_target_time_sets_the_peak_long_run(
    app: AppTest, target: dt.time, peak: str
) -> None:
    app.slider(key="target_time").set_value(target).run()

    assert not app.exception
    assert metric_value(app, "Peak long run") == peak


@pytest.mark.parametrize(
    ("first_long_run_km", "target", "message"),
    [
        (
            40,
            dt.time(3, 0),
            "first long run must be at least 3 km and less than the peak long "
            "run of 32 km for a 3:00:00 target (got 40 km)",
        ),
        (
            2.5,
            dt.time(4, 0),
            "first long run must be at least 3 km and less than the peak long "
            "run of 30 km for a 4:00:00 target (got 2.5 km)",
        ),
        (
            35,
            dt.time(2, 50),
            "first long run must be at least 3 km and less than the peak long "
            "run of 35 km for a 2:50:00 target (got 35 km)",
        ),
    ],
)
def test_bad_first_long_run_shows_the_engine_message_and_no_plan(
    app: AppTest, first_long_run_km: float, target: dt.time, message: str
) -> None:
    app.slider(key="target_time").set_value(target)
    app.number_input(key="first_long_run_km").set_value(first_long_run_km).run()

    assert [error.value for error in app.error] == [message]
    assert not app.exception
    assert not app.get("plotly_chart")
    assert not app.table
    assert not app.metric
    assert not app.download_button


def test_fixing_a_bad_input_brings_the_plan_back(app: AppTest) -> None:
    app.number_input(key="first_long_run_km").set_value(40).run()
    app.number_input(key="first_long_run_km").set_value(10).run()

    assert not app.error
    assert len(app.get("plotly_chart")) == PLAN_CHARTS


@pytest.mark.parametrize("weeks", [8, 20, 30])
def test_weeks_slider_sets_the_table_row_count(app: AppTest, weeks: int) -> None:
    assert len(app.table[0].value) == 16

    app.slider(key="weeks").set_value(weeks).run()

    table = app.table[0].value
    assert len(table) == weeks
    assert list(table["Week"]) == list(range(1, weeks + 1))


def test_table_has_a_column_a_weekday_and_the_total(app: AppTest) -> None:
    table = app.table[0].value
    week_one = table.iloc[0]

    assert list(table.columns) == [
        "Week", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday", "Total (km)",
    ]  # fmt: skip
    assert week_one["Tuesday"] == f"Easy 4 km · {easy_pace()}"
    assert week_one["Sunday"] == f"Long 8 km · {easy_pace()}"
    assert week_one["Total (km)"] == "21"


def test_long_run_day_moves_the_long_run(app: AppTest) -> None:
    app.radio(key="long_run_day").set_value("Saturday").run()

    week_one = app.table[0].value.iloc[0]
    assert week_one["Saturday"] == f"Long 8 km · {easy_pace()}"
    assert week_one["Sunday"] == ""


def test_runs_per_week_sets_the_run_count(app: AppTest) -> None:
    app.slider(key="runs_per_week").set_value(7).run()

    assert metric_value(app, "Runs") == str(16 * 7)


def test_json_download_equals_the_command_line_json(
    app: AppTest, media_files: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main([*DEFAULT_CLI_ARGS, "--format", "json"]) == 0
    cli_json = capsys.readouterr().out

    url = app.download_button(key="generate_json").proto.url
    assert url.endswith(".json")
    assert media_files[url] == cli_json.encode()


def test_csv_download_equals_the_command_line_csv(
    app: AppTest, media_files: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    app.slider(key="weeks").set_value(30).run()
    assert cli_main([*DEFAULT_CLI_ARGS, "--weeks", "30", "--format", "csv"]) == 0
    cli_csv = capsys.readouterr().out

    url = app.download_button(key="generate_csv").proto.url
    assert url.endswith(".csv")
    assert media_files[url] == cli_csv.encode()


def test_downloads_follow_the_inputs(
    app: AppTest, media_files: dict[str, bytes]
) -> None:
    app.slider(key="runs_per_week").set_value(6).run()
    request = build_request(
        weeks=16,
        runs_per_week=6,
        target_time="4:00",
        first_long_run_km=8,
        long_run_day="sunday",
    )
    expected = plan_to_csv(generate_plan(request)).encode()

    assert media_files[app.download_button(key="generate_csv").proto.url] == expected


def test_seven_runs_with_saturday_says_the_long_run_stays_on_sunday(
    app: AppTest,
) -> None:
    app.slider(key="runs_per_week").set_value(7).run()
    app.radio(key="long_run_day").set_value("Saturday").run()

    assert [info.value for info in app.info] == [
        "With seven runs a week every day has a run, so the long run is on "
        "Sunday and nothing follows the race."
    ]
    app.radio(key="long_run_day").set_value("Sunday").run()
    assert len(app.info) == 0
