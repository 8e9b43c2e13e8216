"""Logging of the app process: one structured line an event, set up once.

Each line is ``key=value`` pairs (logfmt): the time, the level, the
logger, the message, then the event's fields, such as ``user_id`` and
``plan_id``, passed with ``extra=``. Secrets never reach a log line:
passwords, hashes and tokens are not passed to the loggers at all, and
the settings are logged through ``Settings.describe``, which masks them.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from settings import Settings

# Attributes every LogRecord has; anything else came in through ``extra``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


def _value(value: object) -> str:
    text = str(value)
    if text == "" or any(char in text for char in ' ="\\'):
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return text


class KeyValueFormatter(logging.Formatter):
    """Formats a record as one line of ``key=value`` pairs."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as ``ts=... level=... logger=... msg=... key=value``."""
        stamp = datetime.fromtimestamp(record.created, UTC)
        pairs = {
            "ts": stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        pairs.update(
            (key, value)
            for key, value in vars(record).items()
            if key not in _STANDARD and not key.startswith("_")
        )
        if record.exc_info:
            pairs["exc"] = self.formatException(record.exc_info)
        return " ".join(f"{key}={_value(value)}" for key, value in pairs.items())


def configure_logging(settings: Settings) -> None:
    """Send Stride's records to standard error, once per process.

    Streamlit's own loggers do not propagate to the root logger, so this
    touches only Stride's. Later calls, one a rerun, do nothing.
    """
    root = logging.getLogger()
    if any(isinstance(h.formatter, KeyValueFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(KeyValueFormatter())
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    logging.getLogger("stride").info("stride starting", extra=settings.describe())
