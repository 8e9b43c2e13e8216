"""Exceptions of the data layer, with the messages a page shows."""

from __future__ import annotations

PLAN_NOT_FOUND = "That plan does not exist or has been deleted."
PLAN_NAME_EMPTY = "Plan name must not be empty."
PLAN_NAME_TOO_LONG = "Plan name must be at most 100 characters long."
PLAN_NAME_CONTROL = "Plan name must not contain control characters."
PLAN_NOT_STORABLE = "Could not save the plan: it has inputs Stride cannot store yet."

# What each user action was, for "Could not ...: the database is unreachable."
ACTIONS = {
    "save": "save the plan",
    "list": "list your plans",
    "load": "open the plan",
    "rename": "rename the plan",
    "delete": "delete the plan",
    "register": "create the account",
    "sign_in": "sign you in",
    "refresh": "renew your session",
    "sign_out": "sign you out",
    "delete_account": "delete the account",
    "account": "read your account",
    "upgrade": "upgrade the database",
}


def unavailable_message(action: str) -> str:
    """The message shown when ``action`` failed on an unreachable database."""
    return f"Could not {ACTIONS[action]}: the database is unreachable."


class StrideDataError(Exception):
    """Base class of every error the data layer raises."""


class DatabaseUnavailableError(StrideDataError):
    """The database could not be reached or dropped the connection."""

    def __init__(self, action: str) -> None:
        self.action = action
        super().__init__(unavailable_message(action))


class PlanNotFoundError(StrideDataError, LookupError):
    """No plan with that id belongs to the signed-in user."""

    def __init__(self) -> None:
        super().__init__(PLAN_NOT_FOUND)


class PlanNameError(StrideDataError, ValueError):
    """A plan name is empty, too long or holds control characters."""


class PlanNotStorableError(StrideDataError, ValueError):
    """The plan's request has inputs the tables have no column for yet."""

    def __init__(self, fields: list[str]) -> None:
        self.fields = tuple(fields)
        super().__init__(PLAN_NOT_STORABLE)
