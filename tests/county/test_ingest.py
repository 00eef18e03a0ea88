"""In-process tests of ``county.ingest``: the retry when a race was lost, and batch atomicity."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import county.ingest
from county.db import create_county_engine
from county.ingest import engine_sessions, ingest
from county.migrate import upgrade_to_head
from county.models import CountyRecord
from sync.protocol import PushRequest
from tests.county.factories import filing, push_body, rating
from tests.support.postgres import PostgresServer


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh database with the county schema (both backends)."""
    engine = create_county_engine(database_url)
    try:
        upgrade_to_head(engine)
        yield engine
    finally:
        engine.dispose()


def count_rows(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(CountyRecord)) or 0


def test_lost_race_is_retried_and_reported_as_duplicate(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = engine_sessions(engine)
    first, second = filing(), filing()
    request = PushRequest.model_validate(push_body([first, second]))
    assert [r.status for r in ingest(sessions, PushRequest.model_validate(push_body([first])))] == [
        "accepted"
    ]

    real = county.ingest._stored_hashes
    calls = 0

    def stale_then_real(session: Session, ids: Collection[str]) -> dict[str, str]:
        # The first attempt "misses" the row a concurrent push just committed.
        nonlocal calls
        calls += 1
        return {} if calls == 1 else real(session, ids)

    monkeypatch.setattr(county.ingest, "_stored_hashes", stale_then_real)
    results = ingest(sessions, request)
    assert calls == 2
    assert [r.status for r in results] == ["duplicate", "accepted"]
    assert count_rows(engine) == 2


def test_persistent_conflict_gives_up_without_partial_writes(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = engine_sessions(engine)
    existing = filing()
    ingest(sessions, PushRequest.model_validate(push_body([existing])))
    monkeypatch.setattr(county.ingest, "_stored_hashes", lambda session, ids: {})
    monkeypatch.setattr(county.ingest.time, "sleep", lambda seconds: None)
    with pytest.raises(county.ingest.StoreRaceLost) as caught:
        ingest(sessions, PushRequest.model_validate(push_body([filing(), existing])))
    assert "张三" not in str(caught.value), "personal data must stay out of errors"
    assert count_rows(engine) == 1


def test_filings_of_another_device_are_rejected(engine: Engine) -> None:
    sessions = engine_sessions(engine)
    own, foreign, vote = filing(), filing(device_id="kiosk-other"), rating()
    results = ingest(sessions, PushRequest.model_validate(push_body([own, foreign, vote])))
    assert [r.status for r in results] == ["accepted", "rejected", "accepted"]
    assert results[1].reason == "payload device_id is not the pushing device"
    # A stored id resent with another device's payload is "different content", never a duplicate.
    assert ingest(sessions, PushRequest.model_validate(push_body([foreign])))[0].status == "rejected"
    assert count_rows(engine) == 2


def test_sqlite_file_uses_wal_and_full_sync(tmp_path: Path) -> None:
    engine = create_county_engine(f"sqlite:///{tmp_path}/nested/dir/c.db")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        engine.dispose()


def test_postgres_helper_gives_fresh_databases(postgres_server: PostgresServer) -> None:
    first = postgres_server.create_database(prefix="fresh")
    second = postgres_server.create_database(prefix="fresh")
    assert first != second
    assert first.startswith("postgresql+psycopg://postgres@127.0.0.1:")
