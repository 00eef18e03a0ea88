"""Queue a record for the county server inside the caller's transaction (the transactional outbox)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy.orm import Session

from db.models import OutboxEntry
from db.pii import PiiCipher
from kiosk.services.county_sealing import required_county_key
from sync.protocol.sealed_box import record_context, seal_to


def queue_for_county(
    session: Session,
    cipher: PiiCipher,
    *,
    record_id: str,
    kind: str,
    payload: Mapping[str, object],
    created_at: str,
) -> None:
    """Add the encrypted payload snapshot as a pending outbox row; it commits with the record or not at all.

    On a helper laptop the snapshot is sealed to the county instead (the laptop cannot read it back; sync
    sends these very bytes, every time); no county key yet raises KioskError and nothing is written.
    """
    session.flush()  # the record's own row goes first, so a failure here rolls both back together
    text = json.dumps(dict(payload), ensure_ascii=False)
    if cipher.seals_for_county:
        snapshot = seal_to(
            required_county_key(session), text.encode("utf-8"), context=record_context(record_id, kind)
        )
    else:
        snapshot = cipher.encrypt(record_id=record_id, field="outbox", plaintext=text)
    session.add(
        OutboxEntry(
            record_id=record_id,
            kind=kind,
            payload_enc=snapshot,
            state="pending",
            attempts=0,
            created_at=created_at,
        )
    )
