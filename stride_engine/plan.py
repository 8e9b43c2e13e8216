"""The ``classic`` plan: long-run build, three-week taper and the race.

The rules follow ``shared/docs/seed-algorithm.md``. Arithmetic is done on
exact fractions and rounded half away from zero, as the reference does;
Python's ``round`` rounds half to even and would give other plans.
"""

from __future__ import annotations

import math
from fractions import Fraction

from stride_engine.models import (
    Plan,
    PlanRequest,
    RunType,
    Week,
    Weekday,
    Workout,
)
from stride_engine.validation import peak_long_run_km

MARATHON_KM = 42.2
MIN_RUN_KM = 2
TAPER_WEEKS = 3
EASY_CAP_KM = 12
TEMPO_CAP_KM = 10
RACE_WEEK_CUT_KM = 2
RECOVERY_SHARE = Fraction(4, 5)
WEEKDAYS = tuple(Weekday)

_E, _T, _L = RunType.EASY, RunType.TEMPO, RunType.LONG
RUN_TYPES: dict[int, tuple[RunType, ...]] = {
    2: (_E, _L),
    3: (_E, _T, _L),
    4: (_E, _T, _E, _L),
    5: (_E, _E, _T, _E, _L),
    6: (_E, _E, _T, _E, _E, _L),
    7: (_E, _E, _E, _T, _E, _E, _L),
}

_MON, _TUE, _WED, _THU, _FRI, _SAT, _SUN = Weekday
# Days for a Saturday and a Sunday long run. Five runs with a Sunday long
# run use Tue, Wed, Thu, Sat, Sun: the original listed Saturday twice.
RUN_DAYS: dict[Weekday, dict[int, tuple[Weekday, ...]]] = {
    _SAT: {
        2: (_WED, _SAT),
        3: (_TUE, _THU, _SAT),
        4: (_MON, _TUE, _THU, _SAT),
        5: (_MON, _TUE, _WED, _FRI, _SAT),
        6: (_MON, _TUE, _WED, _THU, _FRI, _SAT),
        7: tuple(Weekday),
    },
    _SUN: {
        2: (_THU, _SUN),
        3: (_TUE, _THU, _SUN),
        4: (_TUE, _WED, _FRI, _SUN),
        5: (_TUE, _WED, _THU, _SAT, _SUN),
        6: (_TUE, _WED, _THU, _FRI, _SAT, _SUN),
        7: tuple(Weekday),
    },
}


def round_half_away(value: Fraction, places: int = 0) -> Fraction:
    """Round to ``places`` decimals, halves away from zero (12.5 -> 13)."""
    scale = Fraction(10) ** places
    rounded = Fraction(math.floor(abs(value) * scale + Fraction(1, 2))) / scale
    return rounded if value >= 0 else -rounded


def weekly_increase(request: PlanRequest) -> Fraction:
    """Long-run growth per build week, rounded to two decimals."""
    peak = peak_long_run_km(request.target_minutes)
    first = Fraction(str(request.first_long_run_km))
    return round_half_away((peak - first) / (request.weeks - 4), 2)


def long_runs_km(request: PlanRequest) -> list[int]:
    """Long run of every week, before the race replaces the last one."""
    peak = peak_long_run_km(request.target_minutes)
    first = Fraction(str(request.first_long_run_km))
    increase = weekly_increase(request)
    build_weeks = request.weeks - TAPER_WEEKS

    distances = [first + increase * i for i in range(build_weeks)]
    # Half the peak, then a third, then a sixth in the race week.
    distances += [Fraction(peak * n, 6) for n in range(TAPER_WEEKS, 0, -1)]
    return [int(round_half_away(d)) for d in distances]


def is_recovery_week(request: PlanRequest, number: int) -> bool:
    """True for every fourth build week when recovery weeks are asked for.

    The peak week and the taper are never recovery weeks.
    """
    peak_week = request.weeks - TAPER_WEEKS
    return request.recovery_weeks and number % 4 == 0 and number < peak_week


def week_purpose(request: PlanRequest, number: int) -> str:
    """What a week is for: build, recovery, peak, taper or race week."""
    peak_week = request.weeks - TAPER_WEEKS
    if number == request.weeks:
        return "race week"
    if number > peak_week:
        return "taper"
    if number == peak_week:
        return "peak"
    return "recovery" if is_recovery_week(request, number) else "build"


def generate_plan(request: PlanRequest) -> Plan:
    """Build the classic plan for a validated request."""
    first = Fraction(str(request.first_long_run_km))
    # Floors that depend on the first long run only, worked out once.
    easy_floor = math.floor(first * Fraction(3, 5))
    tempo_floor = math.floor(first / 2)

    weeks: list[Week] = []
    for number, long_run in enumerate(long_runs_km(request), start=1):
        if is_recovery_week(request, number):
            weeks.append(_recovery_week(weeks[-1], number))
            continue
        week = _build_week(request, number, long_run, easy_floor, tempo_floor)
        if number == request.weeks and request.race_date is not None:
            week = _move_to_race_date(week, request.race_date.weekday())
        weeks.append(week)

    return Plan(
        request=request,
        peak_long_run_km=peak_long_run_km(request.target_minutes),
        weekly_increase_km=float(weekly_increase(request)),
        weeks=tuple(weeks),
    )


def _recovery_week(previous: Week, number: int) -> Week:
    # A step back to about 80 % of the week before on the same days, as in
    # Pfitzinger's and Higdon's plans; the build resumes the week after.
    workouts = tuple(
        Workout(
            day=w.day,
            type=w.type,
            distance_km=max(
                MIN_RUN_KM,
                int(round_half_away(Fraction(str(w.distance_km)) * RECOVERY_SHARE)),
            ),
        )
        for w in previous.workouts
    )
    return _week(number, workouts)


def _move_to_race_date(week: Week, race_day: int) -> Week:
    # Nothing follows the race: runs that would fall on or after race day
    # move to free days before it, the latest first, and are dropped when
    # the week has no free day left.
    race = next(w for w in week.workouts if w.type is RunType.RACE)
    others = [w for w in week.workouts if w.type is not RunType.RACE]
    kept = [w for w in others if w.day.index < race_day]
    moved = [w for w in others if w.day.index >= race_day]

    taken = {w.day.index for w in kept}
    free = [d for d in range(race_day) if d not in taken]
    places = free[len(free) - min(len(free), len(moved)) :]
    moved = moved[len(moved) - len(places) :]
    kept += [
        Workout(day=WEEKDAYS[day], type=w.type, distance_km=w.distance_km)
        for day, w in zip(places, moved, strict=True)
    ]
    kept.append(
        Workout(day=WEEKDAYS[race_day], type=race.type, distance_km=race.distance_km)
    )
    return _week(week.number, tuple(sorted(kept, key=lambda w: w.day.index)))


def _week(number: int, workouts: tuple[Workout, ...]) -> Week:
    total = round(sum(w.distance_km for w in workouts), 1)
    if float(total).is_integer():
        total = int(total)
    return Week(number=number, workouts=workouts, total_km=total)


def _build_week(
    request: PlanRequest,
    number: int,
    long_run: int,
    easy_floor: int,
    tempo_floor: int,
) -> Week:
    race_week = number == request.weeks
    taper = number > request.weeks - TAPER_WEEKS

    easy = min(EASY_CAP_KM, max(long_run // 2, easy_floor))
    tempo = min(TEMPO_CAP_KM, max(long_run * 2 // 5, tempo_floor))
    extra = 1 if taper else min(2, max(1, long_run // 10))

    types = RUN_TYPES[request.runs_per_week]
    days = RUN_DAYS[request.long_run_day][request.runs_per_week]
    workouts: list[Workout] = []
    easy_seen = 0
    for day, run_type in zip(days, types, strict=True):
        if run_type is RunType.EASY:
            easy_seen += 1
            distance: float = easy + (extra if easy_seen % 2 == 0 else 0)
        elif run_type is RunType.TEMPO:
            distance = tempo
        else:
            distance = long_run

        if race_week:
            if run_type is RunType.LONG:
                run_type, distance = RunType.RACE, MARATHON_KM
            else:
                # The race week's tempo is run easy, at the tempo distance.
                run_type = RunType.EASY
                distance -= RACE_WEEK_CUT_KM
        if run_type is not RunType.RACE:
            # Small first long runs would otherwise give runs of 0 or 1 km.
            distance = max(MIN_RUN_KM, distance)
        workouts.append(Workout(day=day, type=run_type, distance_km=distance))

    return _week(number, tuple(workouts))
