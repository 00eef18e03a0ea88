"""Exactly-once storage of pushed records (accepted / duplicate / rejected)."""

from __future__ import annotations

import logging
import time
from collections.abc import Collection
from datetime import datetime
from typing import cast

from sqlalchemy import Engine, Table, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from county.clock import Clock, utc_now
from county.models import CountyRecord
from county.transactions import is_retryable
from sync.protocol import (
    OutboxRecord,
    PushRequest,
    RecordResult,
    canonical_json,
    content_hash,
    payload_rejection,
)

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Core access to the records table: this is the server's hottest path, and Core skips the ORM's bookkeeping.
_RECORDS = cast(Table, CountyRecord.__table__)


def _stored_hashes(session: Session, ids: Collection[str]) -> dict[str, str]:
    """Return ``{id: content_hash}`` for the ids in ``ids`` that are already stored."""
    rows = session.connection().execute(
        select(_RECORDS.c.id, _RECORDS.c.content_hash).where(_RECORDS.c.id.in_(ids))
    )
    return {row.id: row.content_hash for row in rows}


def _decide(
    record: OutboxRecord, digest: str, known_hash: str | None, *, device_id: str
) -> tuple[RecordResult, bool]:
    """Return the result for one record and whether it must be stored."""
    if known_hash is not None:
        if known_hash == digest:
            return RecordResult(id=record.id, status="duplicate"), False
        return (
            RecordResult(
                id=record.id,
                status="rejected",
                reason="record id already stored with different content",
            ),
            False,
        )
    reason = payload_rejection(record)
    # Payloads that name a device (filings, help requests) must name the one that pushes them.
    if reason is None and record.payload.get("device_id", device_id) != device_id:
        reason = "payload device_id is not the pushing device"
    if reason is not None:
        return RecordResult(id=record.id, status="rejected", reason=reason), False
    return RecordResult(id=record.id, status="accepted"), True


def _ingest_once(session: Session, request: PushRequest, received_at: datetime) -> list[RecordResult]:
    """Decide every record of ``request`` and stage the accepted ones in ``session``."""
    # Ids bound to content so far: stored before, or accepted earlier in this batch.
    known = _stored_hashes(session, {record.id for record in request.records})
    results: list[RecordResult] = []
    new_rows: list[dict[str, object]] = []
    for record in request.records:
        digest = content_hash(kind=record.kind, payload=record.payload)
        result, store = _decide(record, digest, known.get(record.id), device_id=request.device_id)
        results.append(result)
        if store:
            known[record.id] = digest
            new_rows.append(
                {
                    "id": record.id,
                    "kind": record.kind,
                    "device_id": request.device_id,
                    "content_hash": digest,
                    "payload": canonical_json(record.payload),
                    "received_at": received_at,
                }
            )
    if new_rows:
        # A stable insert order keeps concurrent PostgreSQL batches from deadlocking.
        new_rows.sort(key=lambda row: str(row["id"]))
        session.connection().execute(insert(_RECORDS), new_rows)
    return results


def ingest(
    sessions: sessionmaker[Session], request: PushRequest, *, clock: Clock = utc_now
) -> list[RecordResult]:
    """Store ``request``'s new valid records in one transaction and return one result per record.

    A concurrent push that stores the same id first makes the commit fail with an
    IntegrityError; the whole batch is then re-decided against the committed state.
    """
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with sessions.begin() as session:
                results = _ingest_once(session, request, clock())
        except (IntegrityError, OperationalError) as error:
            if attempt == MAX_ATTEMPTS or not is_retryable(error):
                raise
            logger.info("push from device %s conflicted; retrying (attempt %d)", request.device_id, attempt)
            time.sleep(0.01 * attempt)
            continue
        _log_summary(request.device_id, results)
        return results
    raise AssertionError("unreachable")  # pragma: no cover


def _log_summary(device_id: str, results: list[RecordResult]) -> None:
    """Log counts only: payload contents are personal data and never logged."""
    counts = {"accepted": 0, "duplicate": 0, "rejected": 0}
    for result in results:
        counts[result.status] += 1
    logger.info(
        "push from device %s: %d accepted, %d duplicate, %d rejected",
        device_id,
        counts["accepted"],
        counts["duplicate"],
        counts["rejected"],
    )


def engine_sessions(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory used for ingestion."""
    return sessionmaker(engine, expire_on_commit=False)
