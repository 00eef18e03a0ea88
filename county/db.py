"""Database engines for the county server (SQLite file/memory or PostgreSQL through psycopg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, make_url
from sqlalchemy.pool import StaticPool

from county.models import CountyRecord

SQLITE_BUSY_TIMEOUT_SECONDS = 30.0
_READ_ONLY_OPTION = "county_read_only"


def _configure_sqlite(engine: Engine) -> None:
    """Use WAL + synchronous=FULL; writers take the write lock at BEGIN (BEGIN IMMEDIATE)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        """Set the pragmas on every new connection."""
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
        """BEGIN IMMEDIATE for writers, BEGIN DEFERRED for read-only views."""
        read_only = connection.get_execution_options().get(_READ_ONLY_OPTION, False)
        connection.exec_driver_sql("BEGIN DEFERRED" if read_only else "BEGIN IMMEDIATE")


def create_county_engine(database_url: str, *, pool_size: int = 5) -> Engine:
    """Create an engine for ``database_url`` (SQLite file/memory or ``postgresql+psycopg``).

    ``pool_size`` PostgreSQL connections stay open (a few more may open briefly under load).
    SQL parameters are hidden from logs and error messages: they carry personal data.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(
            url, pool_pre_ping=True, hide_parameters=True, pool_size=pool_size, max_overflow=pool_size
        )
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


def has_schema(engine: Engine) -> bool:
    """Tell whether the county tables exist in the database behind ``engine``."""
    return inspect(engine).has_table(CountyRecord.__tablename__)


def read_only(engine: Engine) -> Engine:
    """Return a view of ``engine`` whose SQLite transactions do not take the write lock."""
    return engine.execution_options(**{_READ_ONLY_OPTION: True})
