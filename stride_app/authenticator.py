"""streamlit-authenticator's widgets, with Stride's account service deciding.

Stride uses the library's sign-in form, registration form, sign-out
button and remembered-login cookie, but never its verdicts. The library
draws a widget in ``Authenticate`` (the view) and hands what was typed
to ``authentication_controller``, which checks it against the credentials
dict and sets ``st.session_state["authentication_status"]``. Stride puts
its own controller in that place, so each decision is made by
``auth.accounts``:

- Sign-in. ``StrideAuthenticationController.login`` receives the form's
  username and password as typed (the library's controller would strip
  the password and lowercase the name) and calls ``accounts.sign_in``.
  Its refusals, "Incorrect username or password" for an unknown name and
  a wrong password alike, and the lockout after five failures in 15
  minutes, counted in the database for unknown names too, are raised to
  the page unchanged, and the library's status is set to False. The
  library's own failed-login counter, which lives in the credentials
  dict, is never reached. Only a ``SignedIn`` from Stride marks anyone
  authenticated.
- The credentials dict is the minimum the widgets need, an empty
  ``{"usernames": {}}`` with ``auto_hash=False``: no password hash is
  ever loaded into the library, so it has nothing to decide with.
- Registration. The library's ``register_user`` form, without captcha,
  password hint or e-mail: ``merge_username_email=True`` leaves a single
  field, labelled as the username. The controller checks that both
  passwords match and calls ``accounts.register``, whose rules and
  messages (including "That username is already taken.") are the only
  ones; the runner is then signed in. The password help text states
  Stride's rule, and ``StrideValidator`` makes any library check that
  might still run (password reset, say) agree with it.
- Remembered login. After a sign-in the library sets its cookie, an
  HS256 token of {username, exp_date} signed with the cookie key;
  ``StrideCookieController.set_cookie`` records that login with
  ``accounts.remember_sign_in``. A new browser session is resumed by
  ``resume_remembered_login`` before ``st.navigation``, reading the
  library's cookie as the library does; the library's own reader sits in
  ``Authenticate``, which must come after the navigation (see there).
  Where the library itself re-authenticates from the cookie, in its
  sign-in form, it hands the verified token to the controller. Either
  way the runner is accepted only if ``accounts.resume_sign_in`` returns
  tokens: the login is on record and was not signed out. A refused
  cookie (not on record, expired, malformed, signed with another key or
  another algorithm, where the library would raise
  ``InvalidAlgorithmError``) is deleted and ignored for the rest of the
  session, and the sign-in form shows.
- Sign-out. The controller calls ``accounts.sign_out`` (revoking the
  refresh token and this browser's remembered login) before the library
  clears its state and deletes the cookie; if the database cannot be
  reached the runner stays signed in and is told so.

The cookie manager inside ``Authenticate`` is a component with a fixed
key, so there is one ``Authenticate`` per script run: ``start_run`` in
``app.py`` makes it, after the navigation, and ``current_authenticator``
hands it to the page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from typing import Any

import jwt
import streamlit as st
from streamlit_authenticator import Authenticate
from streamlit_authenticator.controllers import (
    AuthenticationController,
    CookieController,
)
from streamlit_authenticator.models import CookieModel
from streamlit_authenticator.utilities import Validator

from auth import accounts
from auth.errors import AccountInputError, AuthError, SignInError
from auth.passwords import password_problems
from db.errors import DatabaseUnavailableError, StrideDataError
from stride_app import services, session

logger = logging.getLogger(__name__)

COOKIE_NAME = "stride_login"
# As long as a refresh token: a remembered login outlives no sign-in.
REMEMBER_DAYS = 30.0
# The library pauses this long on every run of login() while signed out
# (its default); tests set it to 0.
LOGIN_SLEEP_SECONDS = 0.7
PASSWORD_RULE = (
    "At least 8 characters and at most 72 bytes: accented letters count as "
    "2 bytes and emoji as 4. Any characters, spaces included."
)
PASSWORDS_DIFFER = "The two passwords do not match."
SIGN_IN_FIELDS = {
    "Form name": "Sign in",
    "Username": "Username",
    "Password": "Password",
    "Login": "Sign in",
}
REGISTER_FIELDS = {
    "Form name": "Create an account",
    "First name": "First name (optional)",
    "Last name": "Last name (optional)",
    # With merge_username_email the e-mail field is the username field.
    "Email": "Choose a username",
    "Password": "Choose a password",
    "Repeat password": "Repeat the password",
    "Register": "Create account",
}
SIGN_IN_FORM_KEY = "sign_in"
REGISTER_FORM_KEY = "register"
SIGN_OUT_KEY = "sign_out"
# Session flags: the remembered-login cookie was tried in this session;
# it was refused, and is to be deleted once the cookie manager exists.
COOKIE_TRIED_KEY = "stride_cookie_tried"
FORGET_COOKIE_KEY = "stride_forget_cookie"
# The cookie manager is an invisible component, but its empty element
# would still push every page down by a line.
HIDE_COOKIE_MANAGER = (
    "<style>.stElementContainer:has(iframe[title$='cookie_manager'])"
    " { display: none; }</style>"
)
# What a page shows for a refused action: Stride's message, as it is.
ACCOUNT_ERRORS = (AuthError, StrideDataError)

_current: ContextVar[StrideAuthenticate | None] = ContextVar(
    "stride_authenticator", default=None
)


class StrideValidator(Validator):
    """The library's checks, with Stride's password rule instead of 8-20 ASCII."""

    def validate_password(self, password: str) -> bool:
        """True when the password follows Stride's rule."""
        return not password_problems(password)

    def diagnose_password(self, password: str) -> str:
        """Stride's messages for the rules the password breaks."""
        return " ".join(password_problems(password))


class StrideCookieController(CookieController):
    """The library's cookie handling, refusing bad cookies without raising.

    It reuses the ``CookieModel`` that ``Authenticate`` made rather than
    calling ``CookieController.__init__``, which would draw a second
    cookie manager with the same key.
    """

    def __init__(self, cookie_model: CookieModel) -> None:
        self.cookie_model = cookie_model

    def get_cookie(self) -> dict[str, Any] | None:
        """The verified cookie's claims; None, the cookie deleted, if unusable."""
        if st.session_state.get(session.LIBRARY_LOGOUT_KEY):
            return None
        # Only text can be a cookie (AppTest's stand-in cookies are not).
        if not isinstance(st.context.cookies.get(self.cookie_model.cookie_name), str):
            return None

        try:
            claims, reason = super().get_cookie(), "cookie"
        except (jwt.PyJWTError, KeyError, TypeError) as error:
            # Another algorithm (InvalidAlgorithmError), or claims of the
            # wrong shape, make the library raise rather than refuse.
            claims, reason = None, type(error).__name__
        if not _well_formed(claims):
            logger.warning("remembered login refused", extra={"reason": reason})
            self.forget_cookie()
            return None
        return claims

    def set_cookie(self) -> None:
        """Set the cookie, then record the remembered login it stands for."""
        super().set_cookie()
        runner = session.current_runner()
        exp_date = self.cookie_model.exp_date
        if runner is None or exp_date is None:
            return

        session.remember_until(exp_date)
        try:
            stride = services.backend("sign_in")
            accounts.remember_sign_in(stride.sessions, runner.user_id, exp_date)
        except DatabaseUnavailableError:
            # The runner is signed in; only the next visit will ask again.
            logger.warning(
                "remembered login not recorded: database unreachable",
                extra={"user_id": runner.user_id},
            )

    def forget_cookie(self) -> None:
        """Ignore the cookie for the rest of this session and delete it."""
        if st.session_state.get(session.LIBRARY_LOGOUT_KEY):
            return  # done already in this session
        st.session_state[session.LIBRARY_LOGOUT_KEY] = True
        self.delete_cookie()


class StrideAuthenticationController(AuthenticationController):
    """The library's controller with every decision taken by ``auth.accounts``."""

    def __init__(self, validator: Validator, forget_cookie: Callable[[], None]) -> None:
        super().__init__({"usernames": {}}, validator=validator, auto_hash=False)
        self.forget_cookie = forget_cookie

    def login(
        self,
        username: str | None = None,
        password: str | None = None,
        max_concurrent_users: int | None = None,
        max_login_attempts: int | None = None,
        token: dict[str, Any] | None = None,
        single_session: bool = False,
        callback: Callable | None = None,
        captcha: bool = False,
        entered_captcha: str | None = None,
    ) -> bool | None:
        """Sign in with the form's values, or resume from a verified cookie."""
        if token is not None:
            return self._resume(token["username"], token["exp_date"])

        try:
            if not (username or "").strip():
                raise SignInError()
            stride = services.backend("sign_in")
            runner = accounts.sign_in(
                stride.sessions, stride.keys, username or "", password or ""
            )
        except ACCOUNT_ERRORS:
            st.session_state[session.LIBRARY_STATUS_KEY] = False
            raise
        session.start_session(runner)
        return True

    def _resume(self, username: str, exp_date: float) -> bool | None:
        """Accept a remembered login only if Stride still has it on record."""
        stride = services.backend("sign_in")
        runner = accounts.resume_sign_in(
            stride.sessions, stride.keys, username, exp_date
        )
        if runner is None:
            logger.warning(
                "remembered login refused", extra={"reason": "not on record"}
            )
            self.forget_cookie()
            return None
        session.start_session(runner, remembered_until=exp_date)
        return True

    def logout(self, callback: Callable | None = None) -> None:
        """Revoke the runner's tokens and remembered login, then clear state."""
        runner = session.current_runner()
        if runner is not None:
            stride = services.backend("sign_out")
            accounts.sign_out(
                stride.sessions,
                runner.refresh_token,
                cookie_exp_date=session.remembered_until(),
            )
        super().logout(callback)
        session.end_session()

    def register_user(
        self,
        new_first_name: str,
        new_last_name: str,
        new_email: str,
        new_username: str,
        new_password: str,
        new_password_repeat: str,
        password_hint: str | None,
        pre_authorized: list[str] | None = None,
        domains: list[str] | None = None,
        roles: list[str] | None = None,
        callback: Callable | None = None,
        captcha: bool = False,
        entered_captcha: str | None = None,
    ) -> tuple[str | None, str, str]:
        """Create the account with ``accounts.register``, then sign in.

        Values arrive as typed: the library's controller would strip the
        passwords, which Stride keeps as they are.
        """
        if new_password != new_password_repeat:
            raise AccountInputError([PASSWORDS_DIFFER])

        stride = services.backend("register")
        accounts.register(
            stride.sessions, new_username, new_password, new_first_name, new_last_name
        )
        runner = accounts.sign_in(
            stride.sessions, stride.keys, new_username, new_password
        )
        session.start_session(runner)
        return None, runner.username, runner.username


class StrideAuthenticate(Authenticate):
    """``Authenticate`` wired to Stride: empty credentials, Stride's controllers."""

    def __init__(self, cookie_key: str) -> None:
        super().__init__(
            {"usernames": {}},
            cookie_name=COOKIE_NAME,
            cookie_key=cookie_key,
            cookie_expiry_days=REMEMBER_DAYS,
            validator=StrideValidator(),
            auto_hash=False,
            login_sleep_time=LOGIN_SLEEP_SECONDS,
            password_instructions=PASSWORD_RULE,
        )
        self.cookie_controller = StrideCookieController(
            self.cookie_controller.cookie_model
        )
        self.authentication_controller = StrideAuthenticationController(
            StrideValidator(), self.cookie_controller.forget_cookie
        )

    def register_user(self, *args: Any, **kwargs: Any) -> Any:
        """The library's form; a new account is signed in and remembered."""
        result = super().register_user(*args, **kwargs)
        if result[1] is not None:
            self.cookie_controller.set_cookie()
        return result


def resume_remembered_login() -> None:
    """On a session's first run, sign in from the remembered-login cookie.

    This runs before ``st.navigation``, so that a runner who comes back
    lands on the page of the address (Saved plans, say) with it listed.
    ``Authenticate`` cannot be made that early: its cookie manager is a
    component whose first value reruns the app, and before the navigation
    has reached the browser that rerun goes to the default page. So the
    library's cookie is read here as the library reads it (HS256 with the
    cookie key, claims {username, exp_date}), and Stride decides with
    ``accounts.resume_sign_in``. A refused cookie is ignored from now on
    and deleted by ``start_run``, once the cookie manager exists.
    """
    if session.current_runner() is not None or st.session_state.get(COOKIE_TRIED_KEY):
        return
    st.session_state[COOKIE_TRIED_KEY] = True
    token = st.context.cookies.get(COOKIE_NAME)
    if not isinstance(token, str):
        return

    claims = read_cookie(token, services.cookie_key())
    if claims is None:
        logger.warning("remembered login refused", extra={"reason": "cookie"})
        _forget_cookie_later()
        return
    try:
        stride = services.backend("sign_in")
        runner = accounts.resume_sign_in(
            stride.sessions, stride.keys, claims["username"], claims["exp_date"]
        )
    except ACCOUNT_ERRORS as error:
        # Not retried on every run (a database that does not answer can take
        # seconds); the Account page's sign-in form tries the cookie again.
        st.sidebar.warning(str(error), icon=":material/warning:")
        return
    if runner is None:
        logger.warning("remembered login refused", extra={"reason": "not on record"})
        _forget_cookie_later()
        return
    session.start_session(runner, remembered_until=claims["exp_date"])


def read_cookie(token: str, cookie_key: str) -> dict[str, Any] | None:
    """The claims of a remembered-login cookie, None unless sound and valid.

    Only HS256 with the cookie key is accepted, as by the library; a token
    of another key or algorithm, or of another shape, is refused.
    """
    try:
        claims = jwt.decode(token, cookie_key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    return claims if _well_formed(claims) else None


def start_run() -> StrideAuthenticate:
    """Make this run's ``Authenticate``, after ``st.navigation``.

    A cookie that ``resume_remembered_login`` refused is deleted here.
    """
    authenticator = StrideAuthenticate(services.cookie_key())
    _current.set(authenticator)
    st.html(HIDE_COOKIE_MANAGER)
    if st.session_state.pop(FORGET_COOKIE_KEY, False):
        authenticator.cookie_controller.delete_cookie()
    return authenticator


def current_authenticator() -> StrideAuthenticate:
    """The ``Authenticate`` that ``start_run`` made for this script run."""
    authenticator = _current.get()
    if authenticator is None:
        raise RuntimeError("start_run() must run before the page")
    return authenticator


def _forget_cookie_later() -> None:
    """Have the library ignore the cookie, and ``start_run`` delete it."""
    st.session_state[session.LIBRARY_LOGOUT_KEY] = True
    st.session_state[FORGET_COOKIE_KEY] = True


def _well_formed(claims: object) -> bool:
    """True for the library's {username, exp_date} claims, still valid."""
    if not isinstance(claims, dict):
        return False
    username = claims.get("username")
    exp_date = claims.get("exp_date")
    return (
        isinstance(username, str)
        and bool(username)
        and isinstance(exp_date, int | float)
        and not isinstance(exp_date, bool)
        and exp_date > datetime.now().timestamp()
    )
