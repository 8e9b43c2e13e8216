"""Alembic's entry: runs the migrations on the database Stride is set up for.

The URL comes from the caller (``db.migrate.upgrade_database``) or else
from ``settings.py``, never from alembic.ini.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, text

from db.models import Base
from db.sessions import build_engine

# Other processes starting at the same moment wait for this one.
MYSQL_LOCK = "stride_schema_upgrade"
MYSQL_LOCK_SECONDS = 120

config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    """URL handed over by the caller, else the one from the settings."""
    url = config.attributes.get("url")
    if url:
        return str(url)
    from settings import load_settings

    return load_settings().database_url


def run_offline() -> None:
    """Print the SQL instead of running it (``alembic upgrade --sql``)."""
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_on(connection: Connection) -> None:
    """Run the migrations on an open connection."""
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite alters a table by copying it; batch mode does that for us.
        render_as_batch=sqlite,
        # SQLite's DDL is transactional: an upgrade applies whole or not at
        # all, and a second process starting at once waits for the first.
        transactional_ddl=sqlite,
    )
    mysql = connection.dialect.name in ("mysql", "mariadb")
    if mysql:
        connection.execute(
            text("SELECT GET_LOCK(:name, :seconds)"),
            {"name": MYSQL_LOCK, "seconds": MYSQL_LOCK_SECONDS},
        )
    try:
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if mysql:
            connection.execute(text("SELECT RELEASE_LOCK(:name)"), {"name": MYSQL_LOCK})


def run_online() -> None:
    """Run the migrations on the caller's connection or a new engine."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return

    engine = build_engine(database_url())
    try:
        with engine.connect() as connection:
            run_on(connection)
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
