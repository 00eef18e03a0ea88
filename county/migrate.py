"""Alembic migrations of the county database: applied at ``serve`` start and by ``county-server migrate``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaTooNewError(RuntimeError):
    """The database was migrated by newer county-server software."""

    def __init__(self, revision: str) -> None:
        """Remember the unknown revision found in the database."""
        self.revision = revision
        self.zh = f"数据库由更新版本的 county-server 创建（架构版本 {revision}），请升级软件"
        self.en = f"the database was written by newer county-server software (schema {revision}); update the software"
        super().__init__(f"{self.zh} / {self.en}")


def alembic_config() -> Config:
    """An Alembic config pointing at county/migrations (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this software knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, or None when it was never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> str:
    """Bring the schema to head and return it; a revision unknown here raises SchemaTooNewError."""
    config = alembic_config()
    current = current_revision(engine)
    if current is not None:
        try:
            ScriptDirectory.from_config(config).get_revision(current)
        except CommandError:
            raise SchemaTooNewError(current) from None
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return head_revision()


def is_current(engine: Engine) -> bool:
    """Tell whether the database schema is exactly at this software's head revision."""
    return current_revision(engine) == head_revision()
