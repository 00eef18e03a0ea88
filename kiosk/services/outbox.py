"""Queue a record for the county server inside the caller's transaction (the transactional outbox)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy.orm import Session

from db.models import OutboxEntry
from db.pii import PiiCipher


def queue_for_county(
    session: Session,
    cipher: PiiCipher,
    *,
    record_id: str,
    kind: str,
    payload: Mapping[str, object],
    created_at: str,
) -> None:
    """Add the encrypted payload snapshot as a pending outbox row; it commits with the record or not at all."""
    session.flush()  # the record's own row goes first, so a failure here rolls both back together
    session.add(
        OutboxEntry(
            record_id=record_id,
            kind=kind,
            payload_enc=cipher.encrypt(
                record_id=record_id, field="outbox", plaintext=json.dumps(dict(payload), ensure_ascii=False)
            ),
            state="pending",
            attempts=0,
            created_at=created_at,
        )
    )
