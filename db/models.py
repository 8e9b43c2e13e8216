"""Tables of Stride: accounts, their tokens and the saved plans (a star)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    TypeDecorator,
    false,
)
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine

USERNAME_LENGTH = 32
USERNAME_KEY_LENGTH = 255
NAME_LENGTH = 100
PLAN_NAME_LENGTH = 100

# Names for every constraint, so that migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# utf8mb4 so that any script and emoji round-trip on MySQL and MariaDB.
MYSQL_TABLE = {
    "mysql_engine": "InnoDB",
    "mysql_charset": "utf8mb4",
    "mysql_collate": "utf8mb4_unicode_ci",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime, stored naive because MySQL has no time zones."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[datetime]:
        if dialect.name in ("mysql", "mariadb"):
            # Microseconds, so that two saves in one second keep their order.
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("datetimes stored by Stride must be time-zone aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def km_column() -> Numeric:
    """Kilometres to one decimal that come back as the float that was saved."""
    return Numeric(5, 1, asdecimal=False)


def binary_string(length: int) -> String:
    """A string compared byte for byte on MySQL, as on SQLite.

    MySQL's default collations fold case and accents and treat all emoji
    as one character; a normalised key must be compared exactly instead.
    """
    return String(length).with_variant(
        mysql.VARCHAR(length, charset="utf8mb4", collation="utf8mb4_bin"),
        "mysql",
        "mariadb",
    )


class Base(DeclarativeBase):
    """Declarative base holding the metadata the migrations describe."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    """An account: the name as typed, its normalised key and the hash."""

    __tablename__ = "users"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH))
    # NFKC and casefold of the name: "Ann" and "ann" are one account.
    username_key: Mapped[str] = mapped_column(
        binary_string(USERNAME_KEY_LENGTH), unique=True
    )
    password_hash: Mapped[str] = mapped_column(String(60))
    first_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    last_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    plans: Mapped[list[Plan]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    refresh_tokens: Mapped[list[RefreshToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


class RefreshToken(Base):
    """A refresh token or a remembered login, kept only as a SHA-256 hash.

    ``kind`` tells them apart. Refresh tokens of one sign-in share a
    ``family``, so that replaying a rotated token revokes them all.
    """

    __tablename__ = "refresh_tokens"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    family: Mapped[str] = mapped_column(String(32), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="refresh_tokens")


class SignInFailure(Base):
    """One failed sign-in for a normalised username, existing or not."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (
        Index("ix_sign_in_failures_key_time", "username_key", "failed_at"),
        MYSQL_TABLE,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username_key: Mapped[str] = mapped_column(binary_string(USERNAME_KEY_LENGTH))
    failed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Plan(Base):
    """Fact table: one row a saved plan, linking it to its owner."""

    __tablename__ = "plans"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )

    user: Mapped[User] = relationship(back_populates="plans")
    details: Mapped[PlanDetails] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True
    )
    workouts: Mapped[list[Workout]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True
    )


class PlanDetails(Base):
    """The plan's name, every input of its request and its figures."""

    __tablename__ = "plan_details"
    __table_args__ = (MYSQL_TABLE,)

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(PLAN_NAME_LENGTH))
    weeks: Mapped[int] = mapped_column(SmallInteger)
    runs_per_week: Mapped[int] = mapped_column(SmallInteger)
    target_minutes: Mapped[int] = mapped_column(SmallInteger)
    # Any float the runner typed (9.5, 9.25): DOUBLE keeps it bit for bit.
    first_long_run_km: Mapped[float] = mapped_column(Double)
    long_run_day: Mapped[str] = mapped_column(String(9))
    race_date: Mapped[date | None] = mapped_column(Date)
    recent_race_distance: Mapped[str | None] = mapped_column(String(16))
    recent_race_seconds: Mapped[int | None] = mapped_column(Integer)
    recovery_weeks: Mapped[bool] = mapped_column(Boolean, server_default=false())
    unit: Mapped[str] = mapped_column(String(2), server_default="km")
    peak_long_run_km: Mapped[int] = mapped_column(SmallInteger)
    weekly_increase_km: Mapped[float] = mapped_column(Numeric(5, 2, asdecimal=False))
    total_km: Mapped[float] = mapped_column(Numeric(7, 1, asdecimal=False))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    plan: Mapped[Plan] = relationship(back_populates="details")


class Workout(Base):
    """One run of a saved plan; a day holds at most one run."""

    __tablename__ = "workouts"
    __table_args__ = (MYSQL_TABLE,)

    # The key starts with plan_id, so it is also the index for a plan's runs.
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    week: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    day: Mapped[str] = mapped_column(String(9), primary_key=True)
    type: Mapped[str] = mapped_column(String(8))
    distance_km: Mapped[float] = mapped_column(km_column())

    plan: Mapped[Plan] = relationship(back_populates="workouts")
