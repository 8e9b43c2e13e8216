"""The plan as a printable PDF (fpdf2): a table a week, with dates and paces."""

from __future__ import annotations

from fpdf import FPDF

from stride_engine.export import paces_summary, workout_pace, workout_text
from stride_engine.models import Plan
from stride_engine.plan import week_purpose
from stride_engine.units import format_distance

_COLUMNS = (("Day", 28), ("Date", 26), ("Workout", 52), ("Pace", 44))


def plan_to_pdf(plan: Plan) -> bytes:
    """An A4 PDF of the plan, large enough type to read on paper."""
    request, unit = plan.request, plan.request.unit
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title("Stride marathon plan")
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Stride marathon plan", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    summary = [
        f"{request.weeks} weeks, {request.runs_per_week} runs a week, target "
        f"{request.target_time}. Peak long run "
        f"{format_distance(plan.peak_long_run_km, unit)} in week {plan.peak_week}.",
        paces_summary(plan),
    ]
    if plan.start_date is not None:
        summary.append(
            f"First day {plan.start_date:%a %d %b %Y}; race day "
            f"{request.race_date:%a %d %b %Y}."
        )
    for line in summary:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")

    for week in plan.weeks:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(
            0,
            7,
            f"Week {week.number}: {week_purpose(request, week.number)}, "
            f"{format_distance(week.total_km, unit)}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("Helvetica", size=10)
        for workout in week.workouts:
            day = plan.workout_date(week.number, workout)
            cells = (
                workout.day.label,
                "" if day is None else f"{day:%d %b %Y}",
                workout_text(workout, unit),
                workout_pace(plan, workout),
            )
            for (_, width), text in zip(_COLUMNS, cells, strict=True):
                pdf.cell(width, 6, text, border="B")
            pdf.ln()
    return bytes(pdf.output())
