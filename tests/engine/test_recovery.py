"""Recovery weeks: every fourth build week steps back; peak and taper stay."""

from __future__ import annotations

from stride_engine import build_request, generate_plan
from stride_engine.plan import week_purpose

ARGS = {
    "weeks": 16,
    "runs_per_week": 4,
    "target_time": "4:00",
    "first_long_run_km": 8,
    "long_run_day": "sunday",
}


def test_recovery_weeks_are_off_by_default():
    assert generate_plan(build_request(**ARGS)) == generate_plan(
        build_request(**ARGS, recovery_weeks=False)
    )


def test_every_fourth_build_week_drops_to_about_80_percent():
    classic = generate_plan(build_request(**ARGS))
    plan = generate_plan(build_request(**ARGS, recovery_weeks=True))

    totals = [w.total_km for w in plan.weeks]
    assert [n for n in range(1, 17) if week_purpose(plan.request, n) == "recovery"] == [
        4, 8, 12,
    ]  # fmt: skip
    for number in (4, 8, 12):
        share = totals[number - 1] / totals[number - 2]
        assert 0.75 <= share <= 0.85
        week, before = plan.weeks[number - 1], plan.weeks[number - 2]
        assert week.long_run.distance_km < before.long_run.distance_km
    assert [w.long_run.distance_km for w in plan.weeks] == [
        8, 10, 12, 10, 15, 17, 19, 15, 23, 24, 26, 21, 30, 15, 10, 42.2,
    ]  # fmt: skip
    # Everything else, the peak and the taper included, is the classic plan.
    changed = [
        n for n, (a, b) in enumerate(zip(classic.weeks, plan.weeks, strict=True), 1)
        if a != b
    ]  # fmt: skip
    assert changed == [4, 8, 12]
