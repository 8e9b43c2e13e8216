"""Plotly figures of a plan, built without any page so they can be tested."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from stride_engine import Plan, RunType
from stride_engine.models import format_km
from stride_engine.plan import TAPER_WEEKS

WEEKLY_DISTANCE_TITLE = "Weekly distance"
LONG_RUN_TITLE = "Long-run progression"
LONG_RUN_TRACE = "Long run"
PEAK_TRACE = "Peak"
RACE_TRACE = RunType.RACE.label
TAPER_LABEL = "Taper"

# Colour-blind safe (Okabe-Ito); easy runs get the quietest colour.
RUN_COLOURS = {
    RunType.EASY: "#56B4E9",
    RunType.TEMPO: "#E69F00",
    RunType.LONG: "#0072B2",
    RunType.RACE: "#D55E00",
}
TAPER_COLOUR = "#999999"

_WEEK_AXIS = {"title": {"text": "Week"}, "dtick": 1}
_LAYOUT = {
    "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
    "legend": {
        "orientation": "h",
        "traceorder": "normal",
        "yanchor": "bottom",
        "y": 1.0,
        "x": 0,
    },
    "xaxis": _WEEK_AXIS,
    "yaxis": {"title": {"text": "km"}, "rangemode": "tozero"},
}


def weekly_distance_chart(plan: Plan) -> go.Figure:
    """Stacked bars of each week's kilometres, one trace a run type.

    Run types the plan does not use (tempo with two runs a week) get no
    trace; weeks without a type hold ``None`` so the hover skips them.
    """
    numbers = [week.number for week in plan.weeks]
    bars = []
    for run_type in RunType:
        distances = [
            sum(w.distance_km for w in week.workouts if w.type is run_type) or None
            for week in plan.weeks
        ]
        if not any(distances):
            continue
        bars.append(
            go.Bar(
                x=numbers,
                y=distances,
                name=run_type.label,
                marker={"color": RUN_COLOURS[run_type]},
                hovertemplate="%{y} km",
            )
        )

    layout = {
        **_LAYOUT,
        "title": {"text": WEEKLY_DISTANCE_TITLE},
        "barmode": "stack",
        "hovermode": "x unified",
    }
    return go.Figure(data=bars, layout=layout)


def long_run_chart(plan: Plan) -> go.Figure:
    """The long run week by week, its peak and the taper, then the race.

    The race week's "long run" is the marathon itself, drawn as its own
    marker so that its 42.2 km does not read as a training run.
    """
    weeks = plan.weeks
    training = weeks[:-1]
    race = weeks[-1]
    peak = weeks[plan.peak_week - 1]
    peak_km = peak.long_run.distance_km

    traces = [
        go.Scatter(
            x=[week.number for week in training],
            y=[week.long_run.distance_km for week in training],
            name=LONG_RUN_TRACE,
            mode="lines+markers",
            line={"color": RUN_COLOURS[RunType.LONG]},
            hovertemplate="Week %{x}: %{y} km<extra></extra>",
        ),
        go.Scatter(
            x=[peak.number],
            y=[peak_km],
            name=PEAK_TRACE,
            mode="markers+text",
            marker={"color": RUN_COLOURS[RunType.LONG], "size": 14},
            text=[f"Peak {format_km(peak_km)} km"],
            textposition="top center",
            hovertemplate="Peak, week %{x}: %{y} km<extra></extra>",
        ),
        go.Scatter(
            x=[race.number],
            y=[race.long_run.distance_km],
            name=RACE_TRACE,
            mode="markers",
            marker={"color": RUN_COLOURS[RunType.RACE], "size": 16, "symbol": "star"},
            hovertemplate="Race day, week %{x}: %{y} km<extra></extra>",
        ),
    ]

    # The taper is the last three weeks, race week included; shade whole
    # bars of the week axis, hence the half-week margins.
    first_taper = len(weeks) - TAPER_WEEKS + 1
    taper = {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": first_taper - 0.5,
        "x1": len(weeks) + 0.5,
        "y0": 0,
        "y1": 1,
        "fillcolor": TAPER_COLOUR,
        "opacity": 0.15,
        "line": {"width": 0},
        "layer": "below",
        "name": TAPER_LABEL,
    }
    label = {
        "text": TAPER_LABEL,
        "x": (first_taper + len(weeks)) / 2,
        "xref": "x",
        "y": 1,
        "yref": "paper",
        "yanchor": "bottom",
        "showarrow": False,
    }

    layout = {
        **_LAYOUT,
        "title": {"text": LONG_RUN_TITLE},
        "xaxis": {**_WEEK_AXIS, "range": [0.5, len(weeks) + 0.5]},
        "shapes": [taper],
        "annotations": [label],
    }
    return go.Figure(data=traces, layout=layout)


COMPARISON_TITLE = "Weekly distance and long run"
WEEKLY_DISTANCE_LABEL = "weekly distance"
LONG_RUN_LABEL = "long run"
# One colour a plan; the long run dashed beside its week's total.
COMPARISON_COLOURS = ("#0072B2", "#E69F00")


def comparison_chart(
    first: Plan, second: Plan, first_name: str, second_name: str
) -> go.Figure:
    """Two plans' weekly distances and long runs, week by week, in one chart.

    Four lines: each plan's weekly total (solid) and long run (dashed), in
    that plan's colour; the race week's long run is the marathon itself.
    Plans of different lengths share the week axis from week 1. Names are
    escaped, since Plotly reads tags such as ``<a href>`` in trace names.
    """
    traces = []
    for plan, name, colour in zip(
        (first, second), (first_name, second_name), COMPARISON_COLOURS, strict=True
    ):
        numbers = [week.number for week in plan.weeks]
        label = html.escape(name, quote=False)
        traces.append(
            go.Scatter(
                x=numbers,
                y=[week.total_km for week in plan.weeks],
                name=f"{label}: {WEEKLY_DISTANCE_LABEL}",
                mode="lines+markers",
                line={"color": colour},
                hovertemplate="%{y} km",
            )
        )
        traces.append(
            go.Scatter(
                x=numbers,
                y=[week.long_run.distance_km for week in plan.weeks],
                name=f"{label}: {LONG_RUN_LABEL}",
                mode="lines+markers",
                line={"color": colour, "dash": "dash"},
                hovertemplate="%{y} km",
            )
        )

    weeks = max(len(first.weeks), len(second.weeks))
    layout = {
        **_LAYOUT,
        "title": {"text": COMPARISON_TITLE},
        "hovermode": "x unified",
        "xaxis": {**_WEEK_AXIS, "range": [0.5, weeks + 0.5]},
        # Below the chart: plan names can be long enough to wrap the legend.
        "legend": {**_LAYOUT["legend"], "yanchor": "top", "y": -0.2},
    }
    return go.Figure(data=traces, layout=layout)
