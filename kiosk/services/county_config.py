"""The county's configuration as this kiosk keeps it on its device row (defaults until the county sent one)."""

from __future__ import annotations

from db.models import Device
from sync.protocol import CountyConfig


def stored_county_config(device: Device | None) -> CountyConfig:
    """The configuration last received from the county; the protocol's defaults when none (or a bad one) is kept."""
    try:
        return CountyConfig.model_validate_json((device.county_config_json if device else None) or "{}")
    except ValueError:
        return CountyConfig()
