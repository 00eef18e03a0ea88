"""The county's ``CountyConfig``: stored field by field, defaults for fields never set."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from county.changes import append_change
from county.models import CountySetting
from sync.protocol import CountyConfig


def load_config(session: Session) -> CountyConfig:
    """The current config (stored keys the model no longer knows are ignored)."""
    stored = {row.key: row.value for row in session.scalars(select(CountySetting))}
    return CountyConfig.model_validate(stored)


def update_config(session: Session, updates: dict[str, Any], *, now: datetime) -> CountyConfig:
    """Validate ``updates`` against the whole config, store them and add a global ``config`` change.

    Raises pydantic's ValidationError (nothing stored) when a value is out of range.
    """
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
