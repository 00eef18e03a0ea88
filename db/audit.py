"""Append entries to the hash-chained audit log, inside the caller's transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditEntry

GENESIS_HASH = "0" * 64


def _entry_hash(
    *, prev_hash: str, at: str, actor: str, action: str, subject_id: str | None, detail: str
) -> str:
    canonical = json.dumps([prev_hash, at, actor, action, subject_id, detail], ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append_audit(
    session: Session,
    *,
    at: str,
    actor: str,
    action: str,
    subject_id: str | None,
    detail: Mapping[str, object],
) -> AuditEntry:
    """Add one entry chained to the previous one; `detail` must never hold personal data."""
    prev = session.scalars(select(AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)).first()
    prev_hash = prev or GENESIS_HASH
    detail_json = json.dumps(dict(detail), ensure_ascii=False, sort_keys=True)
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action,
        subject_id=subject_id,
        detail_json=detail_json,
        prev_hash=prev_hash,
        entry_hash=_entry_hash(
            prev_hash=prev_hash, at=at, actor=actor, action=action, subject_id=subject_id, detail=detail_json
        ),
    )
    session.add(entry)
    return entry


def verify_audit_chain(session: Session) -> int | None:
    """The seq of the first broken entry, or None when the whole chain is intact."""
    prev_hash = GENESIS_HASH
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        expected = _entry_hash(
            prev_hash=prev_hash,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            subject_id=entry.subject_id,
            detail=entry.detail_json,
        )
        if entry.prev_hash != prev_hash or entry.entry_hash != expected:
            return entry.seq
        prev_hash = entry.entry_hash
    return None
