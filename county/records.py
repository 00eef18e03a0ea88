"""Read-side helpers: stored records as JSON lines for operators and tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from county.models import CountyRecord


def record_to_json(record: CountyRecord) -> dict[str, Any]:
    """Return the ``list-records`` view of one stored record.

    The payload is printed as filed; a rating also says who gave it (``given_by``: ``citizen``, or
    ``citizen_after_handover`` when a helper handed the screen to the resident), also for ratings of kiosks
    older than the field, which were all the citizen's own.
    """
    payload = json.loads(record.payload)
    view = {
        "id": record.id,
        "kind": record.kind,
        "device_id": record.device_id,
        "content_hash": record.content_hash,
        "received_at": record.received_at.isoformat(),
        "payload": payload,
    }
    if record.kind == "rating":
        view["given_by"] = payload.get("given_by", "citizen")
    return view


def _filed_by(payload: dict[str, Any], staff_no: str) -> bool:
    """Whether ``payload`` is an assisted filing by the helper ``staff_no`` (upper-case)."""
    assisted = payload.get("assisted") or {}
    return str(assisted.get("helper_staff_no", "")).upper() == staff_no


def iter_records(
    engine: Engine, *, kind: str | None = None, helper_staff_no: str | None = None
) -> Iterator[dict[str, Any]]:
    """Yield stored records (oldest first), optionally only those of ``kind``, or only the assisted filings
    of one helper (``helper_staff_no``, any case)."""
    query = select(CountyRecord).order_by(CountyRecord.received_at, CountyRecord.id)
    if kind is not None:
        query = query.where(CountyRecord.kind == kind)
    staff_no = helper_staff_no.upper() if helper_staff_no is not None else None
    if staff_no is not None:
        # Payloads are stored as canonical JSON: the text narrows the scan, the parsed payload decides.
        needle = json.dumps({"helper_staff_no": staff_no}, separators=(",", ":"))[1:-1]
        query = query.where(
            CountyRecord.kind == "filing", CountyRecord.payload.icontains(needle, autoescape=True)
        )
    with Session(engine) as session:
        for record in session.scalars(query.execution_options(yield_per=1000)):
            view = record_to_json(record)
            if staff_no is None or _filed_by(view["payload"], staff_no):
                yield view
