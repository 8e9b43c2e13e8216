"""Stride's plan engine: pure Python, no UI, no database."""

from stride_engine.errors import FieldError, PlanInputError, StrideEngineError
from stride_engine.models import Plan, PlanRequest, RunType, Week, Weekday, Workout
from stride_engine.plan import generate_plan
from stride_engine.validation import build_request, parse_target_time

__all__ = [
    "FieldError",
    "Plan",
    "PlanInputError",
    "PlanRequest",
    "RunType",
    "StrideEngineError",
    "Week",
    "Weekday",
    "Workout",
    "build_request",
    "generate_plan",
    "parse_target_time",
]
