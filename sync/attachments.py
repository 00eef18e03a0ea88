"""Upload the files of pending filings, content-addressed and resumable, before the filings are pushed.

Per file: GET its status (404: PUT to start it), then PATCH chunks from the server's `received`; the bytes
the server acknowledged are stored in `attachment.uploaded_bytes` after every chunk. 409 offset_mismatch
continues from the server's `received`; 422 attachment_hash_mismatch starts the file again from 0.
A file missing or damaged on this kiosk can never be uploaded: its filings (and their ratings) are
quarantined with a local reason instead of waiting forever.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.errors import StoreError
from db.models import Attachment, FilingAttachment, OutboxEntry, Rating
from db.pii import PiiCipher
from sync.errors import BadAnswerError, RequestRefusedError, RetryableError, SyncError
from sync.protocol import (
    ATTACHMENTS_PATH,
    ERROR_HASH_MISMATCH,
    ERROR_SEALED_UNOPENABLE,
    MAX_CHUNK_BYTES,
    AttachmentStart,
    AttachmentStatus,
    ErrorResponse,
)
from sync.protocol.sealed_box import SEALED_OVERHEAD, is_sealed
from sync.transport import Transport

log = logging.getLogger(__name__)

ATTACHMENT_FIELD = "attachment"
"""Associated-data field name of an attachment file sealed at rest (the record id is its SHA-256)."""

PENDING, COMPLETE, MISSING = "pending", "complete", "missing"
MAX_OFFSET_CORRECTIONS = 3
COUNTY_COPY_SUFFIX = ".county"


def county_copy_path(path: Path) -> Path:
    """Beside an attachment's file on a helper laptop: the copy sealed to the county, which sync uploads."""
    return path.with_name(path.name + COUNTY_COPY_SUFFIX)


@dataclass(frozen=True, slots=True)
class UploadBytes:
    """What is sent for one file: its plaintext, or (from a laptop) the box sealed to the county."""

    data: bytes
    sealed: bool


@dataclass(frozen=True, slots=True)
class PendingFile:
    """One file to upload."""

    sha256: str
    media_type: str
    size: int
    relative_path: str


@dataclass(slots=True)
class AttachmentReport:
    """What one upload pass did."""

    completed: int = 0
    bytes_sent: int = 0
    restarted: int = 0
    missing: list[str] = field(default_factory=list)
    failure: SyncError | None = None


def pending_files(sessions: sessionmaker[Session]) -> list[PendingFile]:
    """Files not yet complete on the server that a pending filing needs, oldest filing first."""
    first_seq = func.min(OutboxEntry.seq).label("first_seq")
    with sessions() as session:
        rows = session.execute(
            select(Attachment, first_seq)
            .join(FilingAttachment, FilingAttachment.sha256 == Attachment.sha256)
            .join(OutboxEntry, OutboxEntry.record_id == FilingAttachment.filing_id)
            .where(Attachment.upload_state == PENDING, OutboxEntry.state == "pending")
            .group_by(Attachment.sha256)
            .order_by(first_seq)
        ).all()
        return [
            PendingFile(
                row.Attachment.sha256,
                row.Attachment.media_type,
                row.Attachment.size,
                row.Attachment.relative_path,
            )
            for row in rows
        ]


def read_attachment(path: Path, item: PendingFile, cipher: PiiCipher) -> bytes | None:
    """The file's plaintext when it is present, decrypts and matches its hash and size; else None.

    A file kept in clear by a version from before encryption at rest is still read (its hash proves it).
    """
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        data = cipher.open(record_id=item.sha256, field=ATTACHMENT_FIELD, blob=blob)
    except StoreError:
        data = blob
    if len(data) != item.size or hashlib.sha256(data).hexdigest() != item.sha256:
        return None
    return data


def upload_bytes(path: Path, item: PendingFile, cipher: PiiCipher) -> UploadBytes | None:
    """The bytes to send: the county's sealed copy when there is one (of the right size), else the file's
    checked plaintext; None when neither can be had."""
    try:
        sealed = county_copy_path(path).read_bytes()
    except OSError:
        sealed = b""
    if is_sealed(sealed) and len(sealed) == item.size + SEALED_OVERHEAD:
        return UploadBytes(sealed, sealed=True)
    data = read_attachment(path, item, cipher)
    return None if data is None else UploadBytes(data, sealed=False)


def _quarantine_missing(sessions: sessionmaker[Session], sha256: str, *, reason: str | None = None) -> None:
    reason = reason or f"local: attachment {sha256[:12]}… is missing or damaged on this kiosk"
    with sessions.begin() as session:
        session.execute(update(Attachment).where(Attachment.sha256 == sha256).values(upload_state=MISSING))
        filing_ids = select(FilingAttachment.filing_id).where(FilingAttachment.sha256 == sha256)
        rating_ids = select(Rating.id).where(Rating.filing_id.in_(filing_ids))
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.state == "pending", OutboxEntry.record_id.in_(filing_ids))
            .values(state="rejected", last_error=reason)
        )
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.state == "pending", OutboxEntry.record_id.in_(rating_ids))
            .values(state="rejected", last_error="local: its filing is quarantined (attachment missing)")
        )


def record_progress(sessions: sessionmaker[Session], sha256: str, status: AttachmentStatus) -> None:
    """Keep how much of a file the county holds, as it said (`complete` once it verified the hash)."""
    with sessions.begin() as session:
        session.execute(
            update(Attachment)
            .where(Attachment.sha256 == sha256)
            .values(uploaded_bytes=status.received, upload_state=COMPLETE if status.complete else PENDING)
        )


def _nothing_received(item: PendingFile) -> AttachmentStatus:
    return AttachmentStatus(sha256=item.sha256, size=item.size, received=0, complete=False)


def _checked(status: AttachmentStatus, item: PendingFile, *, transfer_size: int) -> AttachmentStatus:
    """The server's status when it can be about this upload: a sealed one counts the box's bytes until the
    county opened it, then the file's."""
    expected = item.size if status.complete else transfer_size
    if status.sha256 != item.sha256 or status.size != expected or not 0 <= status.received <= status.size:
        raise BadAnswerError("attachment status does not match the file")
    if status.complete and status.received != status.size:
        raise BadAnswerError("attachment status says complete with bytes missing")
    return status


def _start(transport: Transport, item: PendingFile, upload: UploadBytes) -> AttachmentStatus:
    path = f"{ATTACHMENTS_PATH}/{item.sha256}"
    size = len(upload.data)
    answer = transport.call("GET", path, answers={200: AttachmentStatus, 404: ErrorResponse})
    if isinstance(answer.body, AttachmentStatus):
        return _checked(answer.body, item, transfer_size=size)
    start = AttachmentStart(size=size, media_type=item.media_type, sealed=upload.sealed)
    started = transport.expect("PUT", path, AttachmentStatus, json_body=start)
    return _checked(started, item, transfer_size=size)


def upload_file(
    sessions: sessionmaker[Session],
    transport: Transport,
    item: PendingFile,
    *,
    data_dir: Path,
    report: AttachmentReport,
    cipher: PiiCipher,
    chunk_bytes: int = MAX_CHUNK_BYTES,
) -> bool:
    """Bring one file to `complete` on the server; False when the local file is missing or damaged (or
    cannot be read now: a locked laptop's file kept from before it sealed to the county waits)."""
    upload = upload_bytes(data_dir / item.relative_path, item, cipher)
    if upload is None and not cipher.is_unlocked():
        log.info("attachment %s waits for a helper to sign in", item.sha256[:12])
        return False
    if upload is None:
        log.error(
            "attachment %s is missing or damaged locally; its filings are quarantined", item.sha256[:12]
        )
        _quarantine_missing(sessions, item.sha256)
        report.missing.append(item.sha256)
        return False
    data, size = upload.data, len(upload.data)
    status = _start(transport, item, upload)
    record_progress(sessions, item.sha256, status)
    offset, corrections, restarted = status.received, 0, False
    url = f"{ATTACHMENTS_PATH}/{item.sha256}"
    while not status.complete:
        if offset >= size:
            raise BadAnswerError("server holds the whole file but did not verify it")
        chunk = data[offset : offset + min(chunk_bytes, MAX_CHUNK_BYTES)]
        answer = transport.call(
            "PATCH",
            url,
            answers={200: AttachmentStatus, 409: AttachmentStatus, 422: ErrorResponse},
            query=[("offset", offset)],
            raw_body=chunk,
        )
        if isinstance(answer.body, ErrorResponse):
            if answer.body.error == ERROR_SEALED_UNOPENABLE:
                log.error(
                    "the county cannot open sealed attachment %s; its filings are quarantined",
                    item.sha256[:12],
                )
                _quarantine_missing(
                    sessions,
                    item.sha256,
                    reason=f"county: sealed attachment {item.sha256[:12]}… does not open with the county's key",
                )
                report.missing.append(item.sha256)
                return False
            if answer.body.error != ERROR_HASH_MISMATCH:
                raise RequestRefusedError(
                    f"PATCH -> 422 {answer.body.error}", status=422, error=answer.body.error
                )
            if restarted:
                raise RetryableError(f"attachment {item.sha256[:12]} failed its hash check twice")
            restarted, offset = True, 0  # the server discarded the bytes: start again from 0
            report.restarted += 1
            record_progress(sessions, item.sha256, _nothing_received(item))
            continue
        assert isinstance(answer.body, AttachmentStatus)
        status = _checked(answer.body, item, transfer_size=size)
        if answer.status == 409:
            corrections += 1
            if corrections > MAX_OFFSET_CORRECTIONS:
                raise BadAnswerError("server keeps moving the upload offset")
        elif status.received != offset + len(chunk) and not (upload.sealed and status.complete):
            # (a sealed upload, once opened, counts the file's bytes, not the box's)
            raise BadAnswerError("server acknowledged a different number of bytes than sent")
        else:
            corrections = 0
            report.bytes_sent += len(chunk)
        record_progress(sessions, item.sha256, status)
        offset = status.received
    report.completed += 1
    log.info("attachment %s uploaded (%d bytes)", item.sha256[:12], item.size)
    return True


def upload_attachments(
    sessions: sessionmaker[Session],
    transport: Transport,
    *,
    data_dir: Path,
    cipher: PiiCipher,
    chunk_bytes: int = MAX_CHUNK_BYTES,
) -> AttachmentReport:
    """Upload every file a pending filing waits for; the first failure stops the pass and is reported."""
    report = AttachmentReport()
    for item in pending_files(sessions):
        try:
            upload_file(
                sessions,
                transport,
                item,
                data_dir=data_dir,
                report=report,
                cipher=cipher,
                chunk_bytes=chunk_bytes,
            )
        except SyncError as exc:
            report.failure = exc
            log.warning("attachment upload stopped: %s", exc)
            break
    return report
