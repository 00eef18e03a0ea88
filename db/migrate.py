"""Apply Alembic migrations at start, and refuse a database written by newer software."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine

from db.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this software knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, or None for an empty file."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine) -> str:
    """Bring the schema to head; a revision unknown to this software raises StoreError and changes nothing."""
    config = _config()
    script = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise StoreError(
                f"本地数据库由更新版本的软件创建（架构版本 {current}），请升级终端软件后再启动",
                f"The local database was written by newer software (schema {current}); "
                "please update the kiosk software",
            ) from None
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return head_revision()
