"""Enrolled devices: heartbeats, revocation and the fleet listing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.changes import append_change
from county.models import Device
from sync.protocol import DeviceKeyChange, Heartbeat


def record_heartbeat(session: Session, *, device_id: str, heartbeat: Heartbeat, now: datetime) -> None:
    """Keep ``heartbeat`` as the device's latest, with its receipt time and reported clock skew."""
    device = session.get(Device, device_id)
    assert device is not None, "the signature check found this device"
    device.last_heartbeat = heartbeat.model_dump(mode="json")
    device.last_heartbeat_at = now
    device.clock_skew_s = heartbeat.clock_skew_s


def revoke_device(session: Session, *, device_id: str, now: datetime) -> bool | None:
    """Revoke a device: True when revoked now, False when it already was, None when unknown."""
    device = session.get(Device, device_id)
    if device is None:
        return None
    if device.revoked_at is not None:
        return False
    device.revoked_at = now
    publish_device_key(session, device, now=now)
    return True


def publish_device_key(session: Session, device: Device, *, now: datetime) -> None:
    """Tell every kiosk this device's voucher key (and whether it was revoked) through the change log."""
    change = DeviceKeyChange(
        device_id=device.id,
        public_key=device.public_key,
        site=device.site,
        revoked=device.revoked_at is not None,
    )
    append_change(session, type_="device_key", data=change.model_dump(), now=now)


def _iso(value: datetime | None) -> str | None:
    """ISO 8601 text of a timestamp, or None."""
    return value.isoformat() if value is not None else None


def device_to_json(device: Device) -> dict[str, Any]:
    """The ``list-devices`` view of one device (no key material beyond the public key)."""
    return {
        "device_id": device.id,
        "site": device.site,
        "name": device.name,
        "app_version": device.app_version,
        "enrolled_at": _iso(device.enrolled_at),
        "revoked_at": _iso(device.revoked_at),
        "last_heartbeat": device.last_heartbeat,
        "last_heartbeat_at": _iso(device.last_heartbeat_at),
        "clock_skew_s": device.clock_skew_s,
    }


def iter_devices(session: Session) -> Iterator[dict[str, Any]]:
    """Every device, by id."""
    for device in session.scalars(select(Device).order_by(Device.id)):
        yield device_to_json(device)
