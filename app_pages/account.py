"""Account page: sign in or create an account; signed in, sign out or delete it."""

import streamlit as st

from stride_app import account, session

st.title("Your account")

if session.current_runner() is not None:
    account.show_signed_in()
# Not "else": signing out above ends the session in this very run.
if session.current_runner() is None:
    account.show_sign_in_and_registration()
