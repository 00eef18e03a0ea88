"""A database at schema 0004 (before window ratings, help requests and the PIN) upgrades and keeps its ratings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import IntegrityError

from db.engine import create_store_engine, make_session_factory
from db.migrate import MIGRATIONS_DIR, current_revision, head_revision, upgrade_to_head
from db.models import HelpRequest, OutboxEntry, Rating, TechnicianPin
from db.pii import PiiCipher
from tests.db.test_upgrade_from_0001 import EXPECTED, old_store  # noqa: F401 - a fixture

WINDOW_RATING_ID = "01937a2b-0000-7000-8000-000000000001"
NOW = "2026-11-25T10:00:00+08:00"


def _migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


@pytest.fixture
def store_0004(old_store: tuple[Path, Path]) -> Iterator[tuple[Engine, PiiCipher]]:  # noqa: F811
    """The 0001 fixture (two filings, one rated) brought to 0004, as a kiosk of that release holds it."""
    database, key = old_store
    engine = create_store_engine(database)
    try:
        _migrate(engine, "0004")
        assert current_revision(engine) == "0004"
        yield engine, PiiCipher.load_or_create(key)
    finally:
        engine.dispose()


def _the_filing_rating_is_intact(engine: Engine, cipher: PiiCipher) -> None:
    with make_session_factory(engine)() as session:
        ratings = session.scalars(select(Rating)).all()
        assert [r.id for r in ratings] == [EXPECTED["rating_id"]]
        rating = ratings[0]
        assert (rating.subject, rating.service_code) == ("filing", None)
        assert rating.filing_id in {filing["filing_id"] for filing in EXPECTED["filings"]}
        comment = cipher.decrypt(record_id=rating.id, field="comment", blob=rating.comment_enc)
        assert comment == EXPECTED["rating_comment"]
        outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == rating.id)).one()
        assert outbox.kind == "rating" and outbox.state == "pending"


def test_upgrading_0004_keeps_the_filing_rating_and_its_one_per_filing_rule(
    store_0004: tuple[Engine, PiiCipher],
) -> None:
    engine, cipher = store_0004
    assert upgrade_to_head(engine) == head_revision()
    _the_filing_rating_is_intact(engine, cipher)

    sessions = make_session_factory(engine)
    with sessions() as session:
        rated = session.get(Rating, EXPECTED["rating_id"])
        assert rated is not None
        rated_filing = rated.filing_id
    common = {"level": 4, "reasons_json": "[]", "comment_enc": b"", "created_at": NOW}
    with pytest.raises(IntegrityError), sessions.begin() as session:
        session.add(Rating(id="01937a2b-0000-7000-8000-000000000009", filing_id=rated_filing, **common))
    with sessions.begin() as session:
        session.add(Rating(id=WINDOW_RATING_ID, subject="window", service_code="SS-001", **common))
    with sessions() as session:
        assert len(session.scalars(select(Rating.id)).all()) == 2


def test_a_downgrade_to_0004_and_back_keeps_the_filing_rating_and_the_outbox(
    store_0004: tuple[Engine, PiiCipher],
) -> None:
    engine, cipher = store_0004
    upgrade_to_head(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        session.add(
            Rating(
                id=WINDOW_RATING_ID,
                subject="window",
                service_code="SS-001",
                level=5,
                reasons_json="[]",
                comment_enc=b"",
                created_at=NOW,
            )
        )
        session.add(
            OutboxEntry(
                record_id=WINDOW_RATING_ID,
                kind="rating",
                payload_enc=b"sealed",
                state="pending",
                created_at=NOW,
            )
        )
        session.add(
            HelpRequest(
                id="01937a2b-0000-7000-8000-000000000002",
                device_id=EXPECTED["device_id"],
                screen="home",
                reason=None,
                channel="self",
                created_at=NOW,
            )
        )
        session.add(
            TechnicianPin(
                slot=1,
                scrypt_n=2,
                scrypt_r=1,
                scrypt_p=1,
                salt=b"s",
                pin_hash=b"h",
                set_at=NOW,
                failed_attempts=0,
            )
        )

    _migrate(engine, "0004", down=True)
    assert current_revision(engine) == "0004"
    schema = inspect(engine)
    assert {"help_request", "technician_pin"}.isdisjoint(schema.get_table_names())
    assert not {c["name"]: c for c in schema.get_columns("rating")}["filing_id"]["nullable"]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT id FROM rating").scalars().all() == [EXPECTED["rating_id"]]
        kinds = conn.exec_driver_sql("SELECT kind FROM outbox WHERE record_id = ?", (WINDOW_RATING_ID,))
        assert kinds.scalars().all() == ["rating"], "the window rating's payload is still sent"

    upgrade_to_head(engine)
    _the_filing_rating_is_intact(engine, cipher)
