"""The engine factory sets and verifies the durability pragmas."""

from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import EXPECTED_PRAGMAS, create_store_engine, read_pragmas
from db.errors import StoreError


def test_every_connection_has_wal_full_sync_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "k.db")
    try:
        assert read_pragmas(engine) == EXPECTED_PRAGMAS
        assert EXPECTED_PRAGMAS["journal_mode"] == "wal" and EXPECTED_PRAGMAS["synchronous"] == 2
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    engine = create_store_engine(tmp_path / "k.db")
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE parent (id INTEGER PRIMARY KEY)"))
            conn.execute(text("CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent(id))"))
        with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as conn:
            conn.execute(text("INSERT INTO child (id, p) VALUES (1, 42)"))
    finally:
        engine.dispose()


def test_a_file_that_is_not_a_database_is_refused_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        create_store_engine(path)
    assert "无法打开本地数据库" in info.value.zh
    assert "Cannot open the local database" in info.value.en


def test_a_data_directory_that_cannot_be_created_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        create_store_engine(blocker / "sub" / "k.db")
    assert "数据目录" in info.value.zh
