"""The plan-health panel's figure, table and summary, built without a page."""

from __future__ import annotations

from stride_app.health_view import health_chart, health_frame, summary
from stride_engine import build_request, generate_plan
from stride_engine.health import assess_plan

ARGS = {
    "weeks": 16,
    "runs_per_week": 4,
    "target_time": "4:00",
    "first_long_run_km": 8,
    "long_run_day": "sunday",
}


def test_chart_colours_each_week_by_its_worst_check():
    plan = generate_plan(build_request(**ARGS))
    figure = health_chart(plan, assess_plan(plan))

    weeks = {trace.name: list(trace.x) for trace in figure.data}
    assert weeks == {"Green": [1, 15, 16], "Amber": list(range(2, 15))}
    amber = next(t for t in figure.data if t.name == "Amber")
    assert list(amber.y)[:2] == [25, 29]
    assert amber.customdata[0].startswith(
        "Weekly change: 25 km, +19.0% on week 1 (21 km): over the 10% guideline"
    )


def test_chart_in_miles_shows_miles():
    plan = generate_plan(build_request(**ARGS, unit="mi"))
    figure = health_chart(plan, assess_plan(plan))

    green = next(t for t in figure.data if t.name == "Green")
    assert list(green.y)[0] == 13.0
    assert figure.layout.yaxis.title.text == "mi"


def test_table_has_a_row_a_week_with_marks_and_reasons():
    plan = generate_plan(build_request(**ARGS))
    frame = health_frame(assess_plan(plan))

    assert list(frame.columns) == [
        "Week", "Weekly change", "Long-run share", "Single-run spike",
    ]  # fmt: skip
    assert len(frame) == 16
    assert frame.loc[0, "Weekly change"] == "🟢 first week: 21 km"


def test_summary_names_the_flagged_weeks():
    plan = generate_plan(build_request(**ARGS))

    assert summary(assess_plan(plan)) == (
        "Flags: amber in weeks 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14. "
        "They warn; the plan is unchanged."
    )
