"""Exceptions of the account layer, with the messages a page shows."""

from __future__ import annotations

USERNAME_LENGTH = "Username must be 3 to 32 characters long."
USERNAME_CHARACTERS = "Username must not contain control characters."
USERNAME_TAKEN = "That username is already taken."
NAME_TOO_LONG = "{field} must be at most 100 characters long."
NAME_CHARACTERS = "{field} must not contain control characters."
PASSWORD_TOO_SHORT = "Password must be at least 8 characters long."
PASSWORD_TOO_LONG = (
    "Password must be at most 72 bytes long: accented letters count as 2 "
    "bytes and emoji as 4, and Stride never shortens a password."
)
SIGN_IN_FAILED = "Incorrect username or password"
PASSWORD_INCORRECT = "Incorrect password"
SIGN_IN_LOCKED = (
    "Too many failed sign-in attempts for this username. "
    "Sign-in is paused for 15 minutes."
)
SESSION_EXPIRED = "Your session has expired. Please sign in again."
SESSION_INVALID = "Your session is not valid. Please sign in again."
KEY_PAIR_INCOMPLETE = (
    "STRIDE_JWT_PUBLIC_KEY is set without STRIDE_JWT_PRIVATE_KEY: "
    "set both, or neither to let Stride generate a pair."
)
KEY_PAIR_MISMATCH = "STRIDE_JWT_PUBLIC_KEY does not belong to STRIDE_JWT_PRIVATE_KEY."
KEY_UNUSABLE = "The JWT signing key must be an RSA key of at least 2048 bits in PEM."


class AuthError(Exception):
    """Base class of every error the account layer raises."""


class AccountInputError(AuthError, ValueError):
    """Registration input was refused; every problem is listed at once."""

    def __init__(self, messages: list[str] | tuple[str, ...]) -> None:
        self.messages = tuple(messages)
        super().__init__(" ".join(self.messages))


class UsernameTakenError(AuthError):
    """Another account already has that username (after normalisation)."""

    def __init__(self) -> None:
        super().__init__(USERNAME_TAKEN)


class SignInError(AuthError):
    """Wrong username or password; the two are never told apart."""

    def __init__(self, message: str = SIGN_IN_FAILED) -> None:
        super().__init__(message)


class SignInLockedError(AuthError):
    """Too many recent failures for that username, existing or not."""

    def __init__(self) -> None:
        super().__init__(SIGN_IN_LOCKED)


class InvalidTokenError(AuthError):
    """An access or refresh token that is forged, expired or revoked."""

    def __init__(self, message: str = SESSION_INVALID) -> None:
        super().__init__(message)


class KeyConfigError(AuthError):
    """The configured JWT keys cannot be used."""
