"""The Alembic migrations: they build exactly the tables the models describe."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import String, inspect, text

from db.migrate import alembic_config, current_revision, head_revision, upgrade_database
from db.models import Base
from db.repository import load_plan, save_plan
from db.sessions import build_session_factory
from stride_engine import build_request, generate_plan
from stride_engine.units import Unit
from tests.conftest import ROOT

TABLES = {
    "alembic_version",
    "users",
    "refresh_tokens",
    "sign_in_failures",
    "plans",
    "plan_details",
    "workouts",
}


def test_the_migrated_schema_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)

    assert differences == []
    assert set(inspect(engine).get_table_names()) == TABLES


def test_upgrading_again_changes_nothing(database_url):
    upgrade_database(database_url)

    assert current_revision(database_url) == head_revision()


def test_downgrade_to_base_removes_every_table(database_url, engine):
    command.downgrade(alembic_config(database_url), "base")

    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    assert current_revision(database_url) is None


@pytest.mark.parametrize(
    ("table", "column", "parent"),
    [
        ("refresh_tokens", "user_id", "users"),
        ("plans", "user_id", "users"),
        ("plan_details", "plan_id", "plans"),
        ("workouts", "plan_id", "plans"),
    ],
)
def test_child_rows_are_deleted_with_their_parent(engine, table, column, parent):
    keys = inspect(engine).get_foreign_keys(table)

    assert [
        (k["constrained_columns"], k["referred_table"], k["options"].get("ondelete"))
        for k in keys
    ] == [([column], parent, "CASCADE")]


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("users", ["username_key"]),
        ("refresh_tokens", ["user_id"]),
        ("refresh_tokens", ["family"]),
        ("refresh_tokens", ["token_hash"]),
        ("sign_in_failures", ["username_key", "failed_at"]),
        ("plans", ["user_id"]),
        ("plan_details", ["plan_id"]),
        ("workouts", ["plan_id", "week", "day"]),
    ],
)
def test_every_lookup_column_is_indexed(engine, table, columns):
    inspector = inspect(engine)
    indexed = [index["column_names"] for index in inspector.get_indexes(table)]
    indexed += [u["column_names"] for u in inspector.get_unique_constraints(table)]
    indexed.append(inspector.get_pk_constraint(table)["constrained_columns"])

    assert any(index[: len(columns)] == columns for index in indexed)


def test_every_string_column_has_a_length():
    unbounded = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, String) and column.type.length is None
    ]

    assert unbounded == []


@pytest.mark.parametrize(
    "database_url", [pytest.param("mysql", marks=pytest.mark.mysql)], indirect=True
)
def test_mysql_tables_are_utf8mb4_and_the_username_key_is_compared_exactly(engine):
    with engine.connect() as connection:
        collations = dict(
            connection.execute(
                text(
                    "SELECT table_name, table_collation FROM information_schema.tables"
                    " WHERE table_schema = DATABASE()"
                )
            ).all()
        )
        key_collation = connection.execute(
            text(
                "SELECT collation_name FROM information_schema.columns WHERE"
                " table_schema = DATABASE() AND table_name = 'users'"
                " AND column_name = 'username_key'"
            )
        ).scalar_one()

    assert {c.split("_")[0] for c in collations.values()} == {"utf8mb4"}
    assert key_collation == "utf8mb4_bin"


def test_python_m_db_upgrade_creates_the_database_of_the_settings(tmp_path):
    data_dir = tmp_path / "fresh" / "data"
    environment = {
        **os.environ,
        "STRIDE_DATA_DIR": str(data_dir),
        "STRIDE_DATABASE_URL": "",
    }

    result = subprocess.run(
        [sys.executable, "-m", "db", "upgrade"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"database upgraded to {head_revision()}\n"
    assert current_revision(f"sqlite:///{data_dir / 'stride.db'}") == head_revision()


def test_a_plan_saved_before_0002_loads_with_the_new_inputs_defaulted(
    database_url, engine, keys, new_user_token
):
    token = new_user_token("ann")
    plan = generate_plan(
        build_request(
            weeks=8,
            runs_per_week=2,
            target_time="4:00",
            first_long_run_km=8,
            long_run_day="sunday",
        )
    )
    sessions = build_session_factory(engine)
    with sessions.begin() as session:
        plan_id = save_plan(session, keys.public_key, token, plan, "Old")
    command.downgrade(alembic_config(database_url), "0001")
    engine.dispose()

    upgrade_database(database_url)
    with sessions.begin() as session:
        saved = load_plan(session, keys.public_key, token, plan_id)

    assert saved.plan == plan
    assert (saved.plan.request.recovery_weeks, saved.plan.request.unit) == (
        False,
        Unit.KM,
    )


def test_replicas_upgrading_at_the_same_moment_all_succeed(database_url, engine):
    command.downgrade(alembic_config(database_url), "base")
    engine.dispose()
    environment = {**os.environ, "STRIDE_DATABASE_URL": database_url}

    replicas = [
        subprocess.Popen(
            [sys.executable, "-m", "db", "upgrade"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    results = [replica.communicate(timeout=120) for replica in replicas]

    assert [replica.returncode for replica in replicas] == [0] * 4, results
    assert current_revision(database_url) == head_revision()
    assert set(inspect(engine).get_table_names()) == TABLES
