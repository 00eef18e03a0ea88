"""The county's sealing key: helper laptops seal payloads and photos to its public half; ingest opens them.

Decision: the private key lives in the county database (table `county_key`), made on first use. Every
worker process and every server of one county then holds the same key with nothing to copy, and it adds no
exposure: whoever reads that database reads the filings it opens already (they are stored opened).
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import secrets

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from county.clock import utc_now
from county.models import CountyKey
from sync.protocol import OutboxRecord
from sync.protocol.sealed_box import (
    SealedBoxError,
    encode_public_key,
    open_sealed,
    public_key_of,
    record_context,
)

log = logging.getLogger(__name__)

SEALING_KEY_NAME = "sealing_x25519"
UNOPENABLE = "sealed payload does not open with this county's key (damaged, or sealed to another county)"


def _insert_if_absent(session: Session, secret: bytes) -> None:
    """Store a new key unless a concurrent worker stored one first (then theirs wins)."""
    values = {"name": SEALING_KEY_NAME, "secret": secret, "created_at": utc_now()}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(pg_insert(CountyKey).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        session.execute(sqlite_insert(CountyKey).values(values).on_conflict_do_nothing())
    else:  # pragma: no cover - the county runs on SQLite or PostgreSQL
        session.execute(insert(CountyKey).values(values))


def sealing_private_key(session: Session) -> X25519PrivateKey:
    """The county's X25519 private key, made and stored on first use."""
    row = session.get(CountyKey, SEALING_KEY_NAME)
    if row is None:
        _insert_if_absent(session, secrets.token_bytes(32))
        session.flush()
        row = session.get(CountyKey, SEALING_KEY_NAME, populate_existing=True)
        assert row is not None
        log.info("made the county's sealing key for helper laptops")
    return X25519PrivateKey.from_private_bytes(row.secret)


def sealing_public_key(session: Session) -> str:
    """The public half, as CountyConfig publishes it."""
    return encode_public_key(public_key_of(sealing_private_key(session)))


def opened_record(record: OutboxRecord, key: X25519PrivateKey) -> OutboxRecord | str:
    """A sealed record with its payload opened, or why it cannot be opened (unsealed records as they are)."""
    if record.sealed is None:
        return record
    try:
        blob = _b64decode(record.sealed)
        data = open_sealed(key, blob, context=record_context(record.id, record.kind))
        payload = json.loads(data.decode("utf-8"))
    except (SealedBoxError, binascii.Error, UnicodeDecodeError, ValueError):
        return UNOPENABLE
    if not isinstance(payload, dict):
        return "sealed payload is not a JSON object"
    return OutboxRecord(id=record.id, kind=record.kind, payload=payload)


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
