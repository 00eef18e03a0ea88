"""Use case: push everything queued to the county server now."""

from __future__ import annotations

from kiosk.domain.errors import KioskError
from kiosk.services.runtime import KioskRuntime
from sync.push import PushReport, PushTarget, push_outbox, recover_in_flight


def push_target(kiosk: KioskRuntime) -> PushTarget:
    """The configured county server for this kiosk; raises when none is configured."""
    settings = kiosk.settings
    if not settings.server_url:
        raise KioskError(
            "尚未配置县级服务器地址（server_url），办件已安全保存在本机",
            "No county server is configured (server_url); filings stay safely on this kiosk",
        )
    return PushTarget(
        server_url=settings.server_url,
        device_id=kiosk.device_id,
        batch_size=settings.sync_batch_size,
        connect_timeout_s=settings.sync_connect_timeout_s,
        read_timeout_s=settings.sync_read_timeout_s,
    )


def sync_now(kiosk: KioskRuntime) -> PushReport:
    """Recover records a crash left in flight, then push every pending record."""
    target = push_target(kiosk)
    recover_in_flight(kiosk.sessions)
    return push_outbox(kiosk.sessions, kiosk.cipher, target)
