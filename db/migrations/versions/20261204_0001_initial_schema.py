"""Initial schema: accounts, tokens, sign-in failures and saved plans.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None

MYSQL_TABLE = {
    "mysql_engine": "InnoDB",
    "mysql_charset": "utf8mb4",
    "mysql_collate": "utf8mb4_unicode_ci",
}


def utc_datetime() -> sa.types.TypeEngine:
    """Naive UTC datetime; microseconds on MySQL too."""
    return sa.DateTime().with_variant(mysql.DATETIME(fsp=6), "mysql", "mariadb")


def binary_string(length: int) -> sa.types.TypeEngine:
    """A string MySQL compares byte for byte, as SQLite does."""
    return sa.String(length).with_variant(
        mysql.VARCHAR(length, charset="utf8mb4", collation="utf8mb4_bin"),
        "mysql",
        "mariadb",
    )


def km(precision: int, scale: int) -> sa.types.TypeEngine:
    """Exact decimal kilometres, read back as floats."""
    return sa.Numeric(precision, scale, asdecimal=False)


def upgrade() -> None:
    """Create every table of the first release."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(32), nullable=False),
        sa.Column("username_key", binary_string(255), nullable=False),
        sa.Column("password_hash", sa.String(60), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=True),
        sa.Column("last_name", sa.String(100), nullable=True),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username_key", name=op.f("uq_users_username_key")),
        **MYSQL_TABLE,
    )

    op.create_table(
        "refresh_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("family", sa.String(32), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("expires_at", utc_datetime(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_refresh_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens_token_hash")),
        **MYSQL_TABLE,
    )
    op.create_index(op.f("ix_refresh_tokens_user_id"), "refresh_tokens", ["user_id"])
    op.create_index(op.f("ix_refresh_tokens_family"), "refresh_tokens", ["family"])

    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username_key", binary_string(255), nullable=False),
        sa.Column("failed_at", utc_datetime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
        **MYSQL_TABLE,
    )
    op.create_index(
        "ix_sign_in_failures_key_time",
        "sign_in_failures",
        ["username_key", "failed_at"],
    )

    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_plans_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        **MYSQL_TABLE,
    )
    op.create_index(op.f("ix_plans_user_id"), "plans", ["user_id"])

    op.create_table(
        "plan_details",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("weeks", sa.SmallInteger(), nullable=False),
        sa.Column("runs_per_week", sa.SmallInteger(), nullable=False),
        sa.Column("target_minutes", sa.SmallInteger(), nullable=False),
        sa.Column("first_long_run_km", sa.Double(), nullable=False),
        sa.Column("long_run_day", sa.String(9), nullable=False),
        sa.Column("peak_long_run_km", sa.SmallInteger(), nullable=False),
        sa.Column("weekly_increase_km", km(5, 2), nullable=False),
        sa.Column("total_km", km(7, 1), nullable=False),
        sa.Column("created_at", utc_datetime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_details_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", name=op.f("pk_plan_details")),
        **MYSQL_TABLE,
    )

    # The primary key starts with plan_id: it is the index for a plan's runs.
    op.create_table(
        "workouts",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.SmallInteger(), nullable=False),
        sa.Column("day", sa.String(9), nullable=False),
        sa.Column("type", sa.String(8), nullable=False),
        sa.Column("distance_km", km(5, 1), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_workouts_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("plan_id", "week", "day", name=op.f("pk_workouts")),
        **MYSQL_TABLE,
    )


def downgrade() -> None:
    """Drop every table, children first; their indexes go with them."""
    for table in (
        "workouts",
        "plan_details",
        "plans",
        "sign_in_failures",
        "refresh_tokens",
        "users",
    ):
        op.drop_table(table)
