"""Checks raw inputs and turns them into a ``PlanRequest``.

Every field is checked before any plan work starts, and every bad field
is reported at once, each message naming the field, the value given and
what is allowed.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from numbers import Real

from stride_engine.errors import FieldError, PlanInputError
from stride_engine.models import LONG_RUN_DAYS, PlanRequest, Weekday
from stride_engine.paces import (
    RaceDistance,
    RecentRace,
    format_duration,
    predict_seconds,
)
from stride_engine.units import Unit

MIN_WEEKS, MAX_WEEKS = 8, 30
MIN_RUNS, MAX_RUNS = 2, 7
MIN_TARGET_MINUTES, MAX_TARGET_MINUTES = 120, 480
MIN_FIRST_LONG_RUN_KM = 3

TARGET_FORMS = "3:30, 3:30:00, 3h30 or 210 (minutes)"
RACE_TIME_FORMS = "20:00 (minutes:seconds) or 1:45:00"
# Daniels' tables run from VDOT 30 to 85; 15 covers an 8:00:00 marathon.
MIN_VDOT, MAX_VDOT = 15.0, 90.0

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_HOURS = re.compile(r"(\d{1,2})\s*h\s*(?:(\d{1,2})\s*m?)?")
_MINUTES = re.compile(r"\d{1,3}")


def peak_long_run_km(target_minutes: int) -> int:
    """Peak long run for a target: slower runners peak shorter."""
    if target_minutes >= 210:
        return 30
    if target_minutes >= 180:
        return 32
    return 35


def format_minutes(minutes: int) -> str:
    """Whole minutes as H:MM:SS."""
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}:00"


def show(value: object) -> str:
    """A given value as a message shows it: text quoted, numbers bare."""
    if isinstance(value, str):
        # Numbers typed as text read as numbers: "(got 4)", not "(got '4')".
        if _as_number(value) is not None:
            return value.strip()
        return repr(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_target_time(value: object) -> int:
    """Target time in whole minutes from the forms people write.

    "3:30", "3:30:00", "03:30:00", "3h30", "3h30m" and "210" (minutes)
    all mean 210. Raises ``PlanInputError`` for anything else or for a
    time outside 2:00:00 to 8:00:00.
    """
    error = _target_error(value)
    if isinstance(error, FieldError):
        raise PlanInputError([error])
    return error


def build_request(
    *,
    weeks: object,
    runs_per_week: object,
    target_time: object,
    first_long_run_km: object,
    long_run_day: object,
    race_date: object = None,
    today: date | None = None,
    recent_race_distance: object = None,
    recent_race_time: object = None,
    recovery_weeks: bool = False,
    unit: object = Unit.KM,
) -> PlanRequest:
    """Validate raw inputs (numbers, text or enums) into a request.

    ``today`` is needed only with a race date, which must leave room for
    the whole plan from the next Monday on; it is never read here.
    """
    errors: list[FieldError] = []

    checked_weeks = _whole_number("weeks", weeks, MIN_WEEKS, MAX_WEEKS, errors)
    checked_runs = _whole_number(
        "runs per week", runs_per_week, MIN_RUNS, MAX_RUNS, errors
    )

    target = _target_error(target_time)
    if isinstance(target, FieldError):
        errors.append(target)
        target = None

    first = _first_long_run(first_long_run_km, target, errors)
    day = _long_run_day(long_run_day, errors)
    race = _race_date(race_date, today, checked_weeks, errors)
    recent = _recent_race(recent_race_distance, recent_race_time, errors)
    checked_unit = _unit(unit, errors)

    if errors:
        raise PlanInputError(errors)
    return PlanRequest(
        weeks=checked_weeks,
        runs_per_week=checked_runs,
        target_minutes=target,
        first_long_run_km=first,
        long_run_day=day,
        race_date=race,
        recent_race=recent,
        recovery_weeks=bool(recovery_weeks),
        unit=checked_unit,
    )


def earliest_race_date(weeks: int, today: date) -> date:
    """First race date whose plan starts no earlier than the next Monday."""
    first_monday = today + timedelta(days=-today.weekday() % 7)
    return first_monday + timedelta(weeks=weeks - 1)


def parse_race_time(value: object) -> int | None:
    """Seconds of a race time written M:SS or H:MM:SS, else None."""
    if not isinstance(value, str):
        return None
    parts = value.strip().split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return None
    numbers = [int(p) for p in parts]
    if any(n > 59 for n in numbers[1:]):
        return None
    if len(numbers) == 2:
        return numbers[0] * 60 + numbers[1]
    return numbers[0] * 3600 + numbers[1] * 60 + numbers[2]


def _race_date(
    value: object, today: date | None, weeks: int, errors: list[FieldError]
) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        race = value
    else:
        try:
            race = date.fromisoformat(str(value).strip())
        except ValueError:
            errors.append(
                FieldError("race date", show(value), "must be a date like 2027-04-18")
            )
            return None
    if today is None:
        raise TypeError("build_request needs today to check a race date")
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        return race

    earliest = earliest_race_date(weeks, today)
    if race < earliest:
        when = "is in the past" if race < today else "is too close"
        errors.append(
            FieldError(
                "race date",
                f"{race.isoformat()}, which {when}",
                f"must be on or after {earliest.isoformat()} for a {weeks}-week "
                "plan starting next Monday or later",
            )
        )
    return race


def _recent_race(
    distance: object, time: object, errors: list[FieldError]
) -> RecentRace | None:
    if distance in (None, "") and time in (None, ""):
        return None

    names = {d.value.lower(): d for d in RaceDistance}
    key = distance.value if isinstance(distance, RaceDistance) else distance
    race_distance = names.get(str(key).strip().lower()) if key is not None else None
    if race_distance is None:
        allowed = ", ".join(d.value for d in RaceDistance)
        errors.append(
            FieldError(
                "recent race distance", show(distance), f"must be one of {allowed}"
            )
        )
        return None

    if time in (None, ""):
        errors.append(
            FieldError(
                "recent race time",
                "none",
                f"must be given with a recent race, like {RACE_TIME_FORMS}",
            )
        )
        return None
    seconds = parse_race_time(time)
    if seconds is None:
        errors.append(
            FieldError(
                "recent race time", show(time), f"must be a time like {RACE_TIME_FORMS}"
            )
        )
        return None

    # Times beyond what the VDOT tables cover give meaningless paces.
    fastest = predict_seconds(MAX_VDOT, race_distance.metres)
    slowest = predict_seconds(MIN_VDOT, race_distance.metres)
    if not fastest <= seconds <= slowest:
        errors.append(
            FieldError(
                "recent race time",
                show(time),
                f"must be between {format_duration(fastest)} and "
                f"{format_duration(slowest)} for a {race_distance.value}",
            )
        )
        return None
    return RecentRace(distance=race_distance, seconds=seconds)


def _unit(value: object, errors: list[FieldError]) -> Unit:
    text = value.value if isinstance(value, Unit) else str(value).strip().lower()
    if text in {u.value for u in Unit}:
        return Unit(text)
    errors.append(FieldError("unit", show(value), "must be km or mi"))
    return Unit.KM


def _as_number(value: object) -> float | None:
    """A finite number from a number or numeric text, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Real):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _whole_number(
    field: str, value: object, low: int, high: int, errors: list[FieldError]
) -> int:
    number = _as_number(value)
    if number is None or not number.is_integer():
        errors.append(
            FieldError(
                field, show(value), f"must be a whole number from {low} to {high}"
            )
        )
        return 0
    if not low <= number <= high:
        errors.append(
            FieldError(field, show(value), f"must be between {low} and {high}")
        )
    return int(number)


def _target_error(value: object) -> int | FieldError:
    """Minutes of a valid target, or the error describing what is wrong."""
    minutes = _target_minutes(value)
    if minutes is None:
        return FieldError(
            "target time", show(value), f"must be a time written like {TARGET_FORMS}"
        )
    if not MIN_TARGET_MINUTES <= minutes <= MAX_TARGET_MINUTES:
        low = format_minutes(MIN_TARGET_MINUTES)
        high = format_minutes(MAX_TARGET_MINUTES)
        return FieldError(
            "target time", show(value), f"must be between {low} and {high}, like 3:30"
        )
    if not float(minutes).is_integer():
        return FieldError(
            "target time", show(value), "must be in whole minutes, like 3:30:00"
        )
    return int(minutes)


def _target_minutes(value: object) -> float | None:
    """Minutes written in any accepted form; fractions mean seconds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Real):
        number = float(value)
        return number if math.isfinite(number) and number.is_integer() else None
    if not isinstance(value, str):
        return None

    text = value.strip().lower()
    if _MINUTES.fullmatch(text):
        return int(text)

    clock = _CLOCK.fullmatch(text)
    if clock:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        if minutes > 59 or seconds > 59:
            return None
        return hours * 60 + minutes + seconds / 60

    hours_form = _HOURS.fullmatch(text)
    if hours_form:
        hours, minutes = (int(part or 0) for part in hours_form.groups())
        return None if minutes > 59 else hours * 60 + minutes
    return None


def _first_long_run(
    value: object, target: int | None, errors: list[FieldError]
) -> float:
    number = _as_number(value)
    if number is None:
        errors.append(
            FieldError(
                "first long run", show(value), "must be a distance in km, like 9.5"
            )
        )
        return 0.0

    given = f"{show(number)} km"
    if target is None:
        # Without a valid target the peak is unknown: check the floor only.
        if number < MIN_FIRST_LONG_RUN_KM:
            errors.append(
                FieldError(
                    "first long run",
                    given,
                    f"must be at least {MIN_FIRST_LONG_RUN_KM} km",
                )
            )
        return number

    peak = peak_long_run_km(target)
    if not MIN_FIRST_LONG_RUN_KM <= number < peak:
        allowed = (
            f"must be at least {MIN_FIRST_LONG_RUN_KM} km and less than the peak "
            f"long run of {peak} km for a {format_minutes(target)} target"
        )
        errors.append(FieldError("first long run", given, allowed))
    return number


def _long_run_day(value: object, errors: list[FieldError]) -> Weekday:
    text = value.value if isinstance(value, Weekday) else value
    if isinstance(text, str) and text.strip().lower() in {
        d.value for d in LONG_RUN_DAYS
    }:
        return Weekday(text.strip().lower())
    errors.append(FieldError("long-run day", show(value), "must be saturday or sunday"))
    return Weekday.SUNDAY
