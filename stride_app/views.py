"""Draws a whole plan: metrics, charts, the weekly table and downloads."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from stride_app.charts import long_run_chart, weekly_distance_chart
from stride_engine import Plan
from stride_engine.export import (
    TOTAL_COLUMN,
    plan_table_rows,
    plan_to_csv,
    plan_to_json,
)
from stride_engine.models import format_km

logger = logging.getLogger(__name__)

CSV_FILE_NAME = "stride-plan.csv"
JSON_FILE_NAME = "stride-plan.json"
PLOTLY_CONFIG = {"displaylogo": False}


def plan_frame(plan: Plan) -> pd.DataFrame:
    """The weekly table: a row a week, its number in the first column.

    Totals are text, as in the cells, so that 30 reads "30" and not
    "30.0" next to a race week of "52.2".
    """
    frame = pd.DataFrame(plan_table_rows(plan))
    frame[TOTAL_COLUMN] = [format_km(total) for total in frame[TOTAL_COLUMN]]
    return frame


def show_metrics(plan: Plan) -> None:
    """The plan's headline numbers in a row."""
    columns = st.columns(4)
    columns[0].metric("Peak long run", f"{plan.peak_long_run_km} km")
    columns[1].metric("Peak week", f"Week {plan.peak_week}")
    columns[2].metric("Total distance", f"{format_km(plan.total_km)} km")
    columns[3].metric("Runs", plan.run_count)


def show_downloads(plan: Plan, key_prefix: str) -> None:
    """CSV and JSON downloads, the same bytes as the command line writes."""
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


def show_plan(plan: Plan, key_prefix: str) -> None:
    """Draw a plan; ``key_prefix`` keeps its widgets apart from others."""
    show_metrics(plan)

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
    show_downloads(plan, key_prefix)
    logger.debug("Plan of %s weeks shown", plan.request.weeks)
