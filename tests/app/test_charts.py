"""Chart figures built straight from plans, without a page."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType

from stride_app.charts import (
    COMPARISON_TITLE,
    LONG_RUN_TITLE,
    LONG_RUN_TRACE,
    PEAK_TRACE,
    RACE_TRACE,
    TAPER_LABEL,
    WEEKLY_DISTANCE_TITLE,
    comparison_chart,
    long_run_chart,
    weekly_distance_chart,
)
from stride_engine import Plan, RunType, build_request, generate_plan
from stride_engine.units import Unit, km_to_unit

REQUESTS = [
    {"weeks": 16, "runs_per_week": 4, "target_time": "4:00"},
    {"weeks": 8, "runs_per_week": 2, "target_time": "5:30"},
    {"weeks": 30, "runs_per_week": 7, "target_time": "2:55"},
    {"weeks": 12, "runs_per_week": 5, "target_time": "3:10"},
]


def make_plan(weeks: int, runs_per_week: int, target_time: str) -> Plan:
    """A plan with an 8 km first long run on Sundays."""
    request = build_request(
        weeks=weeks,
        runs_per_week=runs_per_week,
        target_time=target_time,
        first_long_run_km=8,
        long_run_day="sunday",
    )
    return generate_plan(request)


@pytest.fixture(params=REQUESTS, ids=lambda r: "{weeks}w-{runs_per_week}r".format(**r))
def plan(request: pytest.FixtureRequest) -> Plan:
    return make_plan(**request.param)


def trace(figure: go.Figure, name: str) -> BaseTraceType:
    """The trace of this name."""
    return next(t for t in figure.data if t.name == name)


def test_weekly_distance_is_a_titled_stacked_bar_chart(plan: Plan) -> None:
    figure = weekly_distance_chart(plan)

    assert figure.layout.title.text == WEEKLY_DISTANCE_TITLE
    assert figure.layout.barmode == "stack"
    assert {t.type for t in figure.data} == {"bar"}


def test_weekly_distance_has_a_trace_per_run_type_in_the_plan(plan: Plan) -> None:
    used = {w.type for week in plan.weeks for w in week.workouts}
    expected = [t.label for t in RunType if t in used]

    assert [t.name for t in weekly_distance_chart(plan).data] == expected


def test_two_runs_a_week_have_no_tempo_trace() -> None:
    figure = weekly_distance_chart(make_plan(10, 2, "4:00"))

    assert [t.name for t in figure.data] == ["Easy", "Long", "Race day"]


def test_weekly_distance_bars_sum_to_the_week_totals(plan: Plan) -> None:
    figure = weekly_distance_chart(plan)

    for index, week in enumerate(plan.weeks):
        stacked = sum(t.y[index] or 0 for t in figure.data)
        assert stacked == pytest.approx(week.total_km), f"week {week.number}"
    for bar in figure.data:
        assert list(bar.x) == [week.number for week in plan.weeks]


def test_race_day_bar_is_only_in_the_race_week(plan: Plan) -> None:
    race = trace(weekly_distance_chart(plan), RunType.RACE.label)

    assert list(race.y) == [None] * (len(plan.weeks) - 1) + [42.2]


def test_long_run_chart_is_titled_and_follows_the_long_runs(plan: Plan) -> None:
    figure = long_run_chart(plan)
    line = trace(figure, LONG_RUN_TRACE)
    training = plan.weeks[:-1]

    assert figure.layout.title.text == LONG_RUN_TITLE
    assert list(line.x) == [week.number for week in training]
    assert list(line.y) == [week.long_run.distance_km for week in training]


def test_long_run_chart_marks_the_peak_on_week_weeks_minus_3(plan: Plan) -> None:
    peak = trace(long_run_chart(plan), PEAK_TRACE)
    weeks = plan.request.weeks

    assert list(peak.x) == [weeks - 3]
    assert list(peak.y) == [plan.peak_long_run_km]
    assert list(peak.text) == [f"Peak {plan.peak_long_run_km} km"]


def test_long_run_chart_shades_the_three_taper_weeks(plan: Plan) -> None:
    figure = long_run_chart(plan)
    weeks = plan.request.weeks
    (taper,) = figure.layout.shapes
    (label,) = figure.layout.annotations

    # Half a week either side, so the band covers weeks-2 to weeks whole.
    assert (taper.x0, taper.x1) == (weeks - 2 - 0.5, weeks + 0.5)
    assert (taper.xref, taper.yref) == ("x", "paper")
    assert label.text == TAPER_LABEL
    assert taper.x0 < label.x < taper.x1


def test_long_run_chart_shows_the_race_apart(plan: Plan) -> None:
    race = trace(long_run_chart(plan), RACE_TRACE)

    assert list(race.x) == [plan.request.weeks]
    assert list(race.y) == [42.2]


def test_comparison_has_each_plans_weekly_distance_and_long_run() -> None:
    sixteen = make_plan(16, 4, "4:00")
    twenty = make_plan(20, 5, "3:30")

    figure = comparison_chart(sixteen, twenty, "Sixteen", "Twenty")

    assert figure.layout.title.text == COMPARISON_TITLE
    assert [t.name for t in figure.data] == [
        "Sixteen: weekly distance",
        "Sixteen: long run",
        "Twenty: weekly distance",
        "Twenty: long run",
    ]
    for plan, name in ((sixteen, "Sixteen"), (twenty, "Twenty")):
        weekly = trace(figure, f"{name}: weekly distance")
        long_run = trace(figure, f"{name}: long run")
        assert list(weekly.x) == list(range(1, len(plan.weeks) + 1))
        assert list(weekly.y) == [week.total_km for week in plan.weeks]
        assert list(long_run.y) == [w.long_run.distance_km for w in plan.weeks]
    assert list(figure.layout.xaxis.range) == [0.5, 20.5]
    assert figure.layout.legend.yanchor == "top"  # below: names can be long


def test_comparison_tells_the_plans_by_colour_and_the_long_run_by_dashes() -> None:
    plan = make_plan(16, 4, "4:00")

    figure = comparison_chart(plan, plan, "A", "B")

    colours = [t.line.color for t in figure.data]
    assert colours[0] == colours[1] != colours[2] == colours[3]
    assert [t.line.dash for t in figure.data] == [None, "dash", None, "dash"]


def test_comparison_escapes_markup_in_plan_names() -> None:
    plan = make_plan(16, 4, "4:00")

    figure = comparison_chart(plan, plan, "<a href='//x.example'>x</a>", "B & C")

    assert figure.data[0].name == (
        "&lt;a href='//x.example'&gt;x&lt;/a&gt;: weekly distance"
    )
    assert figure.data[2].name == "B &amp; C: weekly distance"


def test_charts_in_miles_show_miles_to_one_decimal() -> None:
    plan = make_plan(16, 4, "4:00")

    weekly = weekly_distance_chart(plan, Unit.MI)
    long_run = long_run_chart(plan, Unit.MI)

    for figure in (weekly, long_run):
        assert figure.layout.yaxis.title.text == "mi"
        assert all("mi" in t.hovertemplate for t in figure.data)
    week_one_long = trace(weekly, RunType.LONG.label).y[0]
    assert week_one_long == round(km_to_unit(8, Unit.MI), 1) == 5.0
    assert trace(long_run, PEAK_TRACE).y == (18.6,)
    assert trace(long_run, PEAK_TRACE).text == ("Peak 18.6 mi",)
    assert trace(long_run, RACE_TRACE).y == (26.2,)
    for figure in (weekly, long_run):
        for t in figure.data:
            assert all(y is None or round(y, 1) == y for y in t.y)


def test_charts_follow_the_plans_own_unit_by_default() -> None:
    request = build_request(
        weeks=16,
        runs_per_week=4,
        target_time="4:00",
        first_long_run_km=8,
        long_run_day="sunday",
        unit="mi",
    )
    plan = generate_plan(request)

    assert weekly_distance_chart(plan).layout.yaxis.title.text == "mi"
    assert long_run_chart(plan).layout.yaxis.title.text == "mi"
    assert weekly_distance_chart(plan, Unit.KM).layout.yaxis.title.text == "km"


def test_comparison_in_miles() -> None:
    first, second = make_plan(16, 4, "4:00"), make_plan(12, 5, "3:10")

    figure = comparison_chart(first, second, "A", "B", Unit.MI)

    assert figure.layout.yaxis.title.text == "mi"
    assert trace(figure, "A: long run").y[-1] == 26.2
