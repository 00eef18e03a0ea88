"""Database schema and engine setup for the county server.

The schema is created with ``metadata.create_all`` at start-up for now; Alembic migrations
for the county server come in a later issue.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, Index, String, Text, create_engine, event, inspect, make_url
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

SQLITE_BUSY_TIMEOUT_SECONDS = 30.0
_READ_ONLY_OPTION = "county_read_only"


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamp on every backend (SQLite stores naive UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert an aware datetime to UTC before storing."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use an aware UTC timestamp")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return stored timestamps as aware UTC datetimes."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of the county schema."""


class CountyRecord(Base):
    """One accepted kiosk record; ``id`` is the kiosk's record id (idempotency key)."""

    __tablename__ = "county_record"
    __table_args__ = (Index("ix_county_record_kind_received", "kind", "received_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    device_id: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


def _configure_sqlite(engine: Engine) -> None:
    """Use WAL + synchronous=FULL; writers take the write lock at BEGIN (BEGIN IMMEDIATE)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event (below) emit BEGIN instead of the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            if engine.url.database not in (None, "", ":memory:"):
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_SECONDS * 1000)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(_READ_ONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")


def create_county_engine(database_url: str) -> Engine:
    """Create an engine for ``database_url`` (SQLite file/memory or ``postgresql+psycopg``).

    SQL parameters are hidden from logs and error messages: they carry personal data.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    if url.database in (None, "", ":memory:"):
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}, hide_parameters=True
        )
    else:
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
            hide_parameters=True,
        )
    _configure_sqlite(engine)
    return engine


def create_schema(engine: Engine) -> None:
    """Create missing tables (``metadata.create_all``; Alembic arrives in a later issue)."""
    Base.metadata.create_all(engine)


def has_schema(engine: Engine) -> bool:
    """Tell whether the county tables exist in the database behind ``engine``."""
    return inspect(engine).has_table(CountyRecord.__tablename__)


def read_only(engine: Engine) -> Engine:
    """Return a view of ``engine`` whose SQLite transactions do not take the write lock."""
    return engine.execution_options(**{_READ_ONLY_OPTION: True})
