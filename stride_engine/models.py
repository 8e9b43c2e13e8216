"""Value types of the engine: the request, the plan and their vocabularies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property

from stride_engine.paces import Paces, RecentRace, training_paces
from stride_engine.units import Unit, format_distance


class RunType(StrEnum):
    """Kind of a workout, spelled as the JSON contract spells it."""

    EASY = "easy"
    TEMPO = "tempo"
    LONG = "long"
    RACE = "race day"

    @property
    def label(self) -> str:
        """Capitalised name for tables and charts ("Race day")."""
        return self.value.capitalize()


class Weekday(StrEnum):
    """Days of the week, Monday first, as lower-case English names."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def label(self) -> str:
        """Capitalised name ("Sunday")."""
        return self.value.capitalize()

    @property
    def index(self) -> int:
        """Position in the week, Monday being 0."""
        return list(Weekday).index(self)


LONG_RUN_DAYS = (Weekday.SATURDAY, Weekday.SUNDAY)


@dataclass(frozen=True)
class PlanRequest:
    """A validated request for a classic plan.

    Build one with ``stride_engine.build_request`` so that every field is
    checked; the constructor itself trusts its arguments.
    """

    weeks: int
    runs_per_week: int
    target_minutes: int
    first_long_run_km: float
    long_run_day: Weekday
    race_date: date | None = None
    recent_race: RecentRace | None = None
    recovery_weeks: bool = False
    unit: Unit = Unit.KM

    @property
    def target_time(self) -> str:
        """The target as H:MM:SS."""
        hours, minutes = divmod(self.target_minutes, 60)
        return f"{hours}:{minutes:02d}:00"


@dataclass(frozen=True)
class Workout:
    """One run: its day, its type and its distance in kilometres."""

    day: Weekday
    type: RunType
    distance_km: float

    @property
    def label(self) -> str:
        """Table cell text such as "Easy 6 km"."""
        return f"{self.type.label} {format_distance(self.distance_km)}"


@dataclass(frozen=True)
class Week:
    """A training week: its 1-based number, its runs and their total."""

    number: int
    workouts: tuple[Workout, ...]
    total_km: float

    @property
    def long_run(self) -> Workout:
        """The week's long run, or the race in the race week."""
        return next(w for w in self.workouts if w.type in (RunType.LONG, RunType.RACE))


@dataclass(frozen=True)
class Plan:
    """A generated plan together with the request it answers."""

    request: PlanRequest
    peak_long_run_km: int
    weekly_increase_km: float
    weeks: tuple[Week, ...]

    @property
    def peak_week(self) -> int:
        """Number of the week whose long run is the peak."""
        return self.request.weeks - 3

    @property
    def start_date(self) -> date | None:
        """Monday of week 1 when the race has a date, else None."""
        race = self.request.race_date
        if race is None:
            return None
        return race - timedelta(days=race.weekday() + 7 * (self.request.weeks - 1))

    @cached_property
    def paces(self) -> Paces:
        """Training paces from the recent race, or else from the target.

        Worked out once a plan: every workout's pace reads it, and with a
        recent race it takes a search for the predicted marathon time.
        """
        return training_paces(self.request.target_minutes, self.request.recent_race)

    def workout_date(self, week: int, workout: Workout) -> date | None:
        """Calendar date of a workout of week ``week`` (1-based), if dated."""
        start = self.start_date
        if start is None:
            return None
        return start + timedelta(days=7 * (week - 1) + workout.day.index)

    @property
    def total_km(self) -> float:
        """Distance of the whole plan, race included."""
        return round(sum(week.total_km for week in self.weeks), 1)

    @property
    def run_count(self) -> int:
        """Number of runs in the plan, race included."""
        return sum(len(week.workouts) for week in self.weeks)
