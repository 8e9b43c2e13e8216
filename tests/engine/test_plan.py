"""The classic plan against the reference examples and worked numbers."""

from __future__ import annotations

import pytest

from stride_engine import RunType, build_request, generate_plan
from tests.engine.conftest import EXAMPLES


def _request_from(example_input: dict[str, object]):
    return build_request(
        weeks=example_input["weeks"],
        runs_per_week=example_input["runs_per_week"],
        target_time=example_input["target_minutes"],
        first_long_run_km=example_input["first_long_run_km"],
        long_run_day=example_input["long_run_day"],
    )


@pytest.mark.parametrize(
    "example",
    EXAMPLES,
    ids=[
        "{weeks}w-{runs_per_week}r-{target_minutes}min-{first_long_run_km}km-"
        "{long_run_day}".format(**e["input"])
        for e in EXAMPLES
    ],
)
def test_reference_example_produces_its_plan(example):
    plan = generate_plan(_request_from(example["input"]))

    produced = [
        {
            "week": week.number,
            "workouts": [
                {"day": w.day.value, "type": w.type.value, "distance_km": w.distance_km}
                for w in week.workouts
            ],
        }
        for week in plan.weeks
    ]
    assert produced == example["plan"]


def test_worked_example_long_runs_peak_and_increase(worked_example_args):
    plan = generate_plan(build_request(**worked_example_args))

    assert plan.peak_long_run_km == 30
    assert plan.weekly_increase_km == 1.83
    assert [w.long_run.distance_km for w in plan.weeks] == [
        8, 10, 12, 13, 15, 17, 19, 21, 23, 24, 26, 28, 30, 15, 10, 42.2,
    ]  # fmt: skip


def test_worked_example_first_week(worked_example_args):
    week = generate_plan(build_request(**worked_example_args)).weeks[0]

    assert [w.label for w in week.workouts] == [
        "Easy 4 km", "Tempo 4 km", "Easy 5 km", "Long 8 km",
    ]  # fmt: skip
    assert [w.day.value for w in week.workouts] == [
        "tuesday", "wednesday", "friday", "sunday",
    ]  # fmt: skip
    assert week.total_km == 21


def test_worked_example_race_week(worked_example_args):
    week = generate_plan(build_request(**worked_example_args)).weeks[-1]

    assert [(w.day.value, w.type.value, w.distance_km) for w in week.workouts] == [
        ("tuesday", "easy", 2),
        ("wednesday", "easy", 2),
        ("friday", "easy", 3),
        ("sunday", "race day", 42.2),
    ]
    assert week.total_km == 49.2


def test_half_up_rounding_gives_13_km_in_week_3():
    # 9 + 2 * 1.75 = 12.5: half away from zero makes 13, round() would make 12.
    request = build_request(
        weeks=16,
        runs_per_week=3,
        target_time="3:50",
        first_long_run_km=9,
        long_run_day="sunday",
    )

    assert generate_plan(request).weeks[2].long_run.distance_km == 13


def test_five_runs_with_sunday_long_run_use_tue_to_thu_sat_sun():
    request = build_request(
        weeks=12,
        runs_per_week=5,
        target_time="4:00",
        first_long_run_km=10,
        long_run_day="sunday",
    )

    week = generate_plan(request).weeks[0]
    assert [w.day.value for w in week.workouts] == [
        "tuesday", "wednesday", "thursday", "saturday", "sunday",
    ]  # fmt: skip


def test_smallest_first_long_run_has_no_run_under_2_km():
    request = build_request(
        weeks=8,
        runs_per_week=7,
        target_time="2:00",
        first_long_run_km=3,
        long_run_day="saturday",
    )

    plan = generate_plan(request)
    assert [w.distance_km for w in plan.weeks[0].workouts] == [2, 2, 2, 2, 2, 2, 3]
    assert min(w.distance_km for week in plan.weeks for w in week.workouts) == 2


def test_decimal_first_long_run_rounds_week_one_half_up():
    request = build_request(
        weeks=16,
        runs_per_week=4,
        target_time="4:00",
        first_long_run_km=9.5,
        long_run_day="sunday",
    )

    plan = generate_plan(request)
    assert plan.weekly_increase_km == 1.71
    assert plan.weeks[0].long_run.distance_km == 10
    assert plan.weeks[0].long_run.type is RunType.LONG
