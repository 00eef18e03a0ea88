"""Migrations run at start; a database from newer software is refused and left untouched."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from db.engine import create_store_engine
from db.errors import StoreError
from db.migrate import HEAD_REVISION, current_revision, head_revision, upgrade_to_head
from db.models import Base


def test_empty_file_upgrades_to_head_with_every_table(tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "k.db")
    try:
        assert current_revision(engine) is None
        assert upgrade_to_head(engine) == head_revision()
        assert current_revision(engine) == head_revision()
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert {
            "catalog_item",
            "filing",
            "attachment",
            "rating",
            "outbox",
            "print_job",
            "audit_log",
            "device",
        } <= tables
    finally:
        engine.dispose()


def test_upgrading_twice_changes_nothing(tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "k.db")
    try:
        upgrade_to_head(engine)
        upgrade_to_head(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = create_store_engine(tmp_path / "k.db")
    try:
        upgrade_to_head(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_database_from_newer_software_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    engine = create_store_engine(path)
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    engine = create_store_engine(path)
    try:
        with pytest.raises(StoreError) as info:
            upgrade_to_head(engine)
        assert "更新版本的软件" in info.value.zh
        assert "please update the kiosk software" in info.value.en
        assert current_revision(engine) == "9999_from_the_future"
    finally:
        engine.dispose()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999_from_the_future",)
    assert len(path.read_bytes()) == len(before)


def test_the_fast_path_names_the_newest_migration() -> None:
    assert head_revision() == HEAD_REVISION, "update db.migrate.HEAD_REVISION with the new migration"


def test_a_restart_on_a_current_database_does_not_load_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    probe = (
        "import sys; from sqlalchemy import create_engine; from db.migrate import upgrade_to_head; "
        f"engine = create_engine({url!r}); upgrade_to_head(engine); "
        "sys.modules.pop('alembic', None); [sys.modules.pop(m) for m in list(sys.modules) if m.startswith('alembic')]; "
        "print(upgrade_to_head(engine), any(m.startswith('alembic') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == [HEAD_REVISION, "False"]
