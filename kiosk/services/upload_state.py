"""Use case: what waits to reach the county and when this terminal last reached it (the helper's workspace)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.domain.catalog import Text
from kiosk.services.runtime import KioskRuntime
from sync.backoff import CHANNELS, read_channel
from sync.heartbeat import queue_depth


@dataclass(frozen=True, slots=True)
class UploadState:
    """Records not yet on the county server, and the last successful contact (None: never)."""

    waiting: int
    last_contact: datetime | None

    def summary(self) -> Text:
        """One line for the screen: 待上报 N 件 · 最近与县里联系 …"""
        waiting = Text(f"待上报 {self.waiting} 件", f"{self.waiting} waiting to upload")
        if self.last_contact is None:
            contact = Text("尚未与县里联系过", "never in contact with the county yet")
        else:
            local = self.last_contact.astimezone()
            contact = Text(
                f"最近与县里联系：{local.month}月{local.day}日 {local:%H:%M}",
                f"last contact with the county: {local:%d %b %H:%M}",
            )
        return Text(f"{waiting.zh} · {contact.zh}", f"{waiting.en} · {contact.en}")


def upload_state(kiosk: KioskRuntime) -> UploadState:
    """Count the unsent outbox entries and find the latest success of any sync channel."""
    waiting, _oldest = queue_depth(kiosk.sessions)
    successes = []
    for channel in CHANNELS:
        stamp = read_channel(kiosk.sessions, channel).last_success_at
        if stamp:
            try:
                successes.append(datetime.fromisoformat(stamp))
            except ValueError:
                continue
    aware = [moment for moment in successes if moment.tzinfo is not None]
    return UploadState(waiting=waiting, last_contact=max(aware) if aware else None)
