"""What the pages call to reach the database: one engine a process, one action a call.

The engine and the key pair are built once per process by
``st.cache_resource``; nothing cached here belongs to a user. The schema
upgrade is cached too, but ``st.cache_resource`` keeps only a function's
return value, never its exception: an app started while the database was
down upgrades the schema on the first action after the database is back.
Pages that never touch the database, as Generate, call none of this.

Plan actions run as the signed-in runner. An access token lasts an hour;
when it has expired the refresh token is used once (and rotated) and the
action is retried. When that fails too, the runner is signed out of the
browser session and the ``InvalidTokenError`` says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from auth import accounts
from auth.errors import SESSION_EXPIRED, SESSION_INVALID, InvalidTokenError
from auth.keys import KeyPair, load_cookie_key, load_keys
from db import repository
from db.errors import DatabaseUnavailableError
from db.migrate import upgrade_database
from db.repository import PlanSummary, SavedPlan
from db.sessions import build_engine, build_session_factory, transaction
from settings import Settings, load_settings
from stride_app import session
from stride_engine import Plan

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Backend:
    """What an account or plan action needs: sessions and the key pair."""

    sessions: sessionmaker[Session]
    keys: KeyPair


def app_settings() -> Settings:
    """Settings from the environment, then from ``secrets.toml`` if any.

    ``st.secrets`` raises at first use when there is no secrets file;
    ``load_if_toml_exists`` is Streamlit's quiet probe for one.
    """
    secrets = st.secrets if st.secrets.load_if_toml_exists() else None
    return load_settings(secrets=secrets)


def _dispose(engine: Engine) -> None:
    engine.dispose()


@st.cache_resource(show_spinner=False, on_release=_dispose)
def _engine(database_url: str) -> Engine:
    """The process's engine for ``database_url``; it connects only when used."""
    return build_engine(database_url)


@st.cache_resource(show_spinner=False)
def _upgraded(database_url: str) -> bool:
    """Upgrade the schema once per process; a failure is retried next time."""
    upgrade_database(database_url)
    return True


@st.cache_resource(show_spinner=False)
def _keys(settings: Settings) -> KeyPair:
    return load_keys(settings)


@st.cache_resource(show_spinner=False)
def _cookie_key(settings: Settings) -> str:
    return load_cookie_key(settings)


def cookie_key() -> str:
    """Secret that signs streamlit-authenticator's remembered-login cookie."""
    return _cookie_key(app_settings())


def backend(action: str) -> Backend:
    """Sessions and keys for ``action``, the schema brought up to date first.

    An unreachable database raises ``DatabaseUnavailableError`` naming
    ``action`` (one of ``db.errors.ACTIONS``), not the upgrade.
    """
    settings = app_settings()
    try:
        _upgraded(settings.database_url)
    except DatabaseUnavailableError:
        raise DatabaseUnavailableError(action) from None
    sessions = build_session_factory(_engine(settings.database_url))
    return Backend(sessions=sessions, keys=_keys(settings))


def call_with_refresh(
    backend: Backend,
    runner: accounts.SignedIn,
    work: Callable[[str], T],
    keep_tokens: Callable[[accounts.SignedIn], None],
) -> T:
    """``work(access_token)``, renewing an expired access token once.

    The renewed tokens go to ``keep_tokens`` before the retry: the old
    refresh token is revoked by then, so losing the new one would sign
    the runner out at the next renewal.
    """
    try:
        return work(runner.access_token)
    except InvalidTokenError as error:
        if error.args[0] != SESSION_EXPIRED:
            raise

    renewed = accounts.refresh(backend.sessions, backend.keys, runner.refresh_token)
    keep_tokens(renewed)
    return work(renewed.access_token)


def _as_runner(backend: Backend, work: Callable[[str], T]) -> T:
    """Run ``work`` with the signed-in runner's token; sign out if refused."""
    runner = session.current_runner()
    if runner is None:
        raise InvalidTokenError(SESSION_INVALID)
    try:
        return call_with_refresh(backend, runner, work, session.keep_tokens)
    except InvalidTokenError as error:
        logger.info(
            "session ended", extra={"user_id": runner.user_id, "reason": str(error)}
        )
        session.end_session()
        raise


def save_plan(plan: Plan, name: str) -> int:
    """Save ``plan`` under ``name`` for the signed-in runner; its new id."""
    stride = backend("save")

    def save(access_token: str) -> int:
        with transaction(stride.sessions, "save") as db:
            return repository.save_plan(
                db, stride.keys.public_key, access_token, plan, name
            )

    return _as_runner(stride, save)


def list_plans() -> list[PlanSummary]:
    """The signed-in runner's plans, newest first."""
    stride = backend("list")

    def plans(access_token: str) -> list[PlanSummary]:
        with transaction(stride.sessions, "list") as db:
            return repository.list_plans(db, stride.keys.public_key, access_token)

    return _as_runner(stride, plans)


def load_plan(plan_id: object) -> SavedPlan:
    """One of the signed-in runner's plans; any other id is not found."""
    stride = backend("load")

    def load(access_token: str) -> SavedPlan:
        with transaction(stride.sessions, "load") as db:
            return repository.load_plan(
                db, stride.keys.public_key, access_token, plan_id
            )

    return _as_runner(stride, load)


def rename_plan(plan_id: int, name: str) -> None:
    """Rename one of the signed-in runner's plans."""
    stride = backend("rename")

    def rename(access_token: str) -> None:
        with transaction(stride.sessions, "rename") as db:
            repository.rename_plan(
                db, stride.keys.public_key, access_token, plan_id, name
            )

    _as_runner(stride, rename)


def delete_plan(plan_id: int) -> None:
    """Delete one of the signed-in runner's plans."""
    stride = backend("delete")

    def delete(access_token: str) -> None:
        with transaction(stride.sessions, "delete") as db:
            repository.delete_plan(db, stride.keys.public_key, access_token, plan_id)

    _as_runner(stride, delete)


def delete_account(password: str) -> None:
    """Delete the signed-in runner's account, checking the password first."""
    stride = backend("delete_account")

    def delete(access_token: str) -> None:
        accounts.delete_account(
            stride.sessions, stride.keys.public_key, access_token, password
        )

    _as_runner(stride, delete)
