"""Plain forms of a plan: the JSON contract, CSV rows and a text table.

Every form shows the same distances, paces, dates and unit: the helpers
here are what the command line, the pages and the file exports share.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any

from stride_engine.models import Plan, RunType, Weekday, Workout
from stride_engine.paces import check_target, format_duration
from stride_engine.units import (
    Unit,
    format_distance,
    format_pace,
    format_pace_range,
    km_to_unit,
)

TOTAL_COLUMN = "Total (km)"


def _number(value: float) -> int | float:
    """Whole distances as ints so that JSON shows 8, not 8.0."""
    return int(value) if float(value).is_integer() else value


def _unit(plan: Plan, unit: Unit | None) -> Unit:
    return plan.request.unit if unit is None else unit


def workout_pace(plan: Plan, workout: Workout, unit: Unit | None = None) -> str:
    """The pace of a workout: an easy range, threshold, or marathon pace."""
    paces, unit = plan.paces, _unit(plan, unit)
    if workout.type is RunType.TEMPO:
        return format_pace(paces.threshold, unit)
    if workout.type is RunType.RACE:
        return format_pace(paces.marathon, unit)
    return format_pace_range(paces.easy_slow, paces.easy_fast, unit)


def workout_text(workout: Workout, unit: Unit = Unit.KM) -> str:
    """Table cell text such as "Easy 6 km" or "Race day 26.2 mi"."""
    return f"{workout.type.label} {format_distance(workout.distance_km, unit)}"


def paces_summary(plan: Plan, unit: Unit | None = None) -> str:
    """One line with every training pace and the VDOT behind them."""
    paces, unit = plan.paces, _unit(plan, unit)
    recent = plan.request.recent_race
    # Say where the paces come from: with a recent race the race pace is
    # what that race predicts, not the target's own pace.
    source = (
        f"from the target {plan.request.target_time}"
        if recent is None
        else f"from your recent {recent.distance.value}"
    )
    return (
        f"Paces: easy and long "
        f"{format_pace_range(paces.easy_slow, paces.easy_fast, unit)}, tempo "
        f"{format_pace(paces.threshold, unit)}, race "
        f"{format_pace(paces.marathon, unit)} (VDOT {paces.vdot:.1f}, {source})."
    )


def total_column(unit: Unit) -> str:
    """Heading of the weekly total column in a unit."""
    return f"Total ({unit.value})"


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan in the JSON shape that tools rely on.

    The keys of the first version stay as they were; paces, the unit and,
    for a dated plan, the dates come beside them.
    """
    request, unit = plan.request, plan.request.unit
    paces = plan.paces
    document: dict[str, Any] = {
        "weeks": request.weeks,
        "runs_per_week": request.runs_per_week,
        "target_time": request.target_time,
        "first_long_run_km": _number(request.first_long_run_km),
        "long_run_day": request.long_run_day.value,
        "peak_long_run_km": plan.peak_long_run_km,
        "weekly_increase_km": plan.weekly_increase_km,
        "unit": unit.value,
        "recovery_weeks": request.recovery_weeks,
        "paces": {
            "vdot": round(paces.vdot, 1),
            "marathon": format_pace(paces.marathon, unit),
            "easy": format_pace_range(paces.easy_slow, paces.easy_fast, unit),
            "threshold": format_pace(paces.threshold, unit),
        },
    }
    if request.recent_race is not None:
        document["recent_race"] = {
            "distance": request.recent_race.distance.value,
            "time": format_duration(request.recent_race.seconds),
        }
    if plan.start_date is not None:
        document["race_date"] = request.race_date.isoformat()
        document["start_date"] = plan.start_date.isoformat()

    document["plan"] = [
        {
            "week": week.number,
            "total_km": _number(week.total_km),
            **_in_miles("total_mi", week.total_km, unit),
            "workouts": [_workout_dict(plan, week.number, w) for w in week.workouts],
        }
        for week in plan.weeks
    ]
    return document


def _in_miles(key: str, km: float, unit: Unit) -> dict[str, float]:
    return {key: round(km_to_unit(km, unit), 1)} if unit is Unit.MI else {}


def _workout_dict(plan: Plan, week: int, workout: Workout) -> dict[str, Any]:
    day = plan.workout_date(week, workout)
    return {
        **({"date": day.isoformat()} if day is not None else {}),
        "day": workout.day.value,
        "type": workout.type.value,
        "distance_km": _number(workout.distance_km),
        **_in_miles("distance_mi", workout.distance_km, plan.request.unit),
        "pace": workout_pace(plan, workout),
    }


def plan_to_json(plan: Plan) -> str:
    """The JSON document, indented for people and stable for tools."""
    return json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False) + "\n"


def plan_to_csv(plan: Plan) -> str:
    """One CSV row a workout, with the same fields as the JSON workouts."""
    rows = [
        {"week": week["week"], **workout}
        for week in plan_to_dict(plan)["plan"]
        for workout in week["workouts"]
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def plan_table_rows(
    plan: Plan, unit: Unit | None = None, with_paces: bool = False
) -> list[dict[str, object]]:
    """A row a week: a column a weekday ("Easy 6 km" or ""), and the total.

    A dated plan gets a "Starts" column with each week's Monday; with
    ``with_paces`` each cell also gives the workout's pace.
    """
    unit = _unit(plan, unit)
    rows = []
    for week in plan.weeks:
        row: dict[str, object] = {"Week": week.number}
        if plan.start_date is not None:
            monday = plan.start_date + timedelta(weeks=week.number - 1)
            row["Starts"] = monday.isoformat()
        by_day = {}
        for w in week.workouts:
            text = workout_text(w, unit)
            by_day[w.day] = (
                f"{text} · {workout_pace(plan, w, unit)}" if with_paces else text
            )
        for day in Weekday:
            row[day.label] = by_day.get(day, "")
        # Miles always show one decimal; kilometres as the plan has them.
        row[total_column(unit)] = (
            _number(week.total_km)
            if unit is Unit.KM
            else round(km_to_unit(week.total_km, unit), 1)
        )
        rows.append(row)
    return rows


def plan_to_text(plan: Plan) -> str:
    """The weekly table as aligned plain text, with a summary on top."""
    request, unit = plan.request, plan.request.unit
    lines = [
        f"Classic plan: {request.weeks} weeks, {request.runs_per_week} runs a "
        f"week, target {request.target_time}, long runs on "
        f"{request.long_run_day.label}s. Peak long run "
        f"{format_distance(plan.peak_long_run_km, unit)} in week {plan.peak_week}; "
        f"{format_distance(plan.total_km, unit)} in all.",
        paces_summary(plan),
    ]
    if request.recent_race is not None:
        lines.append(check_target(request.target_minutes, request.recent_race).summary)
    if plan.start_date is not None:
        lines.append(
            f"First day {plan.start_date.isoformat()}, race day "
            f"{request.race_date.isoformat()}."
        )

    rows = plan_table_rows(plan)
    columns = list(rows[0])
    cells = [[str(row[c]) for c in columns] for row in rows]
    widths = [
        max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)
    ]
    lines.append("")
    lines.append(
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()
    )
    lines.append("  ".join("-" * w for w in widths))
    for line in cells:
        lines.append(
            "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip()
        )
    return "\n".join(lines) + "\n"
