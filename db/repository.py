"""Saved plans: save, list, load, rename and delete, for the token's owner.

Every function takes the caller's session and never commits: whoever
starts the user action owns the transaction. Every function first
verifies the access token with the public key and then acts only on the
plans of its subject; another user's plan id behaves exactly like one
that does not exist. Only plain values leave this module.
"""

from __future__ import annotations

import dataclasses
import logging
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime

from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auth.errors import SESSION_INVALID, InvalidTokenError
from auth.tokens import verify_access_token
from db import models
from db.errors import (
    PLAN_NAME_CONTROL,
    PLAN_NAME_EMPTY,
    PLAN_NAME_TOO_LONG,
    PlanNameError,
    PlanNotFoundError,
    PlanNotStorableError,
)
from db.sessions import database_errors
from stride_engine.models import Plan, PlanRequest, RunType, Week, Weekday, Workout
from stride_engine.paces import RaceDistance, RecentRace
from stride_engine.units import Unit

logger = logging.getLogger(__name__)

MAX_PLAN_ID = 2**63 - 1
# The workouts go as one executemany. A plain executemany is one INSERT on
# PyMySQL but one INSERT a row on SQLite; with RETURNING, SQLAlchemy's
# "insertmanyvalues" sends one multi-row INSERT on both, from a cached
# statement (a .values(rows) list is one INSERT too, but is compiled anew
# for every save: ten times slower for 210 workouts).
_WORKOUTS = models.Workout.__table__
WORKOUTS_INSERT = insert(_WORKOUTS).returning(_WORKOUTS.c.week)
# Inputs of a PlanRequest that plan_details has a column for.
STORED_INPUTS = frozenset(
    {
        "weeks",
        "runs_per_week",
        "target_minutes",
        "first_long_run_km",
        "long_run_day",
        "race_date",
        "recent_race",
        "recovery_weeks",
        "unit",
    }
)


@dataclass(frozen=True)
class SavedPlan:
    """A plan as saved: its id, name, when it was saved, and the plan."""

    id: int
    name: str
    created_at: datetime
    plan: Plan


@dataclass(frozen=True)
class PlanSummary:
    """One line of the list of a runner's plans."""

    id: int
    name: str
    created_at: datetime
    weeks: int
    runs_per_week: int
    target_minutes: int
    first_long_run_km: float
    long_run_day: Weekday
    race_date: date | None
    unit: Unit
    peak_long_run_km: int
    total_km: float

    @property
    def target_time(self) -> str:
        """The target as H:MM:SS."""
        hours, minutes = divmod(self.target_minutes, 60)
        return f"{hours}:{minutes:02d}:00"


def clean_plan_name(name: str) -> str:
    """The name as it will be stored; ``PlanNameError`` if it cannot be."""
    cleaned = unicodedata.normalize("NFC", name).strip()
    if not cleaned:
        raise PlanNameError(PLAN_NAME_EMPTY)
    if len(cleaned) > models.PLAN_NAME_LENGTH:
        raise PlanNameError(PLAN_NAME_TOO_LONG)
    if any(unicodedata.category(char) == "Cc" for char in cleaned):
        raise PlanNameError(PLAN_NAME_CONTROL)
    return cleaned


def save_plan(
    session: Session,
    public_key: rsa.RSAPublicKey,
    access_token: str,
    plan: Plan,
    name: str,
    *,
    now: datetime | None = None,
) -> int:
    """Save a plan for the token's owner; return the new plan's id.

    Three INSERT statements whatever the plan's size: the plan, its
    details, and every workout in one multi-row INSERT.
    """
    user_id = verify_access_token(public_key, access_token).user_id
    name = clean_plan_name(name)
    _check_storable(plan.request)
    request = plan.request
    recent = request.recent_race

    with database_errors("save"):
        try:
            plan_id = session.scalar(
                insert(models.Plan).values(user_id=user_id).returning(models.Plan.id)
            )
        except IntegrityError:
            # The account was deleted while its token was still valid.
            raise InvalidTokenError(SESSION_INVALID) from None

        session.execute(
            insert(models.PlanDetails).values(
                plan_id=plan_id,
                name=name,
                weeks=request.weeks,
                runs_per_week=request.runs_per_week,
                target_minutes=request.target_minutes,
                first_long_run_km=request.first_long_run_km,
                long_run_day=request.long_run_day.value,
                race_date=request.race_date,
                recent_race_distance=recent.distance.value if recent else None,
                recent_race_seconds=recent.seconds if recent else None,
                recovery_weeks=request.recovery_weeks,
                unit=request.unit.value,
                peak_long_run_km=plan.peak_long_run_km,
                weekly_increase_km=plan.weekly_increase_km,
                total_km=plan.total_km,
                created_at=now or datetime.now(UTC),
            )
        )

        rows = [
            {
                "plan_id": plan_id,
                "week": week.number,
                "day": workout.day.value,
                "type": workout.type.value,
                "distance_km": float(workout.distance_km),
            }
            for week in plan.weeks
            for workout in week.workouts
        ]
        session.execute(WORKOUTS_INSERT, rows)

    logger.info("plan saved", extra={"plan_id": plan_id, "user_id": user_id})
    return plan_id


def list_plans(
    session: Session, public_key: rsa.RSAPublicKey, access_token: str
) -> list[PlanSummary]:
    """The token owner's plans, newest first, in one query."""
    user_id = verify_access_token(public_key, access_token).user_id
    query = (
        select(
            models.PlanDetails.plan_id,
            models.PlanDetails.name,
            models.PlanDetails.created_at,
            models.PlanDetails.weeks,
            models.PlanDetails.runs_per_week,
            models.PlanDetails.target_minutes,
            models.PlanDetails.first_long_run_km,
            models.PlanDetails.long_run_day,
            models.PlanDetails.race_date,
            models.PlanDetails.unit,
            models.PlanDetails.peak_long_run_km,
            models.PlanDetails.total_km,
        )
        .join(models.Plan, models.Plan.id == models.PlanDetails.plan_id)
        .where(models.Plan.user_id == user_id)
        .order_by(
            models.PlanDetails.created_at.desc(), models.PlanDetails.plan_id.desc()
        )
    )
    with database_errors("list"):
        rows = session.execute(query).all()

    return [
        PlanSummary(
            id=row.plan_id,
            name=row.name,
            created_at=row.created_at,
            weeks=row.weeks,
            runs_per_week=row.runs_per_week,
            target_minutes=row.target_minutes,
            first_long_run_km=float(row.first_long_run_km),
            long_run_day=Weekday(row.long_run_day),
            race_date=row.race_date,
            unit=Unit(row.unit),
            peak_long_run_km=row.peak_long_run_km,
            total_km=float(row.total_km),
        )
        for row in rows
    ]


def load_plan(
    session: Session, public_key: rsa.RSAPublicKey, access_token: str, plan_id: object
) -> SavedPlan:
    """One of the token owner's plans, rebuilt as the engine made it."""
    user_id = verify_access_token(public_key, access_token).user_id
    checked_id = _plan_id(plan_id)

    with database_errors("load"):
        details = session.execute(
            select(models.PlanDetails)
            .join(models.Plan, models.Plan.id == models.PlanDetails.plan_id)
            .where(models.Plan.id == checked_id, models.Plan.user_id == user_id)
        ).scalar_one_or_none()
        if details is None:
            raise PlanNotFoundError()
        workouts = session.execute(
            select(
                models.Workout.week,
                models.Workout.day,
                models.Workout.type,
                models.Workout.distance_km,
            )
            .where(models.Workout.plan_id == checked_id)
            .order_by(models.Workout.week)
        ).all()

    request = PlanRequest(
        weeks=details.weeks,
        runs_per_week=details.runs_per_week,
        target_minutes=details.target_minutes,
        first_long_run_km=float(details.first_long_run_km),
        long_run_day=Weekday(details.long_run_day),
        race_date=details.race_date,
        recent_race=_recent_race(
            details.recent_race_distance, details.recent_race_seconds
        ),
        recovery_weeks=details.recovery_weeks,
        unit=Unit(details.unit),
    )
    plan = Plan(
        request=request,
        peak_long_run_km=details.peak_long_run_km,
        # float(): SQLite hands back a whole NUMERIC as an int.
        weekly_increase_km=float(details.weekly_increase_km),
        weeks=_weeks(workouts),
    )
    return SavedPlan(
        id=details.plan_id,
        name=details.name,
        created_at=details.created_at,
        plan=plan,
    )


def rename_plan(
    session: Session,
    public_key: rsa.RSAPublicKey,
    access_token: str,
    plan_id: object,
    name: str,
) -> None:
    """Give one of the token owner's plans a new name."""
    user_id = verify_access_token(public_key, access_token).user_id
    checked_id = _plan_id(plan_id)
    name = clean_plan_name(name)

    owned = select(models.Plan.id).where(
        models.Plan.id == checked_id, models.Plan.user_id == user_id
    )
    with database_errors("rename"):
        # rowcount counts matched rows (SQLAlchemy sets MySQL's FOUND_ROWS),
        # so renaming to the same name is not mistaken for a missing plan.
        result = session.execute(
            update(models.PlanDetails)
            .where(models.PlanDetails.plan_id.in_(owned))
            .values(name=name)
            .execution_options(synchronize_session=False)
        )
    if result.rowcount != 1:
        raise PlanNotFoundError()


def delete_plan(
    session: Session, public_key: rsa.RSAPublicKey, access_token: str, plan_id: object
) -> None:
    """Delete one of the token owner's plans; its rows go by cascade."""
    user_id = verify_access_token(public_key, access_token).user_id
    checked_id = _plan_id(plan_id)

    with database_errors("delete"):
        result = session.execute(
            delete(models.Plan)
            .where(models.Plan.id == checked_id, models.Plan.user_id == user_id)
            .execution_options(synchronize_session=False)
        )
    if result.rowcount != 1:
        raise PlanNotFoundError()
    logger.info("plan deleted", extra={"plan_id": checked_id, "user_id": user_id})


def _plan_id(value: object) -> int:
    """A plan id from an int or digits (as in an address), else not found."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanNotFoundError()
    if not 0 < value <= MAX_PLAN_ID:
        raise PlanNotFoundError()
    return value


def _check_storable(request: PlanRequest) -> None:
    """Refuse a request with inputs the tables have no column for.

    Saving it would silently drop them; a migration must add them first.
    """
    lost = [
        field.name
        for field in dataclasses.fields(request)
        if field.name not in STORED_INPUTS
        and getattr(request, field.name) != field.default
    ]
    if lost:
        raise PlanNotStorableError(lost)


def _recent_race(distance: str | None, seconds: int | None) -> RecentRace | None:
    """The recent race of a request, when one was given."""
    if distance is None or seconds is None:
        return None
    return RecentRace(distance=RaceDistance(distance), seconds=seconds)


def _number(value: float) -> int | float:
    """Whole kilometres as ints, as the engine gives them."""
    return int(value) if float(value).is_integer() else float(value)


def _weeks(rows: list) -> tuple[Week, ...]:
    """Weeks rebuilt from workout rows ordered by week."""
    by_week: dict[int, list[Workout]] = {}
    for row in rows:
        by_week.setdefault(row.week, []).append(
            Workout(
                day=Weekday(row.day),
                type=RunType(row.type),
                distance_km=_number(row.distance_km),
            )
        )

    weeks = []
    for number, workouts in sorted(by_week.items()):
        workouts.sort(key=lambda workout: workout.day.index)
        # The engine's week total: summed in day order, one decimal.
        total = _number(round(sum(w.distance_km for w in workouts), 1))
        weeks.append(Week(number=number, workouts=tuple(workouts), total_km=total))
    return tuple(weeks)
