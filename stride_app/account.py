"""The Account page's parts and the sidebar's "signed in as" line."""

from __future__ import annotations

import streamlit as st

from auth.errors import AccountInputError
from stride_app import services, session
from stride_app.authenticator import (
    ACCOUNT_ERRORS,
    REGISTER_FIELDS,
    REGISTER_FORM_KEY,
    SIGN_IN_FIELDS,
    SIGN_IN_FORM_KEY,
    SIGN_OUT_KEY,
    current_authenticator,
)
from stride_app.text import escape_markdown

ACCOUNT_PAGE = "app_pages/account.py"
GENERATE_PAGE = "app_pages/generate.py"
SIGNED_OUT = "You have signed out."
ACCOUNT_DELETED = "Your account and its plans have been deleted."
SIGN_IN_TO_SAVE = (
    "Sign in or create an account to save your plan. It will still be on "
    "the Generate page afterwards, ready to save."
)
CONFIRM_DELETE_KEY = "stride_confirm_account_deletion"
DELETE_PASSWORD_KEY = "delete_account_password"


def show_sign_in_and_registration() -> None:
    """The library's sign-in and registration forms, in two tabs."""
    if st.session_state.get(session.RETURN_TO_PLAN_KEY):
        st.info(SIGN_IN_TO_SAVE, icon=":material/bookmark:")

    authenticator = current_authenticator()
    sign_in_tab, register_tab = st.tabs(["Sign in", "Create an account"])
    with sign_in_tab:
        try:
            authenticator.login(
                location="main", fields=SIGN_IN_FIELDS, key=SIGN_IN_FORM_KEY
            )
        except ACCOUNT_ERRORS as error:
            st.error(str(error), icon=":material/error:")
    with register_tab:
        try:
            authenticator.register_user(
                location="main",
                fields=REGISTER_FIELDS,
                key=REGISTER_FORM_KEY,
                captcha=False,
                password_hint=False,
                merge_username_email=True,
            )
        except AccountInputError as error:
            for message in error.messages:
                st.error(message, icon=":material/error:")
        except ACCOUNT_ERRORS as error:
            st.error(str(error), icon=":material/error:")

    # Signed in by this run's form: the page redraws signed in once the
    # browser has stored the cookie, which starts the next run.
    runner = session.current_runner()
    if runner is not None:
        st.success(
            f"Signed in as {escape_markdown(runner.username)}.",
            icon=":material/check_circle:",
        )
        show_way_back_to_plan()


def show_way_back_to_plan() -> None:
    """A button back to Generate, after "Save plan" sent the runner here."""
    if st.session_state.get(session.RETURN_TO_PLAN_KEY) and st.button(
        "Back to your plan", key="back_to_plan", icon=":material/arrow_back:"
    ):
        st.session_state.pop(session.RETURN_TO_PLAN_KEY, None)
        st.switch_page(GENERATE_PAGE)


def show_signed_in() -> None:
    """Who is signed in, the sign-out button and the account's deletion.

    Signing out or deleting the account ends the session in this run; the
    page then draws the sign-in form in the same run.
    """
    runner = session.current_runner()
    assert runner is not None
    st.markdown(f"Signed in as **{escape_markdown(runner.username)}**.")
    show_way_back_to_plan()

    try:
        current_authenticator().logout("Sign out", location="main", key=SIGN_OUT_KEY)
    except ACCOUNT_ERRORS as error:
        st.error(str(error), icon=":material/error:")
    if session.current_runner() is None:
        # A toast outlasts the rerun that the cookie's deletion starts.
        st.toast(SIGNED_OUT, icon=":material/logout:")
        return

    st.divider()
    show_account_deletion()


def show_account_deletion() -> None:
    """Delete the account after a confirmation that asks for the password."""
    st.subheader("Delete your account")
    st.caption("Deletes your account and every plan you saved. It cannot be undone.")
    if not st.session_state.get(CONFIRM_DELETE_KEY):
        st.button(
            "Delete my account…",
            key="delete_account",
            on_click=_set_confirming,
            args=(True,),
        )
        return

    with st.form("delete_account_form"):
        st.warning(
            "Your account and all your saved plans will be deleted. Enter your "
            "password to confirm.",
            icon=":material/warning:",
        )
        password = st.text_input("Password", type="password", key=DELETE_PASSWORD_KEY)
        confirmed = st.form_submit_button("Delete my account", type="primary")
    st.button(
        "Cancel",
        key="cancel_account_deletion",
        on_click=_set_confirming,
        args=(False,),
    )
    if not confirmed:
        return

    try:
        services.delete_account(password)
    except ACCOUNT_ERRORS as error:
        st.error(str(error), icon=":material/error:")
        return
    st.session_state.pop(CONFIRM_DELETE_KEY, None)
    session.end_session()
    current_authenticator().cookie_controller.delete_cookie()
    st.toast(ACCOUNT_DELETED, icon=":material/check_circle:")


def show_status() -> None:
    """Sidebar: who is signed in, or a link to sign in."""
    runner = session.current_runner()
    if runner is None:
        st.page_link(ACCOUNT_PAGE, label="Sign in or register", icon=":material/login:")
    else:
        st.page_link(
            ACCOUNT_PAGE,
            label=f"Signed in as {escape_markdown(runner.username)}",
            icon=":material/account_circle:",
        )


def _set_confirming(confirming: bool) -> None:
    st.session_state[CONFIRM_DELETE_KEY] = confirming
