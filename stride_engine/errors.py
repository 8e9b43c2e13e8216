"""Exceptions raised by the plan engine."""

from __future__ import annotations

from dataclasses import dataclass


class StrideEngineError(Exception):
    """Base class of every error the engine raises."""


@dataclass(frozen=True)
class FieldError:
    """One rejected input: the field, the value given and what is allowed."""

    field: str
    given: str
    allowed: str

    def __str__(self) -> str:
        return f"{self.field} {self.allowed} (got {self.given})"


class PlanInputError(StrideEngineError, ValueError):
    """The request has one or more invalid fields; all of them are listed."""

    def __init__(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(error) for error in self.errors))

    @property
    def messages(self) -> list[str]:
        """One message a field, in the order the fields were checked."""
        return [str(error) for error in self.errors]
