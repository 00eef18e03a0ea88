"""Push the outbox to the county server in gzip batches: mark in-flight, send, apply one answer per record."""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from db.errors import StoreError
from db.models import OutboxEntry
from db.pii import PiiCipher
from sync.protocol import PROTOCOL_VERSION, PushResponse

log = logging.getLogger(__name__)

PENDING, IN_FLIGHT, SENT, REJECTED = "pending", "in_flight", "sent", "rejected"


@dataclass(frozen=True, slots=True)
class PushTarget:
    """Where and how to push: the server, this device, and explicit timeouts."""

    server_url: str
    device_id: str
    batch_size: int = 100
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 15.0


@dataclass(slots=True)
class PushReport:
    """What one push round did."""

    batches: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    error: str | None = None
    rejected_ids: list[str] = field(default_factory=list)

    @property
    def sent(self) -> int:
        """Records the server now holds because of this round (accepted or already there)."""
        return self.accepted + self.duplicate


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def recover_in_flight(sessions: sessionmaker[Session]) -> int:
    """After a crash, records left in flight go back to pending (the server deduplicates the resend)."""
    with sessions.begin() as session:
        result = session.execute(
            update(OutboxEntry).where(OutboxEntry.state == IN_FLIGHT).values(state=PENDING)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def _claim_batch(sessions: sessionmaker[Session], cipher: PiiCipher, size: int) -> list[dict[str, object]]:
    """Mark the next pending records in flight (committed before anything is sent) and build their bodies."""
    with sessions.begin() as session:
        rows = session.scalars(
            select(OutboxEntry).where(OutboxEntry.state == PENDING).order_by(OutboxEntry.seq).limit(size)
        ).all()
        records: list[dict[str, object]] = []
        for row in rows:
            row.attempts += 1
            try:
                plaintext = cipher.decrypt(record_id=row.record_id, field="outbox", blob=row.payload_enc)
            except StoreError as exc:  # local damage: keep the row for the technician, send the rest
                row.state, row.last_error = REJECTED, f"local: {exc.en}"
                log.error("outbox record %s cannot be decrypted; quarantined", row.record_id)
                continue
            row.state = IN_FLIGHT
            records.append({"id": row.record_id, "kind": row.kind, "payload": json.loads(plaintext)})
        return records


def _release(sessions: sessionmaker[Session], ids: list[str], error: str) -> None:
    with sessions.begin() as session:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.record_id.in_(ids), OutboxEntry.state == IN_FLIGHT)
            .values(state=PENDING, last_error=error[:500])
        )


def _send(http: requests.Session, target: PushTarget, records: list[dict[str, object]]) -> PushResponse:
    body = json.dumps(
        {"protocol": PROTOCOL_VERSION, "device_id": target.device_id, "records": records}, ensure_ascii=False
    ).encode("utf-8")
    response = http.post(
        f"{target.server_url.rstrip('/')}/v1/push",
        data=gzip.compress(body),
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
        timeout=(target.connect_timeout_s, target.read_timeout_s),
    )
    if response.status_code != 200:
        raise _ServerAnswerError(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        answer = PushResponse.model_validate_json(response.content)
    except ValidationError as exc:
        raise _ServerAnswerError(f"unreadable answer: {exc.error_count()} problems") from None
    if [result.id for result in answer.results] != [record["id"] for record in records]:
        raise _ServerAnswerError("answer does not match the records sent")
    return answer


class _ServerAnswerError(Exception):
    """The server answered, but not with a usable per-record result."""


def _apply(sessions: sessionmaker[Session], answer: PushResponse, report: PushReport) -> None:
    now = _utc_now()
    with sessions.begin() as session:
        for result in answer.results:
            row = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == result.id)).one()
            if result.status in ("accepted", "duplicate"):
                row.state, row.sent_at, row.last_error = SENT, now, None
                if result.status == "accepted":
                    report.accepted += 1
                else:
                    report.duplicate += 1
            else:
                row.state, row.last_error = REJECTED, (result.reason or "rejected")[:500]
                report.rejected += 1
                report.rejected_ids.append(result.id)


def _has_pending(sessions: sessionmaker[Session]) -> bool:
    with sessions() as session:
        return (
            session.scalars(select(OutboxEntry.seq).where(OutboxEntry.state == PENDING).limit(1)).first()
            is not None
        )


def push_outbox(
    sessions: sessionmaker[Session],
    cipher: PiiCipher,
    target: PushTarget,
    *,
    http: requests.Session | None = None,
) -> PushReport:
    """Send every pending record, batch by batch, until none is left or the server cannot be reached."""
    report = PushReport()
    client = http or requests.Session()
    try:
        while True:
            records = _claim_batch(sessions, cipher, target.batch_size)
            if not records:
                if _has_pending(sessions):
                    continue  # the whole batch was quarantined locally; carry on with the next one
                break
            ids = [str(record["id"]) for record in records]
            try:
                answer = _send(client, target, records)
            except (requests.RequestException, _ServerAnswerError) as exc:
                error = f"{type(exc).__name__}: {exc}"
                _release(sessions, ids, error)
                report.error = error
                log.warning("push stopped after %d batches: %s", report.batches, error)
                break
            _apply(sessions, answer, report)
            report.batches += 1
    finally:
        if http is None:
            client.close()
    log.info(
        "push: %d accepted, %d duplicate, %d rejected in %d batches",
        report.accepted,
        report.duplicate,
        report.rejected,
        report.batches,
    )
    return report
