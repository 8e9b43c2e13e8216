"""The "Plan health" panel: a chart of flagged weeks and the reasons."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from stride_engine import Plan
from stride_engine.health import Level, WeekHealth, assess_plan
from stride_engine.units import km_to_unit

HEALTH_TITLE = "Plan health"
LEVEL_COLOURS = {Level.GREEN: "#009E73", Level.AMBER: "#E69F00", Level.RED: "#D55E00"}
LEVEL_MARKS = {Level.GREEN: "🟢", Level.AMBER: "🟠", Level.RED: "🔴"}


def health_chart(plan: Plan, health: list[WeekHealth]) -> go.Figure:
    """Each week's distance as a bar coloured by its worst check.

    The hover gives the reasons of the checks that are not green, so a
    flagged week says why without leaving the chart.
    """
    unit = plan.request.unit
    traces = []
    for level in Level:
        weeks = [h for h in health if h.level is level]
        if not weeks:
            continue
        traces.append(
            go.Bar(
                x=[h.week for h in weeks],
                y=[
                    round(km_to_unit(plan.weeks[h.week - 1].total_km, unit), 1)
                    for h in weeks
                ],
                name=level.value.capitalize(),
                marker={"color": LEVEL_COLOURS[level]},
                customdata=[_flags(h) for h in weeks],
                hovertemplate="Week %{x}: %{y} " + unit.value + "<br>%{customdata}"
                "<extra></extra>",
            )
        )
    layout = {
        "title": {"text": HEALTH_TITLE},
        "barmode": "overlay",
        "xaxis": {"title": {"text": "Week"}, "dtick": 1},
        "yaxis": {"title": {"text": unit.value}, "rangemode": "tozero"},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
    }
    return go.Figure(data=traces, layout=layout)


def _flags(week: WeekHealth) -> str:
    flagged = [c for c in week.checks if c.level is not Level.GREEN]
    if not flagged:
        return "all checks green"
    return "<br>".join(f"{c.name}: {c.reason}" for c in flagged)


def health_frame(health: list[WeekHealth]) -> pd.DataFrame:
    """A row a week, a column a check: its mark and its reason."""
    rows = []
    for week in health:
        row: dict[str, object] = {"Week": week.week}
        for check in week.checks:
            row[check.name] = f"{LEVEL_MARKS[check.level]} {check.reason}"
        rows.append(row)
    return pd.DataFrame(rows)


def summary(health: list[WeekHealth]) -> str:
    """One sentence naming the red and amber weeks."""
    parts = []
    for level in (Level.RED, Level.AMBER):
        weeks = [str(h.week) for h in health if h.level is level]
        if weeks:
            parts.append(f"{level.value} in weeks {', '.join(weeks)}")
    if not parts:
        return "Every week is green."
    return "Flags: " + "; ".join(parts) + ". They warn; the plan is unchanged."


def show_health(plan: Plan, key_prefix: str) -> None:
    """Draw the panel: the summary, the chart and the table of reasons."""
    health = assess_plan(plan)
    st.subheader(HEALTH_TITLE)
    st.caption(
        "Weekly change against the last week that was not a recovery week, the "
        "long run's share of the week, and the single-run spike rule: a run "
        "longer than 110% of the longest in the 30 days before "
        "(Garmin-RUNSAFE, BJSM 2025)."
    )
    st.markdown(summary(health))
    st.plotly_chart(
        health_chart(plan, health),
        config={"displaylogo": False},
        alt="Bars of each week's distance coloured by its plan-health flag",
        key=f"{key_prefix}_health",
    )
    with st.expander("Every week's checks"):
        st.table(health_frame(health), hide_index=True)
