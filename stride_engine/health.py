"""Plan health: checks that warn about risky weeks and never change a plan.

Three checks a week, each green, amber or red with its reason:

- weekly change: distance against the last week that was not a recovery
  week. Up to 10 % more is green (the common "10 % rule"), up to 20 % amber,
  more red. Less is green: a step back or the taper.
- long-run share: the long run's part of the week. Up to 40 % green, up to
  50 % amber, more red; plans of few runs a week lean on the long run.
- single-run spike: a run longer than 110 % of the longest run of the 30
  days before it. The Garmin-RUNSAFE cohort (Frandsen et al., British
  Journal of Sports Medicine, 2025) found injuries rose above that bound
  and rose further with the size of the spike: up to 130 % is amber, more
  is red. The first week is not judged: the runs before the plan are
  unknown.

The race itself is left out of every check: it is meant to be the longest
run, and the race week's distance is judged without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from stride_engine.models import Plan, RunType
from stride_engine.plan import is_recovery_week
from stride_engine.units import Unit, format_distance

WEEKLY_CHANGE_LIMITS = (0.10, 0.20)
LONG_RUN_SHARE_LIMITS = (0.40, 0.50)
SPIKE_LIMITS = (1.10, 1.30)
SPIKE_WINDOW_DAYS = 30


class Level(StrEnum):
    """How a check came out."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class Check:
    """One check of one week: its level and the reason in words."""

    name: str
    level: Level
    reason: str


@dataclass(frozen=True)
class WeekHealth:
    """The three checks of a week and the worst of their levels."""

    week: int
    checks: tuple[Check, ...]

    @property
    def level(self) -> Level:
        """The worst level among the week's checks."""
        order = list(Level)
        return max((c.level for c in self.checks), key=order.index)


def _grade(value: float, limits: tuple[float, float]) -> Level:
    if value <= limits[0]:
        return Level.GREEN
    return Level.AMBER if value <= limits[1] else Level.RED


def assess_plan(plan: Plan, unit: Unit | None = None) -> list[WeekHealth]:
    """The health of every week of a plan, first week first."""
    unit = plan.request.unit if unit is None else unit
    training = [
        [w for w in week.workouts if w.type is not RunType.RACE] for week in plan.weeks
    ]
    totals = [sum(w.distance_km for w in runs) for runs in training]
    # Every run on one day line, so the spike rule can look 30 days back.
    runs_by_day = [
        (7 * (week.number - 1) + w.day.index, w.distance_km)
        for week, runs in zip(plan.weeks, training, strict=True)
        for w in runs
    ]

    result = []
    reference: int | None = None
    for index, week in enumerate(plan.weeks):
        checks = (
            _weekly_change(index, totals, reference, plan, unit),
            _long_run_share(week, totals[index], unit),
            _spike(week, training[index], runs_by_day, unit),
        )
        result.append(WeekHealth(week=week.number, checks=checks))
        if not is_recovery_week(plan.request, week.number):
            reference = index
    return result


def _weekly_change(
    index: int, totals: list[float], reference: int | None, plan: Plan, unit: Unit
) -> Check:
    name = "Weekly change"
    total = format_distance(totals[index], unit)
    if reference is None:
        return Check(name, Level.GREEN, f"first week: {total}")

    before = totals[reference]
    change = (totals[index] - before) / before
    against = f"week {reference + 1} ({format_distance(before, unit)})"
    if is_recovery_week(plan.request, index + 1):
        return Check(
            name, Level.GREEN, f"recovery week: {total}, {change:+.1%} on {against}"
        )
    if change <= 0:
        return Check(name, Level.GREEN, f"{total}, {change:+.1%} on {against}")

    level = _grade(change, WEEKLY_CHANGE_LIMITS)
    bound = {Level.GREEN: "within", Level.AMBER: "over", Level.RED: "well over"}[level]
    return Check(
        name, level, f"{total}, {change:+.1%} on {against}: {bound} the 10% guideline"
    )


def _long_run_share(week, total: float, unit: Unit) -> Check:
    name = "Long-run share"
    long_runs = [w for w in week.workouts if w.type is RunType.LONG]
    if not long_runs:
        return Check(name, Level.GREEN, "race week: the race is not counted")

    long_run = long_runs[0].distance_km
    share = long_run / total
    level = _grade(share, LONG_RUN_SHARE_LIMITS)
    limit = f"{LONG_RUN_SHARE_LIMITS[0]:.0%}"
    judgement = "at most" if level is Level.GREEN else "more than"
    return Check(
        name,
        level,
        f"long run {format_distance(long_run, unit)} is {share:.1%} of the week, "
        f"{judgement} {limit}",
    )


def _spike(week, runs, runs_by_day: list[tuple[int, float]], unit: Unit) -> Check:
    name = "Single-run spike"
    if week.number == 1:
        return Check(
            name, Level.GREEN, "first week: the runs before the plan are unknown"
        )
    worst: tuple[float, float, float] | None = None
    for run in runs:
        day = 7 * (week.number - 1) + run.day.index
        window = [km for d, km in runs_by_day if day - SPIKE_WINDOW_DAYS <= d < day]
        if not window:
            continue
        ratio = run.distance_km / max(window)
        if worst is None or ratio > worst[0]:
            worst = (ratio, run.distance_km, max(window))

    if worst is None:
        return Check(name, Level.GREEN, "no earlier runs to compare with")
    ratio, longest, before = worst
    level = _grade(ratio, SPIKE_LIMITS)
    return Check(
        name,
        level,
        f"longest run {format_distance(longest, unit)} is {ratio:.1%} of the "
        f"longest in the 30 days before ({format_distance(before, unit)}); "
        "the bound is 110%",
    )
