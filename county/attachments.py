"""Content-addressed, resumable attachment uploads; the bytes are stored in the database as chunks."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime
from enum import Enum

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from county.errors import ApiError
from county.models import Attachment, AttachmentChunk
from county.sealing import sealing_private_key
from sync.protocol import (
    ERROR_HASH_MISMATCH,
    ERROR_OFFSET_MISMATCH,
    ERROR_SEALED_UNOPENABLE,
    AttachmentStart,
    AttachmentStatus,
)
from sync.protocol.sealed_box import SealedBoxError, attachment_context, open_sealed


class Appended(Enum):
    """What an accepted chunk led to."""

    STORED = "stored"
    COMPLETE = "complete"
    HASH_MISMATCH = "hash_mismatch"
    UNOPENABLE = "unopenable"


def status_of(row: Attachment) -> AttachmentStatus:
    """The wire view of an attachment row."""
    return AttachmentStatus(sha256=row.sha256, size=row.size, received=row.received, complete=row.complete)


def unknown_attachment() -> ApiError:
    """404: no upload was started for this hash."""
    return ApiError(404, error="attachment_unknown", zh="附件不存在", en="no such attachment")


def offset_mismatch(row: Attachment) -> ApiError:
    """409 whose body is also the current AttachmentStatus (the client continues from ``received``)."""
    return ApiError(
        409,
        error=ERROR_OFFSET_MISMATCH,
        zh="上传位置与服务器已收到的字节数不一致",
        en="offset differs from the bytes the server holds; continue from received",
        extra=status_of(row).model_dump(mode="json"),
    )


def hash_mismatch() -> ApiError:
    """422: the complete upload did not hash to its name; the bytes were discarded."""
    return ApiError(
        422,
        error=ERROR_HASH_MISMATCH,
        zh="附件校验失败，已丢弃，请从头重新上传",
        en="attachment SHA-256 does not match; bytes discarded, upload again from offset 0",
    )


def sealed_unopenable() -> ApiError:
    """422: a sealed upload did not open with the county's key (or what it held had another hash)."""
    return ApiError(
        422,
        error=ERROR_SEALED_UNOPENABLE,
        zh="加密附件无法用本县密钥打开，已丢弃",
        en="the sealed attachment does not open with this county's key; bytes discarded",
    )


def get_status(session: Session, sha256: str) -> AttachmentStatus:
    """The status of an upload, or 404."""
    row = session.get(Attachment, sha256)
    if row is None:
        raise unknown_attachment()
    return status_of(row)


def start_upload(session: Session, sha256: str, start: AttachmentStart, *, now: datetime) -> AttachmentStatus:
    """Create the upload, or return the existing one unchanged (409 when its size differs).

    A file the county holds complete already is answered as it is, sealed or not: nothing more to send.
    """
    row = session.get(Attachment, sha256)
    if row is None:
        row = Attachment(
            sha256=sha256,
            size=start.size,
            media_type=start.media_type,
            received=0,
            complete=False,
            created_at=now,
            sealed=start.sealed,
        )
        session.add(row)
        session.flush()
    elif row.complete:
        return status_of(row)
    elif row.size != start.size or row.sealed != start.sealed:
        raise ApiError(
            409,
            error="attachment_size_mismatch",
            zh="同一附件已按不同大小开始上传",
            en="an upload of this hash with another size exists",
        )
    return status_of(row)


def stored_chunks(session: Session, sha256: str) -> Iterator[bytes]:
    """The stored bytes of an attachment, chunk by chunk in offset order."""
    return iter(
        session.scalars(
            select(AttachmentChunk.data)
            .where(AttachmentChunk.sha256 == sha256)
            .order_by(AttachmentChunk.chunk_offset)
        )
    )


def _open_and_finish(session: Session, row: Attachment, *, now: datetime) -> Appended:
    """Open a complete sealed upload: keep only the opened file when it hashes to its name, else discard."""
    blob = b"".join(stored_chunks(session, row.sha256))
    session.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == row.sha256))
    try:
        data = open_sealed(sealing_private_key(session), blob, context=attachment_context(row.sha256))
    except SealedBoxError:
        data = b""
    if not data or hashlib.sha256(data).hexdigest() != row.sha256:
        row.received = 0
        return Appended.UNOPENABLE
    session.add(AttachmentChunk(sha256=row.sha256, chunk_offset=0, data=data))
    row.size, row.received, row.sealed = len(data), len(data), False
    row.complete, row.completed_at = True, now
    return Appended.COMPLETE


def _verify_and_finish(session: Session, row: Attachment, *, now: datetime) -> Appended:
    """Hash every stored chunk in order: mark complete, or discard the bytes and start again."""
    if row.sealed:
        return _open_and_finish(session, row, now=now)
    digest = hashlib.sha256()
    for data in stored_chunks(session, row.sha256):
        digest.update(data)
    if digest.hexdigest() == row.sha256:
        row.complete, row.completed_at = True, now
        return Appended.COMPLETE
    session.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == row.sha256))
    row.received = 0
    return Appended.HASH_MISMATCH


def append_chunk(session: Session, sha256: str, *, offset: int, data: bytes, now: datetime) -> Appended:
    """Append ``data`` at ``offset`` if that is exactly what was received so far (atomically).

    Raises 404 (no upload), 409 offset_mismatch (also when already complete) or 422 (empty, past the size).
    """
    row = session.get(Attachment, sha256)
    if row is None:
        raise unknown_attachment()
    if offset != row.received or row.complete:
        raise offset_mismatch(row)
    if not data:
        raise ApiError(422, error="empty_chunk", zh="上传内容为空", en="a chunk carries at least one byte")
    if offset + len(data) > row.size:
        raise ApiError(
            422,
            error="chunk_exceeds_size",
            zh="上传的字节超出附件声明的大小",
            en="chunk goes past the announced size",
        )
    # The conditional update is the atomic offset check: a concurrent append of the same offset loses.
    moved = session.execute(
        update(Attachment)
        .where(Attachment.sha256 == sha256, Attachment.received == offset, Attachment.complete.is_(False))
        .values(received=offset + len(data))
        .execution_options(synchronize_session=False)
    )
    session.refresh(row)
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise offset_mismatch(row)
    session.add(AttachmentChunk(sha256=sha256, chunk_offset=offset, data=data))
    session.flush()
    if row.received == row.size:
        return _verify_and_finish(session, row, now=now)
    return Appended.STORED
