"""Read-side helpers: stored records as JSON lines for operators and tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from county.models import CountyRecord


def record_to_json(record: CountyRecord) -> dict[str, Any]:
    """Return the ``list-records`` view of one stored record."""
    return {
        "id": record.id,
        "kind": record.kind,
        "device_id": record.device_id,
        "content_hash": record.content_hash,
        "received_at": record.received_at.isoformat(),
        "payload": json.loads(record.payload),
    }


def iter_records(engine: Engine, *, kind: str | None = None) -> Iterator[dict[str, Any]]:
    """Yield stored records (oldest first), optionally only those of ``kind``."""
    query = select(CountyRecord).order_by(CountyRecord.received_at, CountyRecord.id)
    if kind is not None:
        query = query.where(CountyRecord.kind == kind)
    with Session(engine) as session:
        for record in session.scalars(query.execution_options(yield_per=1000)):
            yield record_to_json(record)
