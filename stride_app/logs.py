"""Logging set-up of the app process, done once at start."""

from __future__ import annotations

import logging

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    """Send records of every logger to standard error at ``level``.

    Streamlit's own loggers do not propagate to the root logger, so this
    touches only Stride's. ``basicConfig`` does nothing once the root
    logger has a handler, which makes calling this on every rerun cheap.
    """
    logging.basicConfig(level=level, format=LOG_FORMAT)
