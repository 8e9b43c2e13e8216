"""Structured log lines: key=value pairs, events with ids, secrets masked."""

from __future__ import annotations

import logging

from settings import load_settings
from stride_app.logs import KeyValueFormatter


def _line(message: str, **extra: object) -> str:
    record = logging.LogRecord(
        "db.repository", logging.INFO, "x.py", 1, message, None, None
    )
    record.__dict__.update(extra)
    record.created = 1796399164.5
    return KeyValueFormatter().format(record)


def test_a_record_is_one_line_of_key_value_pairs():
    assert _line("plan saved", plan_id=12, user_id=3) == (
        "ts=2026-12-04T15:46:04.500Z level=INFO logger=db.repository "
        'msg="plan saved" plan_id=12 user_id=3'
    )


def test_values_with_spaces_or_quotes_are_quoted_and_escaped():
    assert _line("x", reason='say "hi" now').endswith(r'reason="say \"hi\" now"')


def test_startup_line_shows_the_settings_with_secrets_masked(tmp_path):
    settings = load_settings(
        environ={
            "STRIDE_DATA_DIR": str(tmp_path),
            "STRIDE_DATABASE_URL": "mysql+pymysql://stride:hunter22@db/stride",
            "STRIDE_COOKIE_KEY": "cookie-secret",
        }
    )

    line = _line("stride starting", **settings.describe())
    assert line == (
        "ts=2026-12-04T15:46:04.500Z level=INFO logger=db.repository "
        f'msg="stride starting" data_dir={tmp_path} '
        "database_url=mysql+pymysql://stride:***@db/stride jwt_keys=generated "
        "cookie_key=given log_level=INFO"
    )
