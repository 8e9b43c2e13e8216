"""Paces: VDOT, training paces, the rounding rule and the target check."""

from __future__ import annotations

import pytest

from stride_engine import build_request, generate_plan
from stride_engine.export import workout_pace
from stride_engine.paces import (
    MARATHON_M,
    RaceDistance,
    RecentRace,
    check_target,
    predict_seconds,
    training_paces,
    vdot,
)
from stride_engine.units import Unit, format_pace


@pytest.mark.parametrize(
    ("metres", "seconds", "expected"),
    [(MARATHON_M, 3 * 3600 + 30 * 60, 44.6), (5000, 20 * 60, 49.8)],
)
def test_vdot_of_known_races(metres, seconds, expected):
    assert round(vdot(metres, seconds), 1) == expected


def test_vdot_predicts_back_the_race_it_came_from():
    level = vdot(10_000, 45 * 60)

    assert predict_seconds(level, 10_000) == pytest.approx(45 * 60, abs=0.01)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (299.4, "4:59 /km"),
        (299.5, "5:00 /km"),
        (359.5, "6:00 /km"),
        (239.49, "3:59 /km"),
        (60.0, "1:00 /km"),
    ],
)
def test_pace_rounds_to_whole_seconds_before_splitting(seconds, text):
    assert format_pace(seconds) == text


def test_paces_of_a_3_30_target():
    paces = training_paces(210)

    assert (
        format_pace(paces.marathon),
        format_pace(paces.threshold),
        format_pace(paces.easy_fast),
        format_pace(paces.easy_slow),
    ) == ("4:59 /km", "4:40 /km", "5:22 /km", "6:25 /km")


def test_each_workout_type_gets_its_pace():
    request = build_request(
        weeks=16,
        runs_per_week=4,
        target_time="3:30",
        first_long_run_km=10,
        long_run_day="sunday",
    )
    plan = generate_plan(request)
    first, race_week = plan.weeks[0], plan.weeks[-1]

    assert [workout_pace(plan, w) for w in first.workouts] == [
        "5:22-6:25 /km",
        "4:40 /km",
        "5:22-6:25 /km",
        "5:22-6:25 /km",
    ]
    assert workout_pace(plan, race_week.workouts[-1]) == "4:59 /km"


def test_paces_in_miles_are_per_mile():
    paces = training_paces(210)

    assert format_pace(paces.marathon, Unit.MI) == "8:01 /mi"


def test_recent_race_sets_the_paces():
    recent = RecentRace(RaceDistance.FIVE_K, 20 * 60)
    paces = training_paces(240, recent)

    assert round(paces.vdot, 1) == 49.8
    assert format_pace(paces.marathon) == "4:32 /km"


@pytest.mark.parametrize(
    ("target", "race", "verdict"),
    [
        (200, RecentRace(RaceDistance.HALF, 95 * 60), "on track"),
        (190, RecentRace(RaceDistance.HALF, 95 * 60), "a stretch"),
        (180, RecentRace(RaceDistance.HALF, 95 * 60), "a big jump"),
    ],
)
def test_target_check_verdicts(target, race, verdict):
    assert check_target(target, race).verdict == verdict


def test_target_check_gives_the_numbers_behind_the_verdict():
    check = check_target(180, RecentRace(RaceDistance.HALF, 95 * 60))

    assert check.summary == (
        "Your recent race (VDOT 47.9) predicts 3:17:43 by VDOT and 3:18:04 by "
        "Riegel's formula. The target 3:00:00 (VDOT 53.5) is 9.0% faster than "
        "the VDOT prediction: a big jump."
    )


@pytest.mark.parametrize(
    ("distance", "time", "message"),
    [
        (
            "10K",
            "abc",
            "recent race time must be a time like 20:00 (minutes:seconds) or "
            "1:45:00 (got 'abc')",
        ),
        (
            "5K",
            "5:00",
            "recent race time must be between 0:12:01 and 0:53:13 for a 5K "
            "(got '5:00')",
        ),
        (
            "mile",
            "5:00",
            "recent race distance must be one of 5K, 10K, half marathon, marathon "
            "(got 'mile')",
        ),
    ],
)
def test_bad_recent_race_is_refused(distance, time, message):
    from stride_engine import PlanInputError

    with pytest.raises(PlanInputError) as caught:
        build_request(
            weeks=16,
            runs_per_week=4,
            target_time="3:30",
            first_long_run_km=10,
            long_run_day="sunday",
            recent_race_distance=distance,
            recent_race_time=time,
        )
    assert caught.value.messages == [message]


def test_paces_line_says_where_the_paces_come_from():
    from stride_engine.export import paces_summary

    args = {
        "weeks": 16,
        "runs_per_week": 4,
        "target_time": "4:00",
        "first_long_run_km": 8,
        "long_run_day": "sunday",
    }
    own = generate_plan(build_request(**args))
    raced = generate_plan(
        build_request(**args, recent_race_distance="10K", recent_race_time="45:00")
    )

    assert paces_summary(own).endswith("(VDOT 37.9, from the target 4:00:00).")
    assert paces_summary(raced) == (
        "Paces: easy and long 5:18-6:21 /km, tempo 4:37 /km, race 4:55 /km "
        "(VDOT 45.3, from your recent 10K)."
    )
