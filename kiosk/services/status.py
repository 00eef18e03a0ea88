"""Use case: how many records this kiosk holds and how many still wait for the county server."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Attachment, Filing, FilingAttachment, OutboxEntry
from kiosk.services.runtime import KioskRuntime


@dataclass(frozen=True, slots=True)
class QueueStatus:
    """Counts for staff and the heartbeat."""

    filings: int
    pending: int
    sent: int
    rejected: int
    oldest_pending_at: str | None
    pending_by_kind: dict[str, int] = field(default_factory=dict)
    """Waiting records by kind (filing, help_request, rating)."""


def queue_status(kiosk: KioskRuntime) -> QueueStatus:
    """Count filings and outbox rows by state."""
    with kiosk.sessions() as session:
        filings = session.scalar(select(func.count()).select_from(Filing)) or 0
        by_state = dict(
            session.execute(select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state))
            .tuples()
            .all()
        )
        by_kind = dict(
            session.execute(
                select(OutboxEntry.kind, func.count())
                .where(OutboxEntry.state.in_(("pending", "in_flight")))
                .group_by(OutboxEntry.kind)
            )
            .tuples()
            .all()
        )
        oldest = session.scalar(
            select(func.min(OutboxEntry.created_at)).where(OutboxEntry.state.in_(("pending", "in_flight")))
        )
    return QueueStatus(
        filings=filings,
        pending=by_state.get("pending", 0) + by_state.get("in_flight", 0),
        sent=by_state.get("sent", 0),
        rejected=by_state.get("rejected", 0),
        oldest_pending_at=oldest,
        pending_by_kind=by_kind,
    )


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """One record not (yet) on the county server, as a technician may see it: no personal data."""

    record_id: str
    kind: str
    state: str
    attempts: int
    created_at: str
    reason: str | None


def _waiting_for_files(session: Session) -> dict[str, tuple[int, int]]:
    """filing id -> (bytes uploaded, bytes in total) for pending filings whose files are not all uploaded."""
    rows = session.execute(
        select(
            FilingAttachment.filing_id, Attachment.uploaded_bytes, Attachment.size, Attachment.upload_state
        )
        .join(Attachment, Attachment.sha256 == FilingAttachment.sha256)
        .join(OutboxEntry, OutboxEntry.record_id == FilingAttachment.filing_id)
        .where(OutboxEntry.state == "pending")
    ).all()
    totals: dict[str, tuple[int, int]] = {}
    incomplete: set[str] = set()
    for filing_id, uploaded, size, state in rows:
        done, total = totals.get(filing_id, (0, 0))
        totals[filing_id] = (done + (size if state == "complete" else uploaded), total + size)
        if state != "complete":
            incomplete.add(filing_id)
    return {filing_id: totals[filing_id] for filing_id in incomplete}


def queue_entries(kiosk: KioskRuntime) -> list[QueueEntry]:
    """Pending, in-flight and quarantined (rejected) records, oldest first, with the reason for each."""
    with kiosk.sessions() as session:
        waiting = _waiting_for_files(session)
        rows = session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.state.in_(("pending", "in_flight", "rejected")))
            .order_by(OutboxEntry.seq)
        ).all()
        entries = []
        for row in rows:
            reason = row.last_error
            if row.record_id in waiting:
                done, total = waiting[row.record_id]
                reason = f"waiting for attachments ({done} of {total} bytes uploaded)"
            entries.append(
                QueueEntry(row.record_id, row.kind, row.state, row.attempts, row.created_at, reason)
            )
    return entries
