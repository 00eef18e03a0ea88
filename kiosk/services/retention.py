"""Use case: personal data leaves the local store once its time is up (DESIGN §4.9), and never sooner.

The rules (what is due, from when) are kiosk.domain.retention's. Once the county acknowledged a record
(outbox state "sent") `pii_retention_days` ago (the county's configuration, kept on the device row):
- a filing loses its applicant name, ID number and phone (emptied, `db.pii.REMOVED`), its answers except how
  the result is collected (the look-up's next step and a reprinted receipt read it), its photos (file and
  row, once no filing still kept lists them; a due filing's photos are all on the county already), an assisted
  filing's consent record (its signature image goes as a photo) and the outbox snapshot of what was sent;
- a rating loses its comment, its call-back number and its outbox snapshot.
What stays: the filing row with service, voucher, masked lines, channel, times and the county's status and
note; the rating's level and reasons; each outbox row with its state. A look-up by voucher shows all of it as
before; a look-up by ID number and phone no longer finds the filing (nothing is left to compare with).
Photos no filing took leave an hour after they were taken. Records the county has not acknowledged (pending,
in flight, rejected and quarantined) keep everything, whatever their age.

Each run works in transactions of at most `batch_size` records, each with an audit entry of counts only.
Deleted content is zeroed in the database file (the store runs with secure_delete) and, after a run that
removed something, the WAL is emptied, so the removed bytes leave the disk. A run with nothing due is one
query on the outbox's (state, seq) index plus the unclaimed photos: cheap enough after every sync round.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.selectable import Exists

from db.audit import append_audit
from db.engine import empty_the_wal
from db.errors import StoreError
from db.models import Attachment, Device, Filing, FilingAttachment, OutboxEntry, Rating
from db.pii import REMOVED
from kiosk.domain.retention import ACKNOWLEDGED_STATE, Purge, RetentionPolicy, answers_kept
from kiosk.services.attachments import delete_unclaimed_photos, remove_attachment_files
from kiosk.services.collection import COLLECTION_FIELD
from kiosk.services.county_config import stored_county_config
from kiosk.services.runtime import KioskRuntime
from sync.attachments import COMPLETE
from sync.push import acknowledged_stamp

log = logging.getLogger(__name__)

BATCH_SIZE = 200
ACTOR = "kiosk"
AUDIT_ACTION = "retention.purge"
KEPT_ANSWERS = (COLLECTION_FIELD,)
"""Answers a purged filing keeps: not personal, and read by the look-up's next step and the receipt."""


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What one retention run removed, by what: filings, ratings, photos (of purged filings),
    unclaimed_photos. Counts only, never personal data."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def removed(self) -> int:
        """How many things left the store in this run."""
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class _Batch:
    """One transaction's work: the store, the rules, the time, how many records at most."""

    kiosk: KioskRuntime
    session: Session
    policy: RetentionPolicy
    now: datetime
    limit: int


# A purge step removes what of its kind is due, adds what it removed to the counts, and returns True when
# it stopped at the batch limit (more may be due). Drafts will be one more step.
PurgeStep = Callable[[_Batch, Counter[str]], bool]


def policy_of(session: Session) -> RetentionPolicy:
    """The retention rules in force: the county's pii_retention_days (its default before enrolment)."""
    config = stored_county_config(session.get(Device, 1))
    return RetentionPolicy(pii_retention_days=config.pii_retention_days)


def _files_still_uploading(filing_id: InstrumentedAttribute[str]) -> Exists:
    """SQL: the record lists a file the county does not hold completely."""
    return exists().where(
        FilingAttachment.filing_id == filing_id,
        Attachment.sha256 == FilingAttachment.sha256,
        Attachment.upload_state != COMPLETE,
    )


def _due_records(batch: _Batch) -> list[tuple[str, str]]:
    """(record id, kind) of acknowledged records still holding personal data whose time is up, oldest first."""
    due_before = batch.policy.due_before(Purge.ACKNOWLEDGED_PII, now=batch.now)
    # The (state, seq) index: only acknowledged rows are read, oldest first, at most `limit` of them.
    query = (
        select(OutboxEntry.record_id, OutboxEntry.kind)
        .where(
            OutboxEntry.state == ACKNOWLEDGED_STATE,
            OutboxEntry.kind.in_(("filing", "rating")),
            OutboxEntry.payload_enc != REMOVED,
            OutboxEntry.sent_at <= acknowledged_stamp(due_before),
            ~_files_still_uploading(OutboxEntry.record_id),
        )
        .order_by(OutboxEntry.seq)
        .limit(batch.limit)
    )
    return list(batch.session.execute(query).tuples())


def _release_photos(batch: _Batch, filing_id: str) -> int:
    """Unlink a purged filing from its photos; delete each photo no other kept filing lists (file and row)."""
    session = batch.session
    hashes = session.scalars(
        select(FilingAttachment.sha256).where(FilingAttachment.filing_id == filing_id)
    ).all()
    session.execute(delete(FilingAttachment).where(FilingAttachment.filing_id == filing_id))
    deleted = 0
    for sha256 in hashes:
        listed = session.scalar(
            select(FilingAttachment.sha256).where(FilingAttachment.sha256 == sha256).limit(1)
        )
        row = session.get(Attachment, sha256)
        if listed is not None or row is None:
            continue  # another filing still keeps it (or it is already gone)
        remove_attachment_files(batch.kiosk.settings.data_dir, row.relative_path)
        session.delete(row)
        deleted += 1
    return deleted


def _kept_answers_blob(batch: _Batch, filing: Filing) -> bytes:
    """The filing's answers sealed again with only the ones that stay."""
    cipher = batch.kiosk.cipher
    try:
        answers = json.loads(cipher.decrypt(record_id=filing.id, field="answers", blob=filing.answers_enc))
    except (StoreError, ValueError):  # unreadable (damaged, or another helper's on a laptop): nothing stays
        return REMOVED
    kept = answers_kept(answers, keep=KEPT_ANSWERS) if isinstance(answers, dict) else {}
    return cipher.encrypt(
        record_id=filing.id, field="answers", plaintext=json.dumps(kept, ensure_ascii=False)
    )


def _strip_filing(batch: _Batch, filing_id: str, counts: Counter[str]) -> None:
    filing = batch.session.get(Filing, filing_id)
    if filing is None:
        return
    filing.answers_enc = _kept_answers_blob(batch, filing)
    filing.applicant_name_enc = REMOVED
    filing.applicant_id_number_enc = REMOVED
    filing.applicant_phone_enc = REMOVED
    if (
        filing.consent_enc is not None
    ):  # an assisted filing's consent (a witness's name); its image is a photo
        filing.consent_enc = REMOVED
    counts["filings"] += 1
    counts["photos"] += _release_photos(batch, filing_id)


def _strip_rating(batch: _Batch, rating_id: str, counts: Counter[str]) -> None:
    rating = batch.session.get(Rating, rating_id)
    if rating is None:
        return
    rating.comment_enc = REMOVED
    rating.callback_phone_enc = None
    counts["ratings"] += 1


def _purge_acknowledged(batch: _Batch, counts: Counter[str]) -> bool:
    if not batch.kiosk.cipher.is_unlocked():
        return False  # a locked laptop: its data waits, sealed under a helper's PIN, for the next sign-in
    due = _due_records(batch)
    for record_id, kind in due:
        if kind == "filing":
            _strip_filing(batch, record_id, counts)
        else:
            _strip_rating(batch, record_id, counts)
        entry = batch.session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == record_id)).one()
        entry.payload_enc = REMOVED
    return len(due) >= batch.limit


def _purge_unclaimed_photos(batch: _Batch, counts: Counter[str]) -> bool:
    taken_before = batch.policy.due_before(Purge.UNCLAIMED_PHOTO, now=batch.now)
    counts["unclaimed_photos"] += delete_unclaimed_photos(
        batch.session, batch.kiosk.settings.data_dir, taken_before=taken_before
    )
    return False


def _purge_expired_drafts(batch: _Batch, counts: Counter[str]) -> bool:
    """Drafts past their `draft_days`; their photos are then unclaimed and go with the next step."""
    from kiosk.services.drafts import purge_expired_drafts

    counts["drafts"] += purge_expired_drafts(batch.session, batch.kiosk, now=batch.now)
    return False


PURGE_STEPS: tuple[PurgeStep, ...] = (_purge_acknowledged, _purge_expired_drafts, _purge_unclaimed_photos)


def _audit(session: Session, *, at: str, removed: dict[str, int], days: int) -> None:
    """One entry per purge transaction: counts and the retention in force, never personal data."""
    detail = {**removed, "retention_days": days}
    append_audit(session, at=at, actor=ACTOR, action=AUDIT_ACTION, subject_id=None, detail=detail)


def _run_batch(kiosk: KioskRuntime, *, batch_size: int) -> tuple[Counter[str], bool]:
    """One transaction: every step, and an audit entry when something left; True when more may be due."""
    counts: Counter[str] = Counter()
    now = kiosk.clock()
    with kiosk.sessions.begin() as session:
        batch = _Batch(kiosk=kiosk, session=session, policy=policy_of(session), now=now, limit=batch_size)
        more = any([step(batch, counts) for step in PURGE_STEPS])  # a list: every step runs
        removed = {what: count for what, count in counts.items() if count}
        if removed:
            _audit(session, at=now.isoformat(), removed=removed, days=batch.policy.pii_retention_days)
    return counts, more


def purge_expired(kiosk: KioskRuntime, *, batch_size: int = BATCH_SIZE) -> PurgeReport:
    """Remove every piece of personal data whose time is up (see the module's rules); returns the counts."""
    total: Counter[str] = Counter()
    more = True
    while more:
        counts, more = _run_batch(kiosk, batch_size=batch_size)
        total.update(counts)
    report = PurgeReport(counts={what: count for what, count in total.items() if count})
    if report.removed:
        if not empty_the_wal(kiosk.engine):
            log.info("retention: the WAL is in use; the next checkpoint empties it")
        log.info("retention removed personal data: %s", report.counts)
    return report
