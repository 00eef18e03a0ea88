"""Use case: the quiet line the citizen sees while the kiosk works offline or records wait to upload."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.catalog import Text
from kiosk.services.runtime import KioskRuntime
from kiosk.services.status import queue_status


@dataclass(frozen=True, slots=True)
class ServiceNotice:
    """Whether the county server is out of reach and how many records wait to be sent."""

    offline: bool
    waiting: int

    @property
    def line(self) -> Text | None:
        """A calm one-line notice, or None when the kiosk is online and nothing waits."""
        if self.offline and self.waiting:
            return Text(
                zh=f"离线办理中 · {self.waiting} 件待上传", en=f"Working offline · {self.waiting} to upload"
            )
        if self.offline:
            return Text(zh="离线办理中", en="Working offline")
        if self.waiting:
            return Text(zh=f"{self.waiting} 件待上传", en=f"{self.waiting} waiting to upload")
        return None


def service_notice(kiosk: KioskRuntime) -> ServiceNotice:
    """Offline when not enrolled, halted, or the last push failed; waiting counts unsent records.

    The sync client (requests, the protocol models) is imported here, not at start: home shows first.
    """
    from kiosk.services.sync_round import read_link
    from kiosk.services.sync_status import sync_overview
    from sync.backoff import PUSH

    waiting = queue_status(kiosk).pending
    if read_link(kiosk) is None:
        return ServiceNotice(offline=True, waiting=waiting)
    overview = sync_overview(kiosk)
    push = next(channel for channel in overview.channels if channel.channel == PUSH)
    return ServiceNotice(offline=overview.halt is not None or push.consecutive_failures > 0, waiting=waiting)
