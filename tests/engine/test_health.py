"""Plan health: weekly change, long-run share and the single-run spike."""

from __future__ import annotations

import dataclasses

from stride_engine import Week, Workout, build_request, generate_plan
from stride_engine.health import Level, assess_plan
from stride_engine.models import RunType, Weekday

DEFAULT = {
    "weeks": 16,
    "runs_per_week": 4,
    "target_time": "4:00",
    "first_long_run_km": 8,
    "long_run_day": "sunday",
}
G, A, R = Level.GREEN, Level.AMBER, Level.RED


def _levels(plan):
    return [tuple(c.level for c in week.checks) for week in assess_plan(plan)]


def test_default_plan_flags_week_by_week():
    plan = generate_plan(build_request(**DEFAULT))

    # (weekly change, long-run share, single-run spike) for weeks 1 to 16.
    assert _levels(plan) == [
        (G, G, G), (A, G, A), (A, A, A), (G, A, G),
        (A, A, A), (A, A, A), (A, A, A), (A, A, A),
        (G, A, G), (G, A, G), (G, A, G), (G, A, G),
        (G, A, G), (G, A, G), (G, G, G), (G, G, G),
    ]  # fmt: skip


def test_default_plan_reasons_name_the_numbers():
    week_2 = assess_plan(generate_plan(build_request(**DEFAULT)))[1]

    assert [c.reason for c in week_2.checks] == [
        "25 km, +19.0% on week 1 (21 km): over the 10% guideline",
        "long run 10 km is 40.0% of the week, at most 40%",
        "longest run 10 km is 125.0% of the longest in the 30 days before (8 km); "
        "the bound is 110%",
    ]


def test_long_run_jump_from_10_to_18_km_is_red_for_the_spike_rule():
    plan = generate_plan(build_request(**DEFAULT))
    weeks = list(plan.weeks)
    for number, long_run in ((4, 10), (5, 18)):
        week = weeks[number - 1]
        runs = tuple(
            dataclasses.replace(w, distance_km=long_run)
            if w.type is RunType.LONG
            else w
            for w in week.workouts
        )
        total = sum(w.distance_km for w in runs)
        weeks[number - 1] = Week(number=number, workouts=runs, total_km=total)
    jumped = dataclasses.replace(plan, weeks=tuple(weeks))

    week_5 = assess_plan(jumped)[4]
    spike = week_5.checks[2]
    assert (week_5.week, spike.name, spike.level) == (5, "Single-run spike", R)
    assert spike.reason == (
        "longest run 18 km is 150.0% of the longest in the 30 days before (12 km); "
        "the bound is 110%"
    )


def test_health_never_changes_the_plan():
    plan = generate_plan(build_request(**DEFAULT))
    before = dataclasses.replace(plan)

    assess_plan(plan)
    assert plan == before


def test_race_week_is_judged_without_the_race():
    week_16 = assess_plan(generate_plan(build_request(**DEFAULT)))[-1]

    assert [c.reason for c in week_16.checks][:2] == [
        "7 km, -72.0% on week 15 (25 km)",
        "race week: the race is not counted",
    ]


def test_weekly_change_after_a_recovery_week_compares_with_the_week_before_it():
    plan = generate_plan(build_request(**DEFAULT, recovery_weeks=True))

    # Week 4 steps back; week 5 resumes the build, so it is two weeks of
    # growth on week 3.
    change = assess_plan(plan)[4].checks[0]
    assert (change.level, change.reason) == (
        R,
        "36 km, +24.1% on week 3 (29 km): well over the 10% guideline",
    )


def test_workout_constructed_by_hand_is_judged_too():
    runs = (
        Workout(Weekday.TUESDAY, RunType.EASY, 5),
        Workout(Weekday.SUNDAY, RunType.LONG, 30),
    )
    plan = generate_plan(build_request(**DEFAULT))
    week = Week(number=2, workouts=runs, total_km=35)
    odd = dataclasses.replace(plan, weeks=(plan.weeks[0], week))

    assert assess_plan(odd)[1].checks[1].level is R
