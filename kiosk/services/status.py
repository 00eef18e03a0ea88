"""Use case: how many records this kiosk holds and how many still wait for the county server."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from db.models import Filing, OutboxEntry
from kiosk.services.runtime import KioskRuntime


@dataclass(frozen=True, slots=True)
class QueueStatus:
    """Counts for staff and the heartbeat."""

    filings: int
    pending: int
    sent: int
    rejected: int
    oldest_pending_at: str | None


def queue_status(kiosk: KioskRuntime) -> QueueStatus:
    """Count filings and outbox rows by state."""
    with kiosk.sessions() as session:
        filings = session.scalar(select(func.count()).select_from(Filing)) or 0
        by_state = dict(
            session.execute(select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state))
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
    )
