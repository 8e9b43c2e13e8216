"""plan_details: race date, recent race, recovery weeks and display unit.

The engine's request gained these inputs; plans saved before keep the
defaults (no race date, no recent race, no recovery weeks, km).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade() -> None:
    """Add the four inputs, defaults filled in for existing plans."""
    with op.batch_alter_table("plan_details") as batch:
        batch.add_column(sa.Column("race_date", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("recent_race_distance", sa.String(16), nullable=True)
        )
        batch.add_column(sa.Column("recent_race_seconds", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column(
                "recovery_weeks",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
            )
        )
        batch.add_column(
            sa.Column("unit", sa.String(2), nullable=False, server_default="km")
        )


def downgrade() -> None:
    """Drop the four inputs again."""
    with op.batch_alter_table("plan_details") as batch:
        for column in (
            "unit",
            "recovery_weeks",
            "recent_race_seconds",
            "recent_race_distance",
            "race_date",
        ):
            batch.drop_column(column)
