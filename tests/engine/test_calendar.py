"""Race dates: the plan's first day, race-week days and the .ics file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stride_engine import PlanInputError, RunType, build_request, generate_plan
from stride_engine.calendar_file import plan_to_ics

TODAY = date(2026, 12, 4)
STAMP = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)


def _plan(race_date, weeks=16, runs=4, day="sunday", **extra):
    request = build_request(
        weeks=weeks,
        runs_per_week=runs,
        target_time="4:00",
        first_long_run_km=8,
        long_run_day=day,
        race_date=race_date,
        today=TODAY,
        **extra,
    )
    return generate_plan(request)


def _dated_runs(plan):
    return [
        (plan.workout_date(week.number, w), w)
        for week in plan.weeks
        for w in week.workouts
    ]


def test_sixteen_weeks_to_a_sunday_race_start_on_monday_28_december():
    plan = _plan(date(2027, 4, 18))

    assert plan.start_date == date(2026, 12, 28)
    assert plan.start_date.weekday() == 0
    last_day, race = _dated_runs(plan)[-1]
    assert (last_day, race.type) == (date(2027, 4, 18), RunType.RACE)


def test_saturday_race_has_nothing_after_it():
    plan = _plan(date(2027, 4, 17), runs=7, day="sunday")
    runs = _dated_runs(plan)

    race_day = next(day for day, w in runs if w.type is RunType.RACE)
    assert race_day == date(2027, 4, 17)
    assert max(day for day, _ in runs) == race_day
    assert [w.day.value for w in plan.weeks[-1].workouts] == [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    ]  # fmt: skip


@given(
    offset=st.integers(min_value=0, max_value=6),
    runs=st.integers(min_value=2, max_value=7),
    day=st.sampled_from(["saturday", "sunday"]),
)
def test_any_race_weekday_leaves_no_run_after_it_and_no_shared_day(offset, runs, day):
    race = date(2027, 5, 3) + timedelta(days=offset)
    plan = _plan(race, runs=runs, day=day)
    days = [d for d, _ in _dated_runs(plan)]

    assert max(days) == race
    assert len(days) == len(set(days))


@pytest.mark.parametrize(
    ("race", "message"),
    [
        (
            "2026-11-01",
            "race date must be on or after 2027-03-22 for a 16-week plan starting "
            "next Monday or later (got 2026-11-01, which is in the past)",
        ),
        (
            "2027-03-21",
            "race date must be on or after 2027-03-22 for a 16-week plan starting "
            "next Monday or later (got 2027-03-21, which is too close)",
        ),
        ("18/04/2027", "race date must be a date like 2027-04-18 (got '18/04/2027')"),
    ],
)
def test_past_too_close_and_malformed_race_dates_are_refused(race, message):
    with pytest.raises(PlanInputError) as caught:
        _plan(race)

    assert caught.value.messages == [message]


def test_earliest_workable_date_is_accepted():
    assert _plan("2027-03-22").start_date == date(2026, 12, 7)


def test_ics_has_one_all_day_event_a_workout_with_dtend_the_day_after():
    plan = _plan(date(2027, 4, 18))
    calendar = icalendar.Calendar.from_ical(plan_to_ics(plan, STAMP))
    events = list(calendar.walk("VEVENT"))

    assert len(events) == 16 * 4
    first = events[0]
    assert first.decoded("dtstart") == date(2026, 12, 29)
    assert first.decoded("dtend") == date(2026, 12, 30)
    assert str(first["summary"]) == "Easy 4 km"
    assert str(first["description"]) == "Pace 6:06-7:17 /km. Week 1 of 16: build."
    assert all(
        e.decoded("dtend") - e.decoded("dtstart") == timedelta(days=1) for e in events
    )
    assert str(events[-1]["summary"]) == "Race day 42.2 km"
    assert events[-1].decoded("dtstart") == date(2027, 4, 18)


def test_ics_uids_are_unique_and_stable_across_exports():
    plan = _plan(date(2027, 4, 18))
    later = datetime(2027, 1, 2, tzinfo=UTC)

    def uids(data):
        return [
            str(e["uid"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
        ]

    first, second = uids(plan_to_ics(plan, STAMP)), uids(plan_to_ics(plan, later))
    assert first == second
    assert len(set(first)) == len(first)
    assert first[0] == "stride-race-20270418-20261229@stride.plan"


def test_ics_of_a_changed_plan_keeps_the_uids_of_its_days():
    before = _plan(date(2027, 4, 18))
    after = _plan(date(2027, 4, 18), recovery_weeks=True)

    def by_day(plan):
        data = icalendar.Calendar.from_ical(plan_to_ics(plan, STAMP))
        return {e.decoded("dtstart"): str(e["uid"]) for e in data.walk("VEVENT")}

    assert by_day(before) == by_day(after)


def test_ics_without_a_race_date_says_why():
    plan = generate_plan(
        build_request(
            weeks=16,
            runs_per_week=4,
            target_time="4:00",
            first_long_run_km=8,
            long_run_day="sunday",
        )
    )

    with pytest.raises(PlanInputError) as caught:
        plan_to_ics(plan, STAMP)
    assert caught.value.messages == [
        "race date must be set to export a calendar: the events need dates (got none)"
    ]
