"""Saving, listing, loading, renaming and deleting plans, on both databases."""

from __future__ import annotations

import dataclasses
import json
import math
import uuid
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from db import models
from db.errors import (
    PLAN_NAME_CONTROL,
    PLAN_NAME_EMPTY,
    PLAN_NAME_TOO_LONG,
    PLAN_NOT_FOUND,
    PLAN_NOT_STORABLE,
    PlanNameError,
    PlanNotFoundError,
    PlanNotStorableError,
)
from db.repository import (
    delete_plan,
    list_plans,
    load_plan,
    rename_plan,
    save_plan,
)
from stride_engine import PlanRequest, Weekday, build_request, generate_plan
from stride_engine.export import plan_to_json
from stride_engine.paces import RaceDistance, predict_seconds
from stride_engine.units import Unit
from stride_engine.validation import (
    MAX_VDOT,
    MIN_VDOT,
    earliest_race_date,
    peak_long_run_km,
)


def make_plan(weeks=16, runs=4, target="3:30", first=9.5, day="sunday"):
    """A plan from raw inputs, as a page would build it."""
    return generate_plan(
        build_request(
            weeks=weeks,
            runs_per_week=runs,
            target_time=target,
            first_long_run_km=first,
            long_run_day=day,
        )
    )


TODAY = date(2026, 12, 4)


@st.composite
def plan_requests(draw: st.DrawFn) -> PlanRequest:
    """Valid requests over every input the engine takes.

    First long runs are whole, one decimal or any float; race dates, recent
    races, recovery weeks and miles appear in some.
    """
    weeks = draw(st.integers(8, 30))
    target = draw(st.integers(120, 480))
    peak = peak_long_run_km(target)
    first = draw(
        st.one_of(
            st.integers(3, peak - 1).map(float),
            st.integers(30, peak * 10 - 1).map(lambda tenths: tenths / 10),
            st.floats(3, peak, exclude_max=True),
        )
    )
    race_date = draw(
        st.none()
        | st.integers(0, 400).map(
            lambda days: earliest_race_date(weeks, TODAY) + timedelta(days=days)
        )
    )
    distance = draw(st.none() | st.sampled_from(list(RaceDistance)))
    race_time = None
    if distance is not None:
        fastest = math.ceil(predict_seconds(MAX_VDOT, distance.metres))
        slowest = math.floor(predict_seconds(MIN_VDOT, distance.metres))
        seconds = draw(st.integers(fastest, slowest))
        race_time = f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return build_request(
        weeks=weeks,
        runs_per_week=draw(st.integers(2, 7)),
        target_time=target,
        first_long_run_km=first,
        long_run_day=draw(st.sampled_from(["saturday", "sunday"])),
        race_date=race_date,
        today=TODAY,
        recent_race_distance=distance,
        recent_race_time=race_time,
        recovery_weeks=draw(st.booleans()),
        unit=draw(st.sampled_from(list(Unit))),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(request=plan_requests())
def test_a_saved_plan_loads_back_equal_to_the_generated_one(
    request, sessions, keys, new_user_token
):
    token = new_user_token(f"runner-{uuid.uuid4().hex[:8]}")
    plan = generate_plan(request)

    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, plan, "Spring")
    with sessions.begin() as session:
        saved = load_plan(session, keys.public_key, token, plan_id)

    assert saved.plan == plan
    assert plan_to_json(saved.plan) == plan_to_json(plan)
    assert (saved.id, saved.name) == (plan_id, "Spring")


@pytest.mark.parametrize(
    "inputs",
    [
        {"race_date": date(2027, 4, 14), "runs_per_week": 7},
        {"recent_race_distance": "10K", "recent_race_time": "44:30"},
        {"recovery_weeks": True, "weeks": 30},
        {"unit": "mi", "race_date": date(2027, 6, 5)},
    ],
    ids=["race on a Wednesday", "recent race", "recovery weeks", "miles"],
)
def test_every_input_of_the_request_is_kept(sessions, keys, new_user_token, inputs):
    token = new_user_token("ann")
    arguments = {
        "weeks": 16,
        "runs_per_week": 4,
        "target_time": "3:45",
        "first_long_run_km": 10,
        "long_run_day": "sunday",
        "today": TODAY,
        **inputs,
    }
    plan = generate_plan(build_request(**arguments))

    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, plan, "All inputs")
    with sessions.begin() as session:
        saved = load_plan(session, keys.public_key, token, plan_id)
        (summary,) = list_plans(session, keys.public_key, token)

    assert saved.plan == plan
    assert (summary.race_date, summary.unit) == (
        plan.request.race_date,
        plan.request.unit,
    )


def test_distances_come_back_exactly_as_floats_never_decimals(
    sessions, keys, new_user_token
):
    token = new_user_token("ann")
    plan = make_plan(first=9.5)

    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, plan, "Exact")
    with sessions.begin() as session:
        saved = load_plan(session, keys.public_key, token, plan_id)
        (summary,) = list_plans(session, keys.public_key, token)

    race = saved.plan.weeks[-1].long_run
    assert (race.distance_km, type(race.distance_km)) == (42.2, float)
    assert saved.plan.request.first_long_run_km == 9.5
    assert summary.first_long_run_km == 9.5
    assert summary.total_km == plan.total_km
    values = [*vars(summary).values(), saved.plan.weekly_increase_km]
    assert not any(isinstance(value, Decimal) for value in values)
    json.dumps([summary.total_km, summary.first_long_run_km])


def test_a_half_kilometre_distance_stays_exact(sessions, keys, new_user_token):
    token = new_user_token("ann")
    plan = make_plan(first=21.5, target="5:00")

    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, plan, "Half")
    with sessions.begin() as session:
        saved = load_plan(session, keys.public_key, token, plan_id)

    assert saved.plan.request.first_long_run_km == 21.5
    assert saved.plan == plan


def test_a_user_may_keep_any_number_of_plans_listed_newest_first(
    sessions, keys, new_user_token
):
    token = new_user_token("ann")
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    plans = [make_plan(weeks=8 + n) for n in range(5)]

    with sessions.begin() as session:
        ids = [
            save_plan(
                session,
                keys.public_key,
                token,
                plan,
                f"Plan {n}",
                now=start + timedelta(minutes=n),
            )
            for n, plan in enumerate(plans)
        ]
    with sessions.begin() as session:
        summaries = list_plans(session, keys.public_key, token)

    assert [s.id for s in summaries] == ids[::-1]
    newest = summaries[0]
    assert newest.name == "Plan 4"
    assert newest.created_at == start + timedelta(minutes=4)
    assert (newest.weeks, newest.runs_per_week, newest.target_minutes) == (12, 4, 210)
    assert newest.target_time == "3:30:00"
    assert newest.long_run_day is Weekday.SUNDAY
    assert newest.peak_long_run_km == plans[4].peak_long_run_km
    assert newest.total_km == plans[4].total_km


def test_list_shows_only_the_token_owners_plans(sessions, keys, new_user_token):
    ann, bob = new_user_token("ann"), new_user_token("bob")
    with sessions.begin() as session:
        save_plan(session, keys.public_key, ann, make_plan(), "Ann's")
        save_plan(session, keys.public_key, bob, make_plan(), "Bob's")

    with sessions.begin() as session:
        names = [p.name for p in list_plans(session, keys.public_key, ann)]

    assert names == ["Ann's"]


def test_rename_changes_the_name_even_to_the_same_name(sessions, keys, new_user_token):
    token = new_user_token("ann")
    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, make_plan(), "Old")

    with sessions.begin() as session:
        rename_plan(session, keys.public_key, token, plan_id, "  Autumn 🍂 ")
        rename_plan(session, keys.public_key, token, plan_id, "Autumn 🍂")
    with sessions.begin() as session:
        saved = load_plan(session, keys.public_key, token, plan_id)

    assert saved.name == "Autumn 🍂"


def test_delete_removes_the_plan_from_every_table(sessions, keys, new_user_token):
    token = new_user_token("ann")
    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, make_plan(), "Gone")

    with sessions.begin() as session:
        delete_plan(session, keys.public_key, token, plan_id)
    with sessions.begin() as session:
        counts = [
            session.scalar(select(func.count()).select_from(table))
            for table in (models.Plan, models.PlanDetails, models.Workout)
        ]

    assert counts == [0, 0, 0]


@pytest.mark.parametrize("plan_id", [999_999, "999999", 0, -1, "abc", 2**70, None])
@pytest.mark.parametrize("action", ["load", "rename", "delete"])
def test_a_missing_plan_is_not_found(sessions, keys, new_user_token, plan_id, action):
    token = new_user_token("ann")

    with sessions.begin() as session, pytest.raises(PlanNotFoundError) as error:
        if action == "load":
            load_plan(session, keys.public_key, token, plan_id)
        elif action == "rename":
            rename_plan(session, keys.public_key, token, plan_id, "New")
        else:
            delete_plan(session, keys.public_key, token, plan_id)

    assert str(error.value) == PLAN_NOT_FOUND


def test_a_plan_id_in_an_address_may_be_text(sessions, keys, new_user_token):
    token = new_user_token("ann")
    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, make_plan(), "Text")

    with sessions.begin() as session:
        saved = load_plan(session, keys.public_key, token, str(plan_id))

    assert saved.id == plan_id


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", PLAN_NAME_EMPTY),
        ("   ", PLAN_NAME_EMPTY),
        ("x" * 101, PLAN_NAME_TOO_LONG),
        ("Spring\nplan", PLAN_NAME_CONTROL),
        ("Tab\there", PLAN_NAME_CONTROL),
    ],
)
def test_a_bad_plan_name_is_refused_before_anything_is_written(
    sessions, keys, new_user_token, name, message
):
    token = new_user_token("ann")

    with sessions.begin() as session, pytest.raises(PlanNameError) as error:
        save_plan(session, keys.public_key, token, make_plan(), name)
    with sessions.begin() as session:
        plans = session.scalar(select(func.count()).select_from(models.Plan))

    assert str(error.value) == message
    assert plans == 0


def test_a_name_of_100_characters_in_any_script_is_kept(sessions, keys, new_user_token):
    token = new_user_token("ann")
    name = ("Марафон 東京 🏃‍♀️ " * 10)[:100].strip()

    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, make_plan(), name)
    with sessions.begin() as session:
        saved = load_plan(session, keys.public_key, token, plan_id)

    assert saved.name == name


def test_a_request_with_inputs_the_tables_lack_is_refused(
    sessions, keys, new_user_token
):
    token = new_user_token("ann")
    plan = make_plan()
    # A request from a newer engine, with an input no column holds yet.
    newer_request = dataclasses.make_dataclass(
        "NewerRequest",
        [("coach_notes", str, dataclasses.field(default=""))],
        bases=(PlanRequest,),
        frozen=True,
    )
    inputs = {f.name: getattr(plan.request, f.name) for f in fields(plan.request)}
    plan = dataclasses.replace(
        plan, request=newer_request(**inputs, coach_notes="hills")
    )

    with sessions.begin() as session, pytest.raises(PlanNotStorableError) as error:
        save_plan(session, keys.public_key, token, plan, "Newer")

    assert str(error.value) == PLAN_NOT_STORABLE
    assert error.value.fields == ("coach_notes",)
