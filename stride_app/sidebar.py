"""The shared sidebar: plan inputs whose values survive a change of page.

Streamlit drops a keyed widget's value once a run leaves it out, as a
page that does not draw it does. Each input therefore keeps a copy of its
value in ``st.session_state[SAVED_KEY]``, a dict of plain values, updated
after every run that draws it. The copy is written back only to a widget
whose value was dropped: writing it on every run would push the value of
the run's start to the browser and undo a key pressed meanwhile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import streamlit as st

SAVED_KEY = "plan_inputs"

WEEKS_KEY = "weeks"
RUNS_KEY = "runs_per_week"
TARGET_KEY = "target_time"
FIRST_LONG_RUN_KEY = "first_long_run_km"
LONG_RUN_DAY_KEY = "long_run_day"
RACE_DATE_KEY = "race_date"
RECENT_RACE_KEY = "recent_race"
RECENT_RACE_TIME_KEY = "recent_race_time"
RECOVERY_WEEKS_KEY = "recovery_weeks"
UNIT_KEY = "unit"

LONG_RUN_DAYS = ("Saturday", "Sunday")
NO_RECENT_RACE = "None"
RECENT_RACES = (NO_RECENT_RACE, "5K", "10K", "half marathon", "marathon")
UNITS = ("km", "mi")
DEFAULTS: dict[str, Any] = {
    WEEKS_KEY: 16,
    RUNS_KEY: 4,
    TARGET_KEY: dt.time(4, 0),
    FIRST_LONG_RUN_KEY: 8.0,
    LONG_RUN_DAY_KEY: "Sunday",
    RACE_DATE_KEY: None,
    RECENT_RACE_KEY: NO_RECENT_RACE,
    RECENT_RACE_TIME_KEY: "",
    RECOVERY_WEEKS_KEY: False,
    UNIT_KEY: "km",
}


@dataclass(frozen=True)
class PlanInputs:
    """The sidebar's values, as the runner set them."""

    weeks: int
    runs_per_week: int
    target_time: dt.time
    first_long_run_km: float
    long_run_day: str
    race_date: dt.date | None = None
    recent_race: str = NO_RECENT_RACE
    recent_race_time: str = ""
    recovery_weeks: bool = False
    unit: str = "km"

    def request_fields(self, today: dt.date) -> dict[str, object]:
        """Keyword arguments for ``stride_engine.build_request``.

        ``today`` dates the check of the race date. Without a recent race
        the time field is ignored, whatever is left in it.
        """
        with_race = self.recent_race != NO_RECENT_RACE
        return {
            "weeks": self.weeks,
            "runs_per_week": self.runs_per_week,
            "target_time": f"{self.target_time.hour}:{self.target_time.minute:02d}",
            "first_long_run_km": self.first_long_run_km,
            "long_run_day": self.long_run_day,
            "race_date": self.race_date,
            "today": today,
            "recent_race_distance": self.recent_race if with_race else None,
            "recent_race_time": self.recent_race_time if with_race else None,
            "recovery_weeks": self.recovery_weeks,
            "unit": self.unit,
        }


def _saved() -> dict[str, Any]:
    """The saved copies, created with the defaults on a session's first run."""
    if SAVED_KEY not in st.session_state:
        st.session_state[SAVED_KEY] = dict(DEFAULTS)
    return st.session_state[SAVED_KEY]


def _restore(key: str) -> None:
    """Give a widget whose value Streamlit dropped its saved value."""
    if key not in st.session_state:
        st.session_state[key] = _saved()[key]


def draw_plan_inputs() -> None:
    """Draw the plan inputs in the sidebar, each with its saved value."""
    for key in DEFAULTS:
        _restore(key)

    with st.sidebar:
        st.header("Your plan")
        st.slider("Weeks", 8, 30, key=WEEKS_KEY)
        st.slider("Runs per week", 2, 7, key=RUNS_KEY)
        st.slider(
            "Target time",
            min_value=dt.time(2, 0),
            max_value=dt.time(8, 0),
            step=dt.timedelta(minutes=1),
            format="H:mm",
            help="Your goal marathon time, hours and minutes.",
            key=TARGET_KEY,
        )
        st.number_input(
            "First long run (km)",
            step=0.5,
            format="%.1f",
            help="The long run of week 1; it grows to the peak from there.",
            key=FIRST_LONG_RUN_KEY,
        )
        st.radio(
            "Long-run day",
            LONG_RUN_DAYS,
            horizontal=True,
            key=LONG_RUN_DAY_KEY,
        )
        st.date_input(
            "Race date",
            format="YYYY-MM-DD",
            help="Optional. With a date the plan's weeks and runs get dates, "
            "and it can be exported to a calendar.",
            key=RACE_DATE_KEY,
        )
        st.selectbox(
            "Recent race",
            RECENT_RACES,
            help="Optional. A recent race sets the training paces and is "
            "compared with the target.",
            key=RECENT_RACE_KEY,
        )
        st.text_input(
            "Recent race time",
            placeholder="20:00 or 1:45:00",
            disabled=st.session_state[RECENT_RACE_KEY] == NO_RECENT_RACE,
            key=RECENT_RACE_TIME_KEY,
        )
        st.toggle(
            "Recovery weeks",
            help="Every fourth week before the peak is an easier one.",
            key=RECOVERY_WEEKS_KEY,
        )
        st.radio("Units", UNITS, horizontal=True, key=UNIT_KEY)

    _saved().update({key: st.session_state[key] for key in DEFAULTS})


def read_plan_inputs() -> PlanInputs:
    """The current inputs, from the saved copies (defaults before any)."""
    return PlanInputs(**_saved())
