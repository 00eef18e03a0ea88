"""The county's ``CountyConfig``: stored field by field, defaults for fields never set."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from county.changes import append_change
from county.models import CountyKey, CountySetting
from county.sealing import sealing_public_key
from sync.protocol import CountyConfig

STAFF_CARD_KEY = "staff_card"  # the county_key row of the staff-card signing key
COUNTY_OWNED = frozenset({"sealing_public_key", "staff_card_public_key"})
"""Config fields the county sets itself (set-config refuses them)."""


def load_config(session: Session) -> CountyConfig:
    """The current config (stored keys the model no longer knows are ignored), with the sealing key."""
    stored = {
        row.key: row.value for row in session.scalars(select(CountySetting)) if row.key not in COUNTY_OWNED
    }
    owned = {
        "sealing_public_key": sealing_public_key(session),
        "staff_card_public_key": _staff_card_key(session),
    }
    return CountyConfig.model_validate({**stored, **owned})


def _staff_card_key(session: Session) -> str | None:
    """The public half of the county's staff-card key, once one was made (county.staff_cards)."""
    row = session.get(CountyKey, STAFF_CARD_KEY)
    if row is None:
        return None
    public = Ed25519PrivateKey.from_private_bytes(row.secret).public_key().public_bytes_raw()
    return base64.urlsafe_b64encode(public).rstrip(b"=").decode("ascii")


def publish_config(session: Session, *, now: datetime) -> CountyConfig:
    """Tell every kiosk the config as it stands (after a key of the county's own changed)."""
    config = load_config(session)
    append_change(session, type_="config", data=config.model_dump(mode="json"), now=now)
    return config


def update_config(session: Session, updates: dict[str, Any], *, now: datetime) -> CountyConfig:
    """Validate ``updates`` against the whole config, store them and add a global ``config`` change.

    Raises pydantic's ValidationError (nothing stored) when a value is out of range, ValueError for a
    field the county sets itself.
    """
    owned = sorted(COUNTY_OWNED & set(updates))
    if owned:
        raise ValueError(f"{', '.join(owned)} is set by the county server itself")
    merged = CountyConfig.model_validate({**load_config(session).model_dump(), **updates})
    for key in updates:
        value = getattr(merged, key)
        row = session.get(CountySetting, key)
        if row is None:
            session.add(CountySetting(key=key, value=value, updated_at=now))
        else:
            row.value, row.updated_at = value, now
    append_change(session, type_="config", data=merged.model_dump(mode="json"), now=now)
    return merged
