"""The plan as an iCalendar file: one all-day event a workout.

Written with the icalendar library, which folds lines, escapes text and
formats dates as RFC 5545 requires. An all-day event's DTEND is the day
after (RFC 5545, 3.6.1: DTEND is exclusive). Each UID is made from the
plan's key and the workout's date; a calendar that imports a new version
of the plan then updates its events instead of adding copies.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import icalendar

from stride_engine.errors import FieldError, PlanInputError
from stride_engine.export import workout_pace, workout_text
from stride_engine.models import Plan
from stride_engine.plan import week_purpose

PRODUCT_ID = "-//Stride//Marathon plan//EN"
UID_DOMAIN = "stride.plan"


def default_plan_key(plan: Plan) -> str:
    """Key of an unsaved plan: its race, which every version shares."""
    return f"race-{plan.request.race_date:%Y%m%d}"


def plan_to_ics(plan: Plan, stamp: datetime, plan_key: str | None = None) -> bytes:
    """The calendar file of a dated plan.

    ``stamp`` (a UTC time the caller passes in) is each event's DTSTAMP;
    ``plan_key`` names the plan in the UIDs, a saved plan's id for one.
    """
    if plan.start_date is None:
        raise PlanInputError(
            [
                FieldError(
                    "race date",
                    "none",
                    "must be set to export a calendar: the events need dates",
                )
            ]
        )
    key = plan_key or default_plan_key(plan)
    unit = plan.request.unit

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Stride marathon plan")

    for week in plan.weeks:
        purpose = week_purpose(plan.request, week.number)
        for workout in week.workouts:
            day = plan.workout_date(week.number, workout)
            event = icalendar.Event()
            event.add("uid", f"stride-{key}-{day:%Y%m%d}@{UID_DOMAIN}")
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("summary", workout_text(workout, unit))
            event.add(
                "description",
                f"Pace {workout_pace(plan, workout)}. Week {week.number} of "
                f"{plan.request.weeks}: {purpose}.",
            )
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return calendar.to_ical()
