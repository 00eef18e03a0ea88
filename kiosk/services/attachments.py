"""Use case: keep a file for a filing, named by its SHA-256 beside the database (one copy per content),
encrypted with the kiosk's personal-data key."""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Attachment, DraftAttachment, FilingAttachment
from db.pii import SEAL_OVERHEAD
from db.private_files import write_file_durably
from kiosk.domain.errors import KioskError
from kiosk.domain.retention import UNCLAIMED_PHOTO_TTL
from kiosk.services.county_sealing import sealing_key_if_laptop
from kiosk.services.runtime import KioskRuntime
from sync.attachments import ATTACHMENT_FIELD, county_copy_path
from sync.protocol import MAX_ATTACHMENT_BYTES
from sync.protocol.sealed_box import SEALED_OVERHEAD, attachment_context, seal_to

log = logging.getLogger(__name__)

MIN_FREE_BYTES = 200 * 1024 * 1024
UNCLAIMED_TTL = UNCLAIMED_PHOTO_TTL
_MEDIA_TYPE = re.compile(r"[a-z]+/[a-z0-9.+-]+")


def add_attachment(kiosk: KioskRuntime, *, data: bytes, media_type: str) -> str:
    """Store a file (once per content) and return its SHA-256 for `submit_filing(attachments=...)`."""
    if not 1 <= len(data) <= MAX_ATTACHMENT_BYTES:
        raise KioskError(
            f"附件大小应在 1 字节到 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB 之间",
            f"An attachment must be between 1 byte and {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB",
        )
    if len(media_type) > 64 or not _MEDIA_TYPE.fullmatch(media_type):
        raise KioskError("附件类型无效", "Invalid attachment type")
    county_key = sealing_key_if_laptop(kiosk)
    data_dir = kiosk.settings.data_dir
    if shutil.disk_usage(data_dir).free - len(data) < MIN_FREE_BYTES:
        raise KioskError(
            "本机存储空间不足，暂时不能添加附件；办件文字内容仍可提交，请通知工作人员",
            "This kiosk is nearly out of disk space: attachments are refused for now; filings without them "
            "still work; please tell the staff",
        )
    sha256 = hashlib.sha256(data).hexdigest()
    relative = Path("attachments") / sha256[:2] / sha256
    path = data_dir / relative
    if not path.exists() or path.stat().st_size != len(data) + SEAL_OVERHEAD:
        # Photos of identity documents are personal data: sealed at rest like every other field.
        sealed = kiosk.cipher.seal(record_id=sha256, field=ATTACHMENT_FIELD, data=data)
        write_file_durably(path, sealed)
    county_copy = county_copy_path(path)
    if county_key is not None and not (
        county_copy.exists() and county_copy.stat().st_size == len(data) + SEALED_OVERHEAD
    ):
        # A laptop uploads a copy sealed to the county: sync sends it with no helper signed in.
        write_file_durably(county_copy, seal_to(county_key, data, context=attachment_context(sha256)))
    with kiosk.sessions.begin() as session:
        row = session.get(Attachment, sha256)
        if row is not None and row.upload_state == "missing":  # the lost file is back
            row.upload_state, row.uploaded_bytes = "pending", 0
        if row is not None and _unclaimed(session, sha256):
            # The same picture taken again (the simulated camera's samples are byte for byte the same):
            # the hour before an unfiled photo is deleted counts from now, not from the first time.
            row.created_at = kiosk.clock().isoformat()
        if row is None:
            session.add(
                Attachment(
                    sha256=sha256,
                    media_type=media_type,
                    size=len(data),
                    relative_path=relative.as_posix(),
                    upload_state="pending",
                    uploaded_bytes=0,
                    created_at=kiosk.clock().isoformat(),
                )
            )
    return sha256


def remove_attachment_files(data_dir: Path, relative_path: str) -> None:
    """Delete an attachment's file and, on a laptop, its copy sealed to the county."""
    path = data_dir / relative_path
    path.unlink(missing_ok=True)
    county_copy_path(path).unlink(missing_ok=True)


def _unclaimed(session: Session, sha256: str) -> bool:
    """True when no filing and no draft lists this file."""
    claim = select(FilingAttachment.sha256).where(FilingAttachment.sha256 == sha256).limit(1)
    drafted = select(DraftAttachment.sha256).where(DraftAttachment.sha256 == sha256).limit(1)
    return session.scalar(claim) is None and session.scalar(drafted) is None


def unknown_attachments(kiosk: KioskRuntime, hashes: Iterable[str]) -> set[str]:
    """The hashes among `hashes` that this kiosk keeps no file for (read only)."""
    wanted = set(hashes)
    if not wanted:
        return set()
    with kiosk.sessions() as session:
        known = set(session.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(wanted))))
    return wanted - known


def delete_unclaimed_photos(session: Session, data_dir: Path, *, taken_before: datetime) -> int:
    """In the caller's transaction, delete the photos no filing and no draft lists that were taken at or
    before ``taken_before`` (file and row); returns how many."""
    claimed = select(FilingAttachment.sha256).union(select(DraftAttachment.sha256))
    unclaimed = session.scalars(select(Attachment).where(Attachment.sha256.not_in(claimed))).all()
    stale = [row for row in unclaimed if datetime.fromisoformat(row.created_at) <= taken_before]
    for row in stale:
        remove_attachment_files(data_dir, row.relative_path)
        session.delete(row)
    return len(stale)


def delete_if_unclaimed(session: Session, data_dir: Path, hashes: Iterable[str]) -> int:
    """In the caller's transaction, delete those of these files that no filing and no draft lists any more."""
    deleted = 0
    for sha256 in set(hashes):
        row = session.get(Attachment, sha256)
        if row is not None and _unclaimed(session, sha256):
            remove_attachment_files(data_dir, row.relative_path)
            session.delete(row)
            deleted += 1
    return deleted


def purge_unclaimed_attachments(kiosk: KioskRuntime, *, older_than: timedelta = UNCLAIMED_TTL) -> int:
    """Delete photos that no filing took and that are older than ``older_than``; returns how many.

    A citizen who photographs an ID card and walks away leaves a sealed file behind: it must not stay for
    good. Files a filing lists are never touched, whatever their age (kiosk.services.retention runs this
    with the rest of the retention rules).
    """
    with kiosk.sessions.begin() as session:
        count = delete_unclaimed_photos(
            session, kiosk.settings.data_dir, taken_before=kiosk.clock() - older_than
        )
    if count:
        log.info("deleted %d photo(s) that no filing took", count)
    return count
