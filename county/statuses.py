"""Filing statuses set by the county; each one becomes a change for the device that filed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.changes import append_change
from county.models import CountyRecord, FilingStatus
from sync.protocol import FilingStatusChange


class UnknownFilingError(LookupError):
    """No filing with that id was pushed to this server."""


def set_status(session: Session, *, filing_id: str, status: str, note: str, now: datetime) -> int:
    """Record the filing's new status and add a filing_status change for its device; return the seq.

    Raises UnknownFilingError, or pydantic's ValidationError for a status or note out of bounds.
    """
    device_id = session.scalar(
        select(CountyRecord.device_id).where(CountyRecord.id == filing_id, CountyRecord.kind == "filing")
    )
    if device_id is None:
        raise UnknownFilingError(filing_id)
    change = FilingStatusChange(
        filing_id=filing_id, status=status, note=note, changed_at=now.isoformat(timespec="seconds")
    )
    row = session.get(FilingStatus, filing_id)
    if row is None:
        session.add(
            FilingStatus(filing_id=filing_id, device_id=device_id, status=status, note=note, changed_at=now)
        )
    else:
        row.status, row.note, row.changed_at = status, note, now
    return append_change(
        session, type_="filing_status", data=change.model_dump(mode="json"), now=now, device_id=device_id
    )
