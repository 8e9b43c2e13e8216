"""Input checks: every bad field is named, with its value and its range."""

from __future__ import annotations

import math

import pytest

from stride_engine import PlanInputError, build_request, parse_target_time

GOOD = {
    "weeks": 16,
    "runs_per_week": 4,
    "target_time": "4:00",
    "first_long_run_km": 8,
    "long_run_day": "sunday",
}
FORMS = "3:30, 3:30:00, 3h30 or 210 (minutes)"


def _messages(**changes: object) -> list[str]:
    with pytest.raises(PlanInputError) as caught:
        build_request(**{**GOOD, **changes})
    return caught.value.messages


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weeks", 4, "weeks must be between 8 and 30 (got 4)"),
        ("weeks", 31, "weeks must be between 8 and 30 (got 31)"),
        ("weeks", "4", "weeks must be between 8 and 30 (got 4)"),
        ("weeks", 16.5, "weeks must be a whole number from 8 to 30 (got 16.5)"),
        ("weeks", "abc", "weeks must be a whole number from 8 to 30 (got 'abc')"),
        ("weeks", None, "weeks must be a whole number from 8 to 30 (got None)"),
        ("weeks", True, "weeks must be a whole number from 8 to 30 (got True)"),
        ("runs_per_week", 0, "runs per week must be between 2 and 7 (got 0)"),
        ("runs_per_week", -3, "runs per week must be between 2 and 7 (got -3)"),
        ("runs_per_week", 8, "runs per week must be between 2 and 7 (got 8)"),
        (
            "runs_per_week",
            math.nan,
            "runs per week must be a whole number from 2 to 7 (got nan)",
        ),
        (
            "first_long_run_km",
            2.5,
            "first long run must be at least 3 km and less than the peak long "
            "run of 30 km for a 4:00:00 target (got 2.5 km)",
        ),
        (
            "first_long_run_km",
            30,
            "first long run must be at least 3 km and less than the peak long "
            "run of 30 km for a 4:00:00 target (got 30 km)",
        ),
        (
            "first_long_run_km",
            -8,
            "first long run must be at least 3 km and less than the peak long "
            "run of 30 km for a 4:00:00 target (got -8 km)",
        ),
        (
            "first_long_run_km",
            "abc",
            "first long run must be a distance in km, like 9.5 (got 'abc')",
        ),
        (
            "first_long_run_km",
            math.inf,
            "first long run must be a distance in km, like 9.5 (got inf)",
        ),
        (
            "first_long_run_km",
            "nan",
            "first long run must be a distance in km, like 9.5 (got 'nan')",
        ),
        (
            "long_run_day",
            "monday",
            "long-run day must be saturday or sunday (got 'monday')",
        ),
        ("long_run_day", "", "long-run day must be saturday or sunday (got '')"),
    ],
)
def test_bad_field_gets_its_exact_message(field, value, message):
    assert _messages(**{field: value}) == [message]


def test_first_long_run_at_the_peak_names_both_distances():
    assert _messages(target_time="3:00", first_long_run_km=40) == [
        "first long run must be at least 3 km and less than the peak long run "
        "of 32 km for a 3:00:00 target (got 40 km)"
    ]


def test_every_bad_field_is_reported_at_once():
    assert _messages(
        weeks=4,
        runs_per_week=0,
        target_time="abc",
        first_long_run_km=1,
        long_run_day="friday",
    ) == [
        "weeks must be between 8 and 30 (got 4)",
        "runs per week must be between 2 and 7 (got 0)",
        f"target time must be a time written like {FORMS} (got 'abc')",
        "first long run must be at least 3 km (got 1 km)",
        "long-run day must be saturday or sunday (got 'friday')",
    ]


def test_error_text_joins_the_messages():
    with pytest.raises(PlanInputError) as caught:
        build_request(**{**GOOD, "weeks": 40, "long_run_day": "monday"})

    assert str(caught.value) == (
        "weeks must be between 8 and 30 (got 40); "
        "long-run day must be saturday or sunday (got 'monday')"
    )


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("3:30", 210),
        ("3:30:00", 210),
        ("03:30:00", 210),
        ("210", 210),
        ("3h30", 210),
        ("3h30m", 210),
        (" 3H30M ", 210),
        ("4h", 240),
        ("2:00", 120),
        ("8:00:00", 480),
        (175, 175),
    ],
)
def test_target_time_forms_people_write(text, minutes):
    assert parse_target_time(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3:75", f"target time must be a time written like {FORMS} (got '3:75')"),
        ("", f"target time must be a time written like {FORMS} (got '')"),
        ("abc", f"target time must be a time written like {FORMS} (got 'abc')"),
        ("3:30pm", f"target time must be a time written like {FORMS} (got '3:30pm')"),
        (
            "25:00",
            "target time must be between 2:00:00 and 8:00:00, like 3:30 (got '25:00')",
        ),
        (
            "0:03:30",
            "target time must be between 2:00:00 and 8:00:00, like 3:30 "
            "(got '0:03:30')",
        ),
        (
            "1:59",
            "target time must be between 2:00:00 and 8:00:00, like 3:30 (got '1:59')",
        ),
        (
            "3:30:15",
            "target time must be in whole minutes, like 3:30:00 (got '3:30:15')",
        ),
    ],
)
def test_target_time_refused_with_an_accepted_form(text, message):
    with pytest.raises(PlanInputError) as caught:
        parse_target_time(text)

    assert caught.value.messages == [message]


def test_valid_request_keeps_its_values():
    request = build_request(
        weeks="20",
        runs_per_week=5.0,
        target_time="3h05",
        first_long_run_km="9.5",
        long_run_day="Saturday",
    )

    assert (
        request.weeks,
        request.runs_per_week,
        request.target_minutes,
        request.first_long_run_km,
        request.long_run_day.value,
        request.target_time,
    ) == (20, 5, 185, 9.5, "saturday", "3:05:00")
