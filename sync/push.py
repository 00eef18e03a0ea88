"""Push the outbox in signed gzip batches: mark in flight (committed), send, apply one answer per record.

A filing whose attachments are not all on the server yet (and a rating of such a filing) is left pending
and skipped; everything behind it still goes. A record the server rejects, or that cannot be decrypted
here, is quarantined (state `rejected`, reason kept) and never blocks the rest.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import and_, exists, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Exists

from db.errors import StoreError
from db.models import Attachment, FilingAttachment, OutboxEntry, Rating
from db.pii import PiiCipher
from sync.errors import BadAnswerError, SyncError
from sync.protocol import PUSH_PATH, OutboxRecord, PushRequest, PushResponse
from sync.protocol.sealed_box import is_sealed
from sync.transport import Transport

log = logging.getLogger(__name__)

PENDING, IN_FLIGHT, SENT, REJECTED = "pending", "in_flight", "sent", "rejected"
COMPLETE = "complete"


@dataclass(slots=True)
class PushReport:
    """What one push did; `failure` is the error that stopped it (records it did not send stay pending)."""

    batches: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    rejected_ids: list[str] = field(default_factory=list)
    failure: SyncError | None = None

    @property
    def sent(self) -> int:
        """Records the server now holds because of this push (accepted or already there)."""
        return self.accepted + self.duplicate

    @property
    def error(self) -> str | None:
        """The failure in English, for logs and the technician (no personal data)."""
        return None if self.failure is None else str(self.failure)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def acknowledged_stamp(at: datetime) -> str:
    """How `sent_at` records when the county acknowledged a record: UTC, to the second (sorts as text)."""
    return at.astimezone(UTC).isoformat(timespec="seconds")


def recover_in_flight(sessions: sessionmaker[Session]) -> int:
    """After a crash, records left in flight go back to pending (the server deduplicates the resend)."""
    with sessions.begin() as session:
        result = session.execute(
            update(OutboxEntry).where(OutboxEntry.state == IN_FLIGHT).values(state=PENDING)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def _incomplete_attachment(
    filing_id: InstrumentedAttribute[str] | InstrumentedAttribute[str | None],
) -> Exists:
    """SQL: the filing has an attachment the server does not hold completely yet."""
    return exists().where(
        FilingAttachment.filing_id == filing_id,
        Attachment.sha256 == FilingAttachment.sha256,
        Attachment.upload_state != COMPLETE,
    )


def ready_condition() -> ColumnElement[bool]:
    """SQL on OutboxEntry: the record may be pushed now (no file of its filing is still uploading)."""
    rating_waits = exists().where(
        Rating.id == OutboxEntry.record_id, _incomplete_attachment(Rating.filing_id)
    )
    return and_(~_incomplete_attachment(OutboxEntry.record_id), ~rating_waits)


def _record_of(row: OutboxEntry, cipher: PiiCipher) -> OutboxRecord:
    """The record to send: a laptop's sealed snapshot as it was stored (the same bytes at every resend), a
    kiosk's opened with its key. Damage raises StoreError or ValueError."""
    if is_sealed(row.payload_enc):
        sealed = base64.urlsafe_b64encode(row.payload_enc).rstrip(b"=").decode("ascii")
        return OutboxRecord.model_validate(
            {"id": row.record_id, "kind": row.kind, "payload": {}, "sealed": sealed}
        )
    plaintext = cipher.decrypt(record_id=row.record_id, field="outbox", blob=row.payload_enc)
    payload = json.loads(plaintext)
    return OutboxRecord.model_validate({"id": row.record_id, "kind": row.kind, "payload": payload})


def _claim_batch(
    sessions: sessionmaker[Session], cipher: PiiCipher, size: int
) -> tuple[list[OutboxRecord], int]:
    """Mark the next ready records in flight (committed before anything is sent); returns them and how many
    were quarantined locally instead."""
    with sessions.begin() as session:
        rows = session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.state == PENDING, ready_condition())
            .order_by(OutboxEntry.seq)
            .limit(size)
        ).all()
        records: list[OutboxRecord] = []
        quarantined = 0
        for row in rows:
            row.attempts += 1
            try:
                record = _record_of(row, cipher)
            except (StoreError, ValueError) as exc:  # local damage: keep the row for the technician
                reason = exc.en if isinstance(exc, StoreError) else "payload is not a valid record"
                row.state, row.last_error = REJECTED, f"local: {reason}"
                quarantined += 1
                log.error("outbox record %s cannot be read; quarantined", row.record_id)
                continue
            row.state = IN_FLIGHT
            records.append(record)
        return records, quarantined


def _release(sessions: sessionmaker[Session], ids: list[str], error: str) -> None:
    with sessions.begin() as session:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.record_id.in_(ids), OutboxEntry.state == IN_FLIGHT)
            .values(state=PENDING, last_error=error[:500])
        )


def _send(transport: Transport, device_id: str, records: list[OutboxRecord]) -> PushResponse:
    answer = transport.expect(
        "POST", PUSH_PATH, PushResponse, json_body=PushRequest(device_id=device_id, records=records)
    )
    if [result.id for result in answer.results] != [record.id for record in records]:
        raise BadAnswerError("push answer does not list the records sent, in order")
    return answer


def apply_answer(
    sessions: sessionmaker[Session], answer: PushResponse, report: PushReport, *, now: str
) -> None:
    """Record the county's answer: one UPDATE for everything it holds (sent at `now`, an
    `acknowledged_stamp`), one per rejected record."""
    delivered = [result.id for result in answer.results if result.status in ("accepted", "duplicate")]
    rejected = [result for result in answer.results if result.status == "rejected"]
    with sessions.begin() as session:
        if delivered:
            session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.record_id.in_(delivered))
                .values(state=SENT, sent_at=now, last_error=None)
            )
        for result in rejected:
            session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.record_id == result.id)
                .values(state=REJECTED, last_error=(result.reason or "rejected by the county server")[:500])
            )
    report.accepted += sum(result.status == "accepted" for result in answer.results)
    report.duplicate += sum(result.status == "duplicate" for result in answer.results)
    report.rejected += len(rejected)
    report.rejected_ids.extend(result.id for result in rejected)


def push_outbox(
    sessions: sessionmaker[Session],
    cipher: PiiCipher,
    transport: Transport,
    *,
    device_id: str,
    batch_size: int = 100,
    clock: Callable[[], datetime] = _utc_now,
) -> PushReport:
    """Send every ready pending record, batch by batch, until none is left or a request fails.

    A failure is kept in `report.failure` (never raised): the batch in flight goes back to pending.
    `clock` tells when an answer came (`sent_at`, from which local retention counts).
    """
    report = PushReport()
    while True:
        records, quarantined = _claim_batch(sessions, cipher, batch_size)
        if not records:
            if quarantined:
                continue  # the whole batch was damaged locally; carry on with the next one
            break
        ids = [record.id for record in records]
        try:
            answer = _send(transport, device_id, records)
        except SyncError as exc:
            _release(sessions, ids, str(exc))
            report.failure = exc
            log.warning("push stopped after %d batches: %s", report.batches, exc)
            break
        except BaseException:
            _release(sessions, ids, "interrupted")
            raise
        apply_answer(sessions, answer, report, now=acknowledged_stamp(clock()))
        report.batches += 1
    log.info(
        "push: %d accepted, %d duplicate, %d rejected in %d batches",
        report.accepted,
        report.duplicate,
        report.rejected,
        report.batches,
    )
    return report
