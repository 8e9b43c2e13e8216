"""Plain forms of a plan: the JSON contract, CSV rows and a text table."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from stride_engine.models import Plan, Weekday, format_km

CSV_COLUMNS = ("week", "day", "type", "distance_km")
TOTAL_COLUMN = "Total (km)"


def _number(value: float) -> int | float:
    """Whole distances as ints so that JSON shows 8, not 8.0."""
    return int(value) if float(value).is_integer() else value


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan in the JSON shape that tools rely on."""
    request = plan.request
    return {
        "weeks": request.weeks,
        "runs_per_week": request.runs_per_week,
        "target_time": request.target_time,
        "first_long_run_km": _number(request.first_long_run_km),
        "long_run_day": request.long_run_day.value,
        "peak_long_run_km": plan.peak_long_run_km,
        "weekly_increase_km": plan.weekly_increase_km,
        "plan": [
            {
                "week": week.number,
                "total_km": _number(week.total_km),
                "workouts": [
                    {
                        "day": w.day.value,
                        "type": w.type.value,
                        "distance_km": _number(w.distance_km),
                    }
                    for w in week.workouts
                ],
            }
            for week in plan.weeks
        ],
    }


def plan_to_json(plan: Plan) -> str:
    """The JSON document, indented for people and stable for tools."""
    return json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False) + "\n"


def plan_to_csv(plan: Plan) -> str:
    """One CSV row a workout: week, day, type, distance_km."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for week in plan.weeks:
        for w in week.workouts:
            writer.writerow(
                [week.number, w.day.value, w.type.value, format_km(w.distance_km)]
            )
    return out.getvalue()


def plan_table_rows(plan: Plan) -> list[dict[str, object]]:
    """A row a week, a column a weekday ("Easy 6 km" or ""), and the total."""
    rows = []
    for week in plan.weeks:
        row: dict[str, object] = {"Week": week.number}
        by_day = {w.day: w.label for w in week.workouts}
        for day in Weekday:
            row[day.label] = by_day.get(day, "")
        row[TOTAL_COLUMN] = _number(week.total_km)
        rows.append(row)
    return rows


def plan_to_text(plan: Plan) -> str:
    """The weekly table as aligned plain text, with a summary line on top."""
    request = plan.request
    header = (
        f"Classic plan: {request.weeks} weeks, {request.runs_per_week} runs a "
        f"week, target {request.target_time}, long runs on "
        f"{request.long_run_day.label}s. Peak long run {plan.peak_long_run_km} km "
        f"in week {plan.peak_week}; {format_km(plan.total_km)} km in all."
    )
    rows = plan_table_rows(plan)
    columns = list(rows[0])
    cells = [[str(row[c]) for c in columns] for row in rows]
    widths = [
        max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)
    ]
    lines = [header, ""]
    lines.append(
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()
    )
    lines.append("  ".join("-" * w for w in widths))
    for line in cells:
        lines.append(
            "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip()
        )
    return "\n".join(lines) + "\n"
