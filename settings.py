"""Stride's settings, read once from ``STRIDE_*`` variables (then secrets).

Every setting, with its default. Each ``NAME`` may instead be given as
``NAME_FILE``, the path of a file holding the value (container secrets);
the variable wins over the file, the environment over ``st.secrets``.

- ``STRIDE_DATA_DIR``: folder for the embedded SQLite file and generated
  keys; default ``data`` beside this file.
- ``STRIDE_DATABASE_URL`` (or ``STRIDE_DATABASE_URL_FILE``): SQLAlchemy
  URL of the database, e.g.
  ``mysql+pymysql://stride@db/stride?charset=utf8mb4``; default an SQLite
  file ``stride.db`` in the data folder.
- ``STRIDE_DATABASE_PASSWORD`` (or ``STRIDE_DATABASE_PASSWORD_FILE``): the
  database password, put into the URL, so that the password can come from
  a secrets file of its own; default none (the URL's own, if any).
- ``STRIDE_JWT_PRIVATE_KEY`` / ``STRIDE_JWT_PUBLIC_KEY``: PEM text of the
  RS256 key pair; or ``STRIDE_JWT_PRIVATE_KEY_FILE`` /
  ``STRIDE_JWT_PUBLIC_KEY_FILE`` naming files that hold them. With
  neither, a pair is generated once into the data folder.
- ``STRIDE_COOKIE_KEY`` (or ``STRIDE_COOKIE_KEY_FILE``): secret that signs
  the remembered-login cookie; default one generated once into the data
  folder.
- ``STRIDE_LOG_LEVEL``: logging level; default ``INFO``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Settings:
    """Settings in force; secrets are kept out of ``repr``."""

    data_dir: Path
    database_url: str = field(repr=False)
    jwt_private_key: str | None = field(default=None, repr=False)
    jwt_public_key: str | None = field(default=None, repr=False)
    cookie_key: str | None = field(default=None, repr=False)
    log_level: str = "INFO"

    @property
    def uses_default_database(self) -> bool:
        """True when no database URL was given and SQLite is used."""
        return self.database_url.startswith("sqlite:")

    def describe(self) -> dict[str, str]:
        """The settings in force for a log line, every secret masked."""
        # SQLAlchemy's own masking writes "***" into the URL.
        url = make_url(self.database_url).render_as_string(hide_password=True)
        return {
            "data_dir": str(self.data_dir),
            "database_url": url,
            "jwt_keys": "given" if self.jwt_private_key else "generated",
            "cookie_key": "given" if self.cookie_key else "generated",
            "log_level": self.log_level,
        }


def _read(name: str, sources: tuple[Mapping[str, object], ...]) -> str | None:
    """First non-empty value of NAME, else the text of the file NAME_FILE."""
    for source in sources:
        value = source.get(name)
        if value not in (None, ""):
            return str(value)
    for source in sources:
        path = source.get(f"{name}_FILE")
        if path not in (None, ""):
            return Path(str(path)).read_text(encoding="utf-8")
    return None


def load_settings(
    environ: Mapping[str, str] | None = None,
    secrets: Mapping[str, object] | None = None,
) -> Settings:
    """Settings from the environment, then from secrets (``st.secrets``)."""
    sources = (os.environ if environ is None else environ, secrets or {})

    data_dir = Path(_read("STRIDE_DATA_DIR", sources) or DEFAULT_DATA_DIR)
    database_url = _read("STRIDE_DATABASE_URL", sources)
    if database_url is None:
        database_url = f"sqlite:///{data_dir / 'stride.db'}"
    password = _read("STRIDE_DATABASE_PASSWORD", sources)
    if password is not None:
        # A secrets file usually ends with a newline that is no part of it.
        url = make_url(database_url.strip()).set(password=password.rstrip("\r\n"))
        database_url = url.render_as_string(hide_password=False)

    return Settings(
        data_dir=data_dir,
        database_url=database_url.strip(),
        jwt_private_key=_read("STRIDE_JWT_PRIVATE_KEY", sources),
        jwt_public_key=_read("STRIDE_JWT_PUBLIC_KEY", sources),
        cookie_key=_read("STRIDE_COOKIE_KEY", sources),
        log_level=(_read("STRIDE_LOG_LEVEL", sources) or "INFO").upper(),
    )
