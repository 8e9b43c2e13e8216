"""Plotly figures of a plan, built without any page so they can be tested."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from stride_engine import Plan, RunType
from stride_engine.plan import TAPER_WEEKS
from stride_engine.units import Unit, format_distance, km_to_unit

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


def in_unit(km: float, unit: Unit) -> float:
    """A distance as a chart plots it: km as they are, miles to one decimal."""
    return km if unit is Unit.KM else round(km_to_unit(km, unit), 1)


def _unit_layout(unit: Unit) -> dict[str, object]:
    return {**_LAYOUT, "yaxis": {**_LAYOUT["yaxis"], "title": {"text": unit.value}}}


def weekly_distance_chart(plan: Plan, unit: Unit | None = None) -> go.Figure:
    """Stacked bars of each week's distance, one trace a run type.

    Distances are in ``unit``, the plan's own by default. Run types the
    plan does not use (tempo with two runs a week) get no trace; weeks
    without a type hold ``None`` so the hover skips them.
    """
    unit = plan.request.unit if unit is None else unit
    numbers = [week.number for week in plan.weeks]
    bars = []
    for run_type in RunType:
        distances = [
            in_unit(
                sum(w.distance_km for w in week.workouts if w.type is run_type), unit
            )
            or None
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
                hovertemplate=f"%{{y}} {unit.value}",
            )
        )

    layout = {
        **_unit_layout(unit),
        "title": {"text": WEEKLY_DISTANCE_TITLE},
        "barmode": "stack",
        "hovermode": "x unified",
    }
    return go.Figure(data=bars, layout=layout)


def long_run_chart(plan: Plan, unit: Unit | None = None) -> go.Figure:
    """The long run week by week, its peak and the taper, then the race.

    Distances are in ``unit``, the plan's own by default. The race week's
    "long run" is the marathon itself, drawn as its own marker so that
    its 42.2 km does not read as a training run.
    """
    unit = plan.request.unit if unit is None else unit
    weeks = plan.weeks
    training = weeks[:-1]
    race = weeks[-1]
    peak = weeks[plan.peak_week - 1]
    peak_km = peak.long_run.distance_km

    traces = [
        go.Scatter(
            x=[week.number for week in training],
            y=[in_unit(week.long_run.distance_km, unit) for week in training],
            name=LONG_RUN_TRACE,
            mode="lines+markers",
            line={"color": RUN_COLOURS[RunType.LONG]},
            hovertemplate=f"Week %{{x}}: %{{y}} {unit.value}<extra></extra>",
        ),
        go.Scatter(
            x=[peak.number],
            y=[in_unit(peak_km, unit)],
            name=PEAK_TRACE,
            mode="markers+text",
            marker={"color": RUN_COLOURS[RunType.LONG], "size": 14},
            text=[f"Peak {format_distance(peak_km, unit)}"],
            textposition="top center",
            hovertemplate=f"Peak, week %{{x}}: %{{y}} {unit.value}<extra></extra>",
        ),
        go.Scatter(
            x=[race.number],
            y=[in_unit(race.long_run.distance_km, unit)],
            name=RACE_TRACE,
            mode="markers",
            marker={"color": RUN_COLOURS[RunType.RACE], "size": 16, "symbol": "star"},
            hovertemplate=f"Race day, week %{{x}}: %{{y}} {unit.value}<extra></extra>",
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
        **_unit_layout(unit),
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
    first: Plan,
    second: Plan,
    first_name: str,
    second_name: str,
    unit: Unit = Unit.KM,
) -> go.Figure:
    """Two plans' weekly distances and long runs, week by week, in one chart.

    Four lines: each plan's weekly total (solid) and long run (dashed), in
    that plan's colour; the race week's long run is the marathon itself.
    Plans of different lengths share the week axis from week 1, and both
    are drawn in ``unit`` whatever units they were saved in. Names are
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
                y=[in_unit(week.total_km, unit) for week in plan.weeks],
                name=f"{label}: {WEEKLY_DISTANCE_LABEL}",
                mode="lines+markers",
                line={"color": colour},
                hovertemplate=f"%{{y}} {unit.value}",
            )
        )
        traces.append(
            go.Scatter(
                x=numbers,
                y=[in_unit(week.long_run.distance_km, unit) for week in plan.weeks],
                name=f"{label}: {LONG_RUN_LABEL}",
                mode="lines+markers",
                line={"color": colour, "dash": "dash"},
                hovertemplate=f"%{{y}} {unit.value}",
            )
        )

    weeks = max(len(first.weeks), len(second.weeks))
    layout = {
        **_unit_layout(unit),
        "title": {"text": COMPARISON_TITLE},
        "hovermode": "x unified",
        "xaxis": {**_WEEK_AXIS, "range": [0.5, weeks + 0.5]},
        # Below the chart: plan names can be long enough to wrap the legend.
        "legend": {**_LAYOUT["legend"], "yanchor": "top", "y": -0.2},
    }
    return go.Figure(data=traces, layout=layout)
