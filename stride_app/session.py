"""Who is signed in, as kept in ``st.session_state``: plain values only.

Stride keeps the runner's tokens (a frozen ``SignedIn`` of ids and
strings) and the expiry date of this browser's remembered-login cookie.
streamlit-authenticator keeps flags of its own in the same state; they
are set and cleared here together with Stride's, so that the library
never shows someone as signed in whom Stride has signed out.
"""

from __future__ import annotations

import streamlit as st

from auth.accounts import SignedIn

RUNNER_KEY = "stride_runner"
REMEMBERED_UNTIL_KEY = "stride_remembered_until"
# Set by the Generate page's "Save plan" when nobody is signed in, so that
# the Account page can offer the way back to the plan after sign-in.
RETURN_TO_PLAN_KEY = "stride_return_to_plan"

# streamlit-authenticator's own keys. "logout" set to True makes it ignore
# the remembered-login cookie for the rest of the browser session.
LIBRARY_STATUS_KEY = "authentication_status"
LIBRARY_LOGOUT_KEY = "logout"
LIBRARY_USER_KEYS = ("name", "username", "email", "roles")


def current_runner() -> SignedIn | None:
    """The signed-in runner's ids and tokens, None when signed out."""
    return st.session_state.get(RUNNER_KEY)


def start_session(runner: SignedIn, remembered_until: float | None = None) -> None:
    """Mark ``runner`` signed in, for Stride and for the library's widgets."""
    st.session_state[RUNNER_KEY] = runner
    st.session_state[REMEMBERED_UNTIL_KEY] = remembered_until
    st.session_state[LIBRARY_STATUS_KEY] = True
    st.session_state["username"] = runner.username
    st.session_state["name"] = runner.username
    st.session_state["email"] = None
    st.session_state["roles"] = None


def keep_tokens(runner: SignedIn) -> None:
    """Replace the runner's tokens after a refresh rotated them."""
    st.session_state[RUNNER_KEY] = runner


def remember_until(cookie_exp_date: float) -> None:
    """Note when this browser's remembered-login cookie expires."""
    st.session_state[REMEMBERED_UNTIL_KEY] = cookie_exp_date


def remembered_until() -> float | None:
    """Expiry date of this browser's remembered-login cookie, if one was set."""
    return st.session_state.get(REMEMBERED_UNTIL_KEY)


def end_session() -> None:
    """Sign the runner out of this browser session, Stride and library alike.

    The library is also told to ignore the remembered-login cookie until
    the session ends, so that it cannot sign the runner straight back in.
    """
    st.session_state.pop(RUNNER_KEY, None)
    st.session_state.pop(REMEMBERED_UNTIL_KEY, None)
    st.session_state[LIBRARY_STATUS_KEY] = None
    for key in LIBRARY_USER_KEYS:
        st.session_state[key] = None
    st.session_state[LIBRARY_LOGOUT_KEY] = True
