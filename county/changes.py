"""The change log kiosks pull: append (server side) and read one device's page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from county.models import ChangeLogEntry
from sync.protocol import Change, ChangesResponse, ChangeType


def append_change(
    session: Session, *, type_: ChangeType, data: dict[str, Any], now: datetime, device_id: str | None = None
) -> int:
    """Add a change for every device (``device_id`` None) or for one device; return its seq.

    On PostgreSQL, writers take an exclusive lock on the table first, so seqs commit in seq
    order and a reader's cursor never skips a change that commits later with a lower seq.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE change_log IN EXCLUSIVE MODE"))
    entry = ChangeLogEntry(device_id=device_id, type=type_, data=data, created_at=now)
    session.add(entry)
    session.flush()
    return entry.seq


def changes_page(session: Session, *, device_id: str, after: int, limit: int) -> ChangesResponse:
    """Changes for everyone and for ``device_id`` after seq ``after``, at most ``limit`` of them."""
    rows = session.scalars(
        select(ChangeLogEntry)
        .where(
            ChangeLogEntry.seq > after,
            or_(ChangeLogEntry.device_id.is_(None), ChangeLogEntry.device_id == device_id),
        )
        .order_by(ChangeLogEntry.seq)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    return ChangesResponse(
        changes=[Change.model_validate({"seq": row.seq, "type": row.type, "data": row.data}) for row in page],
        next_cursor=page[-1].seq if page else after,
        more=len(rows) > limit,
    )
