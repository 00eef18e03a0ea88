"""Exactly-once storage of pushed records (accepted / duplicate / rejected)."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Engine, Table, TextClause, bindparam, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from county.assisted import with_assisted_checks
from county.clock import Clock, utc_now
from county.models import CountyRecord, UtcDateTime
from county.sealing import opened_record, sealing_private_key
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
MAX_BATCH_CACHE = 128  # compiled INSERTs kept, one per batch size
# Core access to the records table: this is the server's hottest path, and Core skips the ORM's bookkeeping.
_RECORDS = cast(Table, CountyRecord.__table__)


def _stored_hashes(session: Session, ids: Collection[str]) -> dict[str, str]:
    """Return ``{id: content_hash}`` for the ids in ``ids`` that are already stored."""
    if not ids:
        return {}
    rows = session.connection().execute(
        select(_RECORDS.c.id, _RECORDS.c.content_hash).where(_RECORDS.c.id.in_(ids))
    )
    return {row.id: row.content_hash for row in rows}


@functools.lru_cache(maxsize=MAX_BATCH_CACHE)
def _insert_new(count: int) -> TextClause:
    """``count`` rows in one INSERT that skips ids already stored and returns the ids it stored.

    Plain SQL that SQLite (3.35+) and PostgreSQL both run, cached per row count: one round trip stores a
    whole batch, where a SELECT of known ids followed by an INSERT took two and more.
    """
    rows = ", ".join(
        f"(:id_{n}, :kind_{n}, :device_id, :hash_{n}, :payload_{n}, :received_at)" for n in range(count)
    )
    return text(
        f"INSERT INTO {_RECORDS.name} (id, kind, device_id, content_hash, payload, received_at) "
        f"VALUES {rows} ON CONFLICT (id) DO NOTHING RETURNING id"
    ).bindparams(bindparam("received_at", type_=UtcDateTime()))


def _store_new(session: Session, rows: list[_NewRow], *, device_id: str, received_at: datetime) -> set[str]:
    """Insert ``rows`` (sorted by id: concurrent batches then never deadlock); the ids actually stored."""
    if not rows:
        return set()
    rows.sort(key=lambda row: row.id)
    parameters: dict[str, object] = {"device_id": device_id, "received_at": received_at}
    for n, row in enumerate(rows):
        parameters |= {f"id_{n}": row.id, f"kind_{n}": row.kind, f"hash_{n}": row.digest}
        parameters[f"payload_{n}"] = row.payload
    stored = session.connection().execute(_insert_new(len(rows)), parameters)
    return {str(stored_id) for (stored_id,) in stored}


@dataclass(frozen=True, slots=True)
class _NewRow:
    """A record that passed every check and is stored unless its id already is."""

    id: str
    kind: str
    digest: str
    payload: str


class StoreRaceLost(Exception):  # noqa: N818 - a signal to retry, never shown
    """A valid record was neither stored nor found stored: decide the batch again."""


def _ingest_once(session: Session, request: PushRequest, received_at: datetime) -> list[RecordResult]:
    """Decide every record of ``request`` and store the new valid ones in ``session``.

    Most pushes carry only new records: they are inserted straight away, and only the ids the insert
    skipped (stored before, by this push's retry or by a concurrent one) or that failed a check are looked
    up, to tell a duplicate from a conflicting reuse of an id. Assisted filings are also checked against the
    county's helpers and consent methods (county.assisted), read in this same transaction.
    """
    records, unopened = _opened(session, request.records)
    # A sealed record is hashed (and stored) as opened: a re-seal of the same content is a duplicate.
    digests = [content_hash(kind=record.kind, payload=record.payload) for record in records]
    checks = [unopened.get(n) or _check(record, request.device_id) for n, record in enumerate(records)]
    checks = with_assisted_checks(session, records, checks, device_id=request.device_id)
    first_valid: dict[str, int] = {}  # id -> position of its first record that passed every check
    for position, (record, reason) in enumerate(zip(records, checks, strict=True)):
        if reason is None:
            first_valid.setdefault(record.id, position)
    new_rows = [
        _NewRow(records[i].id, records[i].kind, digests[i], canonical_json(records[i].payload))
        for i in first_valid.values()
    ]
    stored = _store_new(session, new_rows, device_id=request.device_id, received_at=received_at)
    # Ids bound to content so far: stored before this push, or accepted earlier in this batch.
    known = _stored_hashes(session, {record.id for record in records if record.id not in stored})
    results = []
    for position, (record, digest, reason) in enumerate(zip(records, digests, checks, strict=True)):
        if record.id in stored and first_valid.get(record.id) == position:
            results.append(RecordResult(id=record.id, status="accepted"))
            known[record.id] = digest
        elif record.id in known:
            results.append(_answer_for_known(record.id, digest, known[record.id]))
        elif reason is not None:
            results.append(RecordResult(id=record.id, status="rejected", reason=reason))
        else:
            raise StoreRaceLost(record.id)
    return results


def _opened(session: Session, records: list[OutboxRecord]) -> tuple[list[OutboxRecord], dict[int, str]]:
    """The records with sealed payloads opened, and why (by position) a sealed one did not open."""
    if all(record.sealed is None for record in records):
        return records, {}
    key = sealing_private_key(session)
    opened: list[OutboxRecord] = []
    unopened: dict[int, str] = {}
    for position, record in enumerate(records):
        result = opened_record(record, key)
        if isinstance(result, str):
            unopened[position] = result
            result = record  # rejected below, never stored
        opened.append(result)
    return opened, unopened


def _check(record: OutboxRecord, device_id: str) -> str | None:
    """Why a record cannot be accepted whatever is stored (None: it can)."""
    reason = payload_rejection(record)
    # Payloads that name a device (filings, help requests) must name the one that pushes them.
    if reason is None and record.payload.get("device_id", device_id) != device_id:
        reason = "payload device_id is not the pushing device"
    return reason


def _answer_for_known(record_id: str, digest: str, known_hash: str) -> RecordResult:
    """A record whose id is stored already: the same content is a duplicate, other content is refused."""
    if known_hash == digest:
        return RecordResult(id=record_id, status="duplicate")
    return RecordResult(
        id=record_id, status="rejected", reason="record id already stored with different content"
    )


def ingest(
    sessions: sessionmaker[Session], request: PushRequest, *, clock: Clock = utc_now
) -> list[RecordResult]:
    """Store ``request``'s new valid records in one transaction and return one result per record.

    A concurrent push storing the same id makes this insert skip it (after waiting for that push's
    commit), and the lookup that follows finds it; a deadlock or serialisation failure re-decides the
    whole batch against the committed state.
    """
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            with sessions.begin() as session:
                results = _ingest_once(session, request, clock())
        except (IntegrityError, OperationalError, StoreRaceLost) as error:
            if attempt == MAX_ATTEMPTS or not (isinstance(error, StoreRaceLost) or is_retryable(error)):
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
