"""The one engine factory: SQLite in WAL mode, synchronous=FULL, foreign keys on, a busy timeout, deleted
content zeroed (secure_delete, so removed personal data leaves the file) — verified."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from db.errors import StoreError

BUSY_TIMEOUT_MS = 5000
EXPECTED_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "secure_delete": 1,
}


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event own transaction boundaries (pysqlite's implicit BEGIN is unreliable).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def _on_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock up front, so a transaction never fails half-way on a lock upgrade.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def read_pragmas(engine: Engine) -> dict[str, Any]:
    """The durability pragmas as SQLite reports them on a fresh connection."""
    with engine.connect() as conn:
        return {name: conn.execute(text(f"PRAGMA {name}")).scalar_one() for name in EXPECTED_PRAGMAS}


def create_store_engine(path: Path) -> Engine:
    """Open (creating if needed) the SQLite file at `path` and prove the durability settings took effect."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"无法创建数据目录 {path.parent}：{exc.strerror}",
            f"Cannot create the data directory {path.parent}: {exc.strerror}",
        ) from None
    engine = create_engine(f"sqlite+pysqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    try:
        actual = read_pragmas(engine)
    except Exception as exc:
        engine.dispose()
        raise StoreError(
            f"无法打开本地数据库 {path}：{exc}",
            f"Cannot open the local database {path}: {exc}",
        ) from None
    if actual != EXPECTED_PRAGMAS:
        engine.dispose()
        raise StoreError(
            f"本地数据库 {path} 无法启用安全写入设置：{actual}",
            f"The local database {path} refused the durability settings: {actual}",
        )
    return engine


def empty_the_wal(engine: Engine) -> bool:
    """Copy the WAL into the database file and truncate it (old page images leave the disk); False when a
    reader kept it from finishing (the next checkpoint does it)."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            busy = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            cursor.close()
    finally:
        connection.close()
    return not busy


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
