"""Draws a whole plan: metrics, charts, paces, the weekly table and downloads.

Everything is shown in the plan's own unit (``plan.request.unit``): the
sidebar's for a new plan, the saved one for a saved plan.
"""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd
import streamlit as st

from stride_app.charts import long_run_chart, weekly_distance_chart
from stride_app.health_view import show_health
from stride_engine import Plan
from stride_engine.calendar_file import plan_to_ics
from stride_engine.export import (
    paces_summary,
    plan_table_rows,
    plan_to_csv,
    plan_to_json,
    total_column,
)
from stride_engine.paces import check_target
from stride_engine.printable import plan_to_pdf
from stride_engine.units import Unit, format_distance, format_km

logger = logging.getLogger(__name__)

CSV_FILE_NAME = "stride-plan.csv"
JSON_FILE_NAME = "stride-plan.json"
ICS_FILE_NAME = "stride-plan.ics"
PDF_FILE_NAME = "stride-plan.pdf"
NO_CALENDAR = "Set a race date to export a calendar: the events need dates."
PLOTLY_CONFIG = {"displaylogo": False}


def long_date(day: dt.date) -> str:
    """A date as people read it: "Monday 28 December 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def plan_frame(plan: Plan) -> pd.DataFrame:
    """The weekly table: a row a week, each workout with its pace.

    Totals are text, as in the cells, so that 30 reads "30" and not
    "30.0" next to a race week of "52.2"; miles always have one decimal.
    """
    unit = plan.request.unit
    column = total_column(unit)
    frame = pd.DataFrame(plan_table_rows(plan, unit, with_paces=True))
    shown = format_km if unit is Unit.KM else "{:.1f}".format
    frame[column] = [shown(total) for total in frame[column]]
    return frame


def show_metrics(plan: Plan) -> None:
    """The plan's headline numbers in a row."""
    unit = plan.request.unit
    columns = st.columns(4)
    columns[0].metric("Peak long run", format_distance(plan.peak_long_run_km, unit))
    columns[1].metric("Peak week", f"Week {plan.peak_week}")
    columns[2].metric("Total distance", format_distance(plan.total_km, unit))
    columns[3].metric("Runs", plan.run_count)


def show_paces_and_dates(plan: Plan) -> None:
    """The training paces, the recent race's verdict and the plan's dates."""
    request = plan.request
    st.markdown(paces_summary(plan))
    if request.recent_race is not None:
        st.markdown(check_target(request.target_minutes, request.recent_race).summary)
    if plan.start_date is not None:
        st.markdown(
            f"First day: {long_date(plan.start_date)}. "
            f"Race day: {long_date(request.race_date)}."
        )


def show_downloads(plan: Plan, key_prefix: str, plan_key: str | None = None) -> None:
    """CSV, JSON, calendar and PDF downloads, as the command line writes them.

    ``plan_key`` names a saved plan in the calendar's event ids, so that
    importing it again updates the events instead of adding copies.
    """
    row = st.container(horizontal=True)
    row.download_button(
        "Download CSV",
        data=plan_to_csv(plan),
        file_name=CSV_FILE_NAME,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=f"{key_prefix}_csv",
    )
    row.download_button(
        "Download JSON",
        data=plan_to_json(plan),
        file_name=JSON_FILE_NAME,
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key=f"{key_prefix}_json",
    )
    dated = plan.start_date is not None
    row.download_button(
        "Download calendar (.ics)",
        data=plan_to_ics(plan, dt.datetime.now(dt.UTC), plan_key) if dated else b"",
        file_name=ICS_FILE_NAME,
        mime="text/calendar",
        on_click="ignore",
        icon=":material/calendar_month:",
        disabled=not dated,
        help=None if dated else NO_CALENDAR,
        key=f"{key_prefix}_ics",
    )
    row.download_button(
        "Download PDF",
        data=plan_to_pdf(plan),
        file_name=PDF_FILE_NAME,
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key=f"{key_prefix}_pdf",
    )
    if not dated:
        st.caption(NO_CALENDAR)


def show_plan(plan: Plan, key_prefix: str, plan_key: str | None = None) -> None:
    """Draw a plan; ``key_prefix`` keeps its widgets apart from others."""
    show_metrics(plan)
    show_paces_and_dates(plan)

    left, right = st.columns(2)
    left.plotly_chart(
        weekly_distance_chart(plan),
        config=PLOTLY_CONFIG,
        alt="Stacked bars of each week's distance by run type",
        key=f"{key_prefix}_weekly_distance",
    )
    right.plotly_chart(
        long_run_chart(plan),
        config=PLOTLY_CONFIG,
        alt="Line of the long run by week, with the peak and the taper",
        key=f"{key_prefix}_long_run",
    )

    st.subheader("Week by week")
    st.table(plan_frame(plan), hide_index=True)
    show_downloads(plan, key_prefix, plan_key)
    show_health(plan, key_prefix)
    logger.debug("Plan of %s weeks shown", plan.request.weeks)
