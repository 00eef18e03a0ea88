"""The heartbeat: the queue, the disk, the clock and the printer as the county's fleet view shows them."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import OutboxEntry
from sync.protocol import HEARTBEAT_PATH, Heartbeat, HeartbeatResponse
from sync.transport import Transport

UNSENT_STATES = ("pending", "in_flight")


def queue_depth(sessions: sessionmaker[Session]) -> tuple[int, str | None]:
    """Records not yet on the server (pending or in flight) and the creation time of the oldest one."""
    with sessions() as session:
        depth = session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state.in_(UNSENT_STATES))
        )
        oldest = session.scalar(
            select(func.min(OutboxEntry.created_at)).where(OutboxEntry.state.in_(UNSENT_STATES))
        )
    return int(depth or 0), oldest


def _age_s(created_at: str | None, now: datetime) -> int | None:
    if created_at is None:
        return None
    try:
        created = datetime.fromisoformat(created_at)
    except ValueError:
        return None
    if created.tzinfo is None:
        return None
    return max(0, int((now - created).total_seconds()))


def build_heartbeat(
    sessions: sessionmaker[Session],
    *,
    device_id: str,
    app_version: str,
    data_dir: Path,
    clock_skew_s: float,
    now: datetime,
    printer_state: str | None = None,
) -> Heartbeat:
    """The heartbeat of this kiosk now (`now` is the kiosk's own aware wall time)."""
    depth, oldest = queue_depth(sessions)
    try:
        free = shutil.disk_usage(data_dir).free
    except OSError:
        free = 0
    return Heartbeat(
        device_id=device_id,
        sent_at=now.isoformat(timespec="seconds"),
        app_version=app_version[:32],
        queue_depth=depth,
        oldest_unsent_age_s=_age_s(oldest, now),
        free_disk_bytes=free,
        clock_skew_s=clock_skew_s,
        printer_state=printer_state,
    )


def send_heartbeat(transport: Transport, heartbeat: Heartbeat) -> HeartbeatResponse:
    """POST the heartbeat; errors are raised as the transport classifies them."""
    return transport.expect("POST", HEARTBEAT_PATH, HeartbeatResponse, json_body=heartbeat)
