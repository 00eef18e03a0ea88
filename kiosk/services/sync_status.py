"""Use case: what a technician needs to know about sync — enrolment, halt, each channel's health, cursor."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.services.runtime import KioskRuntime
from kiosk.services.sync_round import halt_message, read_link
from sync.backoff import CHANNELS, ChannelState, read_channel
from sync.pull import read_cursor


@dataclass(frozen=True, slots=True)
class SyncOverview:
    """Sync at a glance (no personal data)."""

    enrolled: bool
    server_url: str | None
    site: str | None
    clock_skew_s: float
    halt: tuple[str, str] | None
    channels: tuple[ChannelState, ...]
    cursor: int
    catalog_version: str


def sync_overview(kiosk: KioskRuntime) -> SyncOverview:
    """Read the device row, every channel's backoff state and the pull cursor."""
    link = read_link(kiosk)
    return SyncOverview(
        enrolled=link is not None,
        server_url=link.server_url if link else None,
        site=link.site if link else None,
        clock_skew_s=link.clock_skew_s if link else 0.0,
        halt=halt_message(link.halt) if link and link.halt else None,
        channels=tuple(read_channel(kiosk.sessions, channel) for channel in CHANNELS),
        cursor=read_cursor(kiosk.sessions),
        catalog_version=kiosk.catalog.version,
    )
