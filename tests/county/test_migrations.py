"""The county schema under Alembic: empty databases upgrade to head, models and migrations agree."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, insert, inspect, select, text
from sqlalchemy.orm import Session

from county.changes import changes_page
from county.db import create_county_engine
from county.migrate import (
    MIGRATIONS_DIR,
    SchemaTooNewError,
    alembic_config,
    current_revision,
    head_revision,
    is_current,
    upgrade_to_head,
)
from county.models import Base, CountyRecord, Device
from tests.county.conftest import REPO_ROOT
from tests.support.county_process import run_county_cli, start_county_server

TABLES = {
    "alembic_version",
    "attachment",
    "attachment_chunk",
    "change_log",
    "county_record",
    "county_key",
    "county_setting",
    "helper",
    "device",
    "enrolment_code",
    "filing_status",
    "seen_nonce",
}


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh, empty database (both backends)."""
    engine = create_county_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def schema_differences(engine: Engine) -> list[object]:
    """What autogenerate would change to make the database match the models (empty when they agree)."""
    with engine.connect() as connection:
        differences: list[object] = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        return differences


def test_empty_database_upgrades_to_head_and_matches_the_models(engine: Engine) -> None:
    assert current_revision(engine) is None and not is_current(engine)
    assert upgrade_to_head(engine) == head_revision() == "0004"
    assert current_revision(engine) == head_revision() and is_current(engine)
    assert set(inspect(engine).get_table_names()) == TABLES
    assert schema_differences(engine) == []
    assert upgrade_to_head(engine) == "0004", "a second upgrade is a no-op"


def test_pre_alembic_database_keeps_its_records(engine: Engine) -> None:
    # What the server's create_all made before migrations existed.
    CountyRecord.__table__.create(engine)
    row = {
        "id": "0b6e2f1c-8a4d-4c3e-9f7a-2d1e5b6c7a80",
        "kind": "filing",
        "device_id": "kiosk-1",
        "content_hash": "0" * 64,
        "payload": "{}",
        "received_at": datetime(2024, 5, 1, tzinfo=UTC),
    }
    with engine.begin() as connection:
        connection.execute(insert(CountyRecord), [row])
    upgrade_to_head(engine)
    assert schema_differences(engine) == []
    with engine.connect() as connection:
        assert connection.execute(select(CountyRecord.id)).scalars().all() == [row["id"]]


def test_devices_enrolled_before_0002_get_their_voucher_keys_published(engine: Engine) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with Session(engine) as session, session.begin():
        for index, revoked_at in enumerate((None, datetime(2026, 1, 2, tzinfo=UTC))):
            session.add(
                Device(
                    id=f"kiosk-{index}",
                    public_key="A" * 43,
                    site="幸福镇",
                    name="终端",
                    app_version="0.1.0",
                    enrolled_at=datetime(2026, 1, 1, tzinfo=UTC),
                    revoked_at=revoked_at,
                )
            )
    upgrade_to_head(engine)
    with Session(engine) as session:
        page = changes_page(session, device_id="kiosk-0", after=0, limit=10)
    assert [(c.type, c.data["device_id"], c.data["revoked"]) for c in page.changes] == [
        ("device_key", "kiosk-0", False),
        ("device_key", "kiosk-1", True),
    ]
    assert page.changes[0].data["public_key"] == "A" * 43 and page.changes[0].data["site"] == "幸福镇"


def test_a_newer_schema_is_refused_everywhere(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path}/c.db"
    engine = create_county_engine(database_url)
    try:
        upgrade_to_head(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(SchemaTooNewError) as caught:
            upgrade_to_head(engine)
        assert caught.value.revision == "9999"
    finally:
        engine.dispose()
    migrate = run_county_cli("migrate", database_url=database_url)
    assert migrate.returncode == 1
    assert "9999" in migrate.stderr and "newer county-server" in migrate.stderr
    code = run_county_cli("enrolment-code", "--site", "x", database_url=database_url)
    assert code.returncode == 1 and code.stdout == "" and "county-server migrate" in code.stderr
    with pytest.raises(RuntimeError, match="exited"):
        start_county_server(database_url=database_url, cwd=REPO_ROOT)


def test_migrate_command(database_url: str, tmp_path: Path) -> None:
    first = run_county_cli("migrate", database_url=database_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "county database at schema revision 0004\n"
    assert run_county_cli("migrate", database_url=database_url).returncode == 0
    engine = create_county_engine(database_url)
    try:
        assert is_current(engine) and schema_differences(engine) == []
    finally:
        engine.dispose()
    nested = tmp_path / "new" / "dir" / "county.db"
    assert run_county_cli("migrate", database_url=f"sqlite:///{nested}").returncode == 0
    assert nested.exists()
    unmigrated = tmp_path / "empty.db"
    create_county_engine(f"sqlite:///{unmigrated}").dispose()
    unmigrated.touch()
    refused = run_county_cli("list-devices", database_url=f"sqlite:///{unmigrated}")
    assert refused.returncode == 1 and "county-server migrate" in refused.stderr


def test_migrations_are_beside_the_package() -> None:
    # pyproject's package-data must list these (see the county line in [tool.setuptools.package-data]).
    assert (MIGRATIONS_DIR / "env.py").is_file() and (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert sorted(path.name for path in (MIGRATIONS_DIR / "versions").glob("*.py")) == [
        "0001_county_schema.py",
        "0002_publish_device_keys.py",
        "0003_helpers.py",
        "0004_sealing_key.py",
    ]
