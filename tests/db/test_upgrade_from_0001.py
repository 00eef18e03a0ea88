"""A database written by the schema-0001 software (tests/fixtures/kiosk-0001.db) upgrades and keeps its data."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, select

from db.engine import create_store_engine, make_session_factory
from db.migrate import MIGRATIONS_DIR, current_revision, head_revision, upgrade_to_head
from db.models import Attachment, Device, Filing, FilingAttachment, OutboxEntry, Rating
from db.pii import PiiCipher

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXPECTED = json.loads((FIXTURES / "kiosk-0001.expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def old_store(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A private copy of the 0001 database and its key file, as a kiosk's data directory holds them."""
    database = tmp_path / "kiosk.db"
    key = tmp_path / "keys" / "pii.key"
    shutil.copyfile(FIXTURES / "kiosk-0001.db", database)
    key.parent.mkdir(mode=0o700)
    shutil.copyfile(FIXTURES / "kiosk-0001.pii.key", key)
    key.chmod(0o600)
    yield database, key


def _engine(path: Path) -> Engine:
    return create_store_engine(path)


def test_the_fixture_really_is_schema_0001(old_store: tuple[Path, Path]) -> None:
    with sqlite3.connect(old_store[0]) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        columns = {row[1] for row in raw.execute("PRAGMA table_info(attachment)")}
    assert "filing_id" in columns
    raw.close()


def test_upgrading_the_0001_file_keeps_every_filing_readable(old_store: tuple[Path, Path]) -> None:
    database, key = old_store
    engine = _engine(database)
    try:
        assert upgrade_to_head(engine) == head_revision()
        cipher = PiiCipher.load_or_create(key)
        sessions = make_session_factory(engine)
        with sessions() as session:
            device = session.get(Device, 1)
            assert device is not None
            assert device.device_id == EXPECTED["device_id"]
            assert (device.enrolled_at, device.clock_skew_s, device.sync_halt) == (None, 0.0, None)
            for expected in EXPECTED["filings"]:
                filing = session.scalars(
                    select(Filing).where(Filing.voucher_code == expected["voucher_code"])
                ).one()
                assert filing.id == expected["filing_id"]
                assert filing.service_version == expected["service_version"]
                assert filing.server_status_note is None
                name = cipher.decrypt(record_id=filing.id, field="name", blob=filing.applicant_name_enc)
                id_number = cipher.decrypt(
                    record_id=filing.id, field="id_number", blob=filing.applicant_id_number_enc
                )
                assert (name, id_number) == (expected["applicant_name"], expected["applicant_id_number"])
                outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == filing.id)).one()
                payload = json.loads(
                    cipher.decrypt(record_id=filing.id, field="outbox", blob=outbox.payload_enc)
                )
                assert (outbox.state, payload["voucher_code"]) == ("pending", expected["voucher_code"])
            rating = session.get(Rating, EXPECTED["rating_id"])
            assert rating is not None
            comment = cipher.decrypt(record_id=rating.id, field="comment", blob=rating.comment_enc)
            assert comment == EXPECTED["rating_comment"]
    finally:
        engine.dispose()


def test_attachments_of_0001_become_content_addressed_rows_linked_to_their_filing(
    old_store: tuple[Path, Path],
) -> None:
    database, _ = old_store
    filing_id = EXPECTED["filings"][0]["filing_id"]
    with sqlite3.connect(database) as raw:
        raw.execute(
            "INSERT INTO attachment (sha256, filing_id, media_type, size_bytes, relative_path, upload_state) "
            "VALUES (?, ?, 'image/jpeg', 1234, 'attachments/ab/abc.jpg', 'pending')",
            ("ab" * 32, filing_id),
        )
    raw.close()
    engine = _engine(database)
    try:
        upgrade_to_head(engine)
        with make_session_factory(engine)() as session:
            attachment = session.get(Attachment, "ab" * 32)
            assert attachment is not None
            assert (attachment.size, attachment.upload_state, attachment.uploaded_bytes) == (
                1234,
                "pending",
                0,
            )
            links = session.scalars(select(FilingAttachment)).all()
            assert [(link.filing_id, link.sha256) for link in links] == [(filing_id, "ab" * 32)]
    finally:
        engine.dispose()


def test_downgrading_to_0001_and_back_keeps_the_data(old_store: tuple[Path, Path]) -> None:
    database, _ = old_store
    engine = _engine(database)
    try:
        upgrade_to_head(engine)
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0001")
        assert current_revision(engine) == "0001"
        assert "sync_state" not in inspect(engine).get_table_names()
        upgrade_to_head(engine)
        with make_session_factory(engine)() as session:
            assert len(session.scalars(select(Filing.id)).all()) == len(EXPECTED["filings"])
    finally:
        engine.dispose()
