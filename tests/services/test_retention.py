"""Personal data leaves the kiosk's store once its time is up, only after the county acknowledged it, and a
look-up by voucher still shows what it showed; checked on the real SQLite file and the files beside it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from db.audit import verify_audit_chain
from db.models import Attachment, AuditEntry, Filing, OutboxEntry, Rating
from kiosk.admin.cli import describe_round
from kiosk.domain.address import join_address
from kiosk.services.attachments import add_attachment
from kiosk.services.county_changes import CountyChanges
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.services.lookup import lookup_by_voucher
from kiosk.services.person_lookup import NothingFound, lookup_by_person
from kiosk.services.rating import rate_filing
from kiosk.services.receipts import receipt_for_filing
from kiosk.services.retention import AUDIT_ACTION, purge_expired
from kiosk.services.runtime import KioskRuntime
from kiosk.services.sync_round import run_channel, run_full_round
from sync.attachments import ATTACHMENT_FIELD, record_progress
from sync.backoff import PULL, PUSH
from sync.enrol import Enrolment, load_or_create_device_key, record_enrolment
from sync.protocol import (
    AttachmentStatus,
    CountyConfig,
    FilingStatusChange,
    PushResponse,
    RecordResult,
    public_key_text,
)
from sync.push import PushReport, acknowledged_stamp, apply_answer
from tests.support.clock import ManualClock
from tests.support.sentinels import (
    SENTINEL_CALLBACK,
    SENTINEL_COMMENT,
    SENTINEL_ID,
    SENTINEL_NAME,
    SENTINEL_PHONE,
    encodings,
    rate_with_sentinels,
)

SENTINEL_STREET = "哨兵巷九号SENTINEL"
SENTINELS = (SENTINEL_NAME, SENTINEL_ID, SENTINEL_PHONE, SENTINEL_STREET, SENTINEL_COMMENT, SENTINEL_CALLBACK)
SERVICE = "SS-003"  # pickup by post asks for an address; ID card photos
UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, a request fails at once


@pytest.fixture
def kiosk(clocked_kiosk: KioskRuntime) -> Iterator[KioskRuntime]:
    """The clocked kiosk, enrolled (offline, as after the county's answer) with a 30-day retention."""
    _enrol(clocked_kiosk, retention_days=30)
    yield clocked_kiosk


def _enrol(kiosk: KioskRuntime, *, retention_days: int) -> None:
    key = load_or_create_device_key(kiosk.settings.device_key_path)
    enrolment = Enrolment(
        device_id=kiosk.device_id,
        site="示例镇便民服务中心",
        config=CountyConfig(pii_retention_days=retention_days),
        server_time=int(kiosk.clock().timestamp()),
    )
    record_enrolment(
        kiosk.sessions,
        enrolment,
        server_url=UNREACHABLE,
        public_key=public_key_text(key),
        clock_skew_s=0.0,
        now=kiosk.clock(),
    )


def _file(kiosk: KioskRuntime, *, photo: bytes | None = None) -> SubmittedFiling:
    """A citizen files SS-003 by post with the sentinel applicant, address and (optionally) an ID card photo."""
    service = kiosk.catalog.service(SERVICE)
    overrides = {
        "applicant_name": SENTINEL_NAME,
        "applicant_id_number": SENTINEL_ID,
        "applicant_phone": SENTINEL_PHONE,
        "pickup_method": "post",
        "postal_address": join_address("幸福村", SENTINEL_STREET),
    }
    if photo is not None:
        overrides["id_card_front_photos"] = add_attachment(kiosk, data=photo, media_type="image/jpeg")
    return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service, overrides))


def _county_holds_photos(kiosk: KioskRuntime) -> None:
    """Every photo reaches the county whole, as an upload records it."""
    with kiosk.sessions() as session:
        sizes = session.execute(select(Attachment.sha256, Attachment.size)).tuples().all()
    for sha256, size in sizes:
        status = AttachmentStatus(sha256=sha256, size=size, received=size, complete=True)
        record_progress(kiosk.sessions, sha256, status)


def _county_answers(kiosk: KioskRuntime, **statuses: str) -> None:
    """The county's push answer for these records (id -> accepted | duplicate | rejected), now."""
    results = [
        RecordResult(id=record_id, status=status, reason="缺少材料" if status == "rejected" else None)  # type: ignore[arg-type]
        for record_id, status in statuses.items()
    ]
    now = acknowledged_stamp(kiosk.clock())
    apply_answer(kiosk.sessions, PushResponse(results=results), PushReport(), now=now)


def _county_sets_status(kiosk: KioskRuntime, filing_id: str, status: str, note: str) -> None:
    change = FilingStatusChange(
        filing_id=filing_id, status=status, note=note, changed_at=kiosk.clock().isoformat()
    )
    with kiosk.sessions.begin() as session:
        CountyChanges(kiosk).apply_filing_status(session, change, seq=1)


def _store_bytes(kiosk: KioskRuntime) -> dict[str, bytes]:
    """Every file of the data directory but the keys, by name relative to it."""
    root = kiosk.settings.data_dir
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and path.suffix != ".key"
    }


def _decrypted_view(kiosk: KioskRuntime) -> list[str]:
    """Everything the store still holds encrypted, decrypted (what someone with the key file would read)."""
    decrypt = kiosk.cipher.decrypt
    seen: list[str] = []
    with kiosk.sessions() as session:
        for filing in session.scalars(select(Filing)):
            for name, blob in (
                ("name", filing.applicant_name_enc),
                ("id_number", filing.applicant_id_number_enc),
                ("phone", filing.applicant_phone_enc),
                ("answers", filing.answers_enc),
            ):
                if blob:
                    seen.append(decrypt(record_id=filing.id, field=name, blob=blob))
        for rating in session.scalars(select(Rating)):
            if rating.comment_enc:
                seen.append(decrypt(record_id=rating.id, field="comment", blob=rating.comment_enc))
            if rating.callback_phone_enc:
                seen.append(
                    decrypt(record_id=rating.id, field="callback_phone", blob=rating.callback_phone_enc)
                )
        for entry in session.scalars(select(OutboxEntry)):
            if entry.payload_enc:
                seen.append(decrypt(record_id=entry.record_id, field="outbox", blob=entry.payload_enc))
        for photo in session.scalars(select(Attachment)):
            blob = (kiosk.settings.data_dir / photo.relative_path).read_bytes()
            seen.append(
                kiosk.cipher.open(record_id=photo.sha256, field=ATTACHMENT_FIELD, blob=blob).decode("latin-1")
            )
    return seen


def _ciphertexts(kiosk: KioskRuntime, filing_id: str, rating_id: str) -> list[bytes]:
    """The sealed personal data of one filing and its rating as stored (the key file opens them)."""
    with kiosk.sessions() as session:
        filing = session.get(Filing, filing_id)
        rating = session.get(Rating, rating_id)
        assert filing is not None and rating is not None and rating.callback_phone_enc is not None
        outbox = session.scalars(
            select(OutboxEntry.payload_enc).where(OutboxEntry.record_id.in_((filing_id, rating_id)))
        )
        photos = [kiosk.settings.data_dir / p for p in session.scalars(select(Attachment.relative_path))]
        return [
            filing.applicant_name_enc,
            filing.applicant_id_number_enc,
            filing.applicant_phone_enc,
            filing.answers_enc,
            rating.comment_enc,
            rating.callback_phone_enc,
            *outbox,
            *(path.read_bytes() for path in photos),
        ]


def _audit_entries(kiosk: KioskRuntime) -> list[AuditEntry]:
    with kiosk.sessions() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == AUDIT_ACTION).order_by(AuditEntry.seq)
            )
        )


def _photo_files(kiosk: KioskRuntime) -> list[Path]:
    return [path for path in (kiosk.settings.data_dir / "attachments").rglob("*") if path.is_file()]


def test_acknowledged_personal_data_leaves_after_the_retention_days_and_the_voucher_still_finds_the_filing(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    filed = _file(kiosk, photo=f"身份证正面 {SENTINEL_NAME} {SENTINEL_ID}".encode())
    rating_id = rate_with_sentinels(kiosk, filed.filing_id)
    _county_holds_photos(kiosk)
    _county_answers(kiosk, **{filed.filing_id: "accepted", rating_id: "duplicate"})
    clock.advance(timedelta(days=2))
    _county_sets_status(kiosk, filed.filing_id, "办理中", "材料已收到")
    before = lookup_by_voucher(kiosk, text=filed.voucher_code)
    sealed = _ciphertexts(kiosk, filed.filing_id, rating_id)

    clock.advance(
        timedelta(days=28) - timedelta(minutes=1)
    )  # 30 days after the county's answer, less a minute
    assert purge_expired(kiosk).removed == 0
    assert [
        f.filing_id for f in lookup_by_person(kiosk, id_number=SENTINEL_ID, phone=SENTINEL_PHONE).filings
    ] == [filed.filing_id]
    assert len(_photo_files(kiosk)) == 1

    clock.advance(timedelta(minutes=1))
    report = purge_expired(kiosk)
    assert report.counts == {"filings": 1, "ratings": 1, "photos": 1}

    after = lookup_by_voucher(kiosk, text=filed.voucher_code)
    assert after == before, "a look-up by voucher shows the same service, masked lines, status and next step"
    assert (after.service_code, after.server_status, after.server_status_note) == (
        SERVICE,
        "办理中",
        "材料已收到",
    )
    assert after.masked_applicant[0].value == "哨***" and after.sync_state == "sent" and after.rated
    assert "邮寄" in (after.next_step.zh if after.next_step else ""), "how the result comes stays"
    receipt = receipt_for_filing(kiosk, filed.filing_id)  # a reprint still works, from masked data
    assert [row.value for row in receipt.lines] == [line.value for line in filed.masked_applicant]
    with pytest.raises(NothingFound):
        lookup_by_person(kiosk, id_number=SENTINEL_ID, phone=SENTINEL_PHONE)

    assert _photo_files(kiosk) == [], "the photo's file is gone from disk"
    with kiosk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Attachment)) == 0
    for name, content in _store_bytes(kiosk).items():
        for sentinel in SENTINELS:
            for encoded in encodings(sentinel):
                assert encoded not in content, f"{sentinel!r} still in clear in {name}"
        for blob in sealed:
            assert blob not in content, f"sealed personal data (which the key file opens) still in {name}"
    for text in _decrypted_view(kiosk):
        assert not any(sentinel in text for sentinel in SENTINELS), text

    [entry] = _audit_entries(kiosk)
    assert json.loads(entry.detail_json) == {"filings": 1, "ratings": 1, "photos": 1, "retention_days": 30}
    with kiosk.sessions() as session:
        assert verify_audit_chain(session) is None


def test_nothing_the_county_has_not_acknowledged_is_ever_purged(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    acknowledged = _file(kiosk, photo="身份证反面 SENTINEL".encode())
    _county_holds_photos(kiosk)
    rejected = _file(kiosk)
    in_flight = _file(kiosk)
    _county_answers(kiosk, **{acknowledged.filing_id: "accepted", rejected.filing_id: "rejected"})
    with kiosk.sessions.begin() as session:  # a push cut off by a power cut leaves its batch in flight
        session.execute(
            update(OutboxEntry).where(OutboxEntry.record_id == in_flight.filing_id).values(state="in_flight")
        )
    pending = _file(kiosk, photo="另一张身份证 SENTINEL".encode())  # never pushed, its photo not uploaded
    pending_rating = rate_filing(
        kiosk, filing_id=acknowledged.filing_id, level=1, reasons=["other"], comment=SENTINEL_COMMENT
    )

    clock.advance(timedelta(days=3650))
    report = purge_expired(kiosk)

    assert report.counts == {"filings": 1, "photos": 1}, "only the acknowledged filing and its uploaded photo"
    found = lookup_by_person(kiosk, id_number=SENTINEL_ID, phone=SENTINEL_PHONE)
    assert {f.filing_id for f in found.filings} == {
        rejected.filing_id,
        in_flight.filing_id,
        pending.filing_id,
    }
    with kiosk.sessions() as session:
        states = dict(session.execute(select(OutboxEntry.record_id, OutboxEntry.state)).tuples().all())
        for filing_id in (rejected.filing_id, in_flight.filing_id, pending.filing_id, pending_rating):
            payload = session.scalars(
                select(OutboxEntry.payload_enc).where(OutboxEntry.record_id == filing_id)
            ).one()
            snapshot = kiosk.cipher.decrypt(record_id=filing_id, field="outbox", blob=payload)
            assert SENTINEL_NAME in snapshot or SENTINEL_COMMENT in snapshot, (
                f"{states[filing_id]} record kept whole"
            )
        rating = session.get(Rating, pending_rating)
        assert rating is not None
        assert (
            kiosk.cipher.decrypt(record_id=pending_rating, field="comment", blob=rating.comment_enc)
            == SENTINEL_COMMENT
        )
        assert [row.upload_state for row in session.scalars(select(Attachment))] == ["pending"]
    assert len(_photo_files(kiosk)) == 1, "the photo the pending filing still has to upload stays"
    assert states[rejected.filing_id] == "rejected" and states[in_flight.filing_id] == "in_flight"


def test_a_photo_shared_with_a_filing_still_kept_stays_until_that_filing_goes_too(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    photo = b"the simulated camera's sample ID card"
    first = _file(kiosk, photo=photo)
    _county_holds_photos(kiosk)
    _county_answers(kiosk, **{first.filing_id: "accepted"})
    clock.advance(timedelta(days=10))
    second = _file(kiosk, photo=photo)  # the same bytes: one file, listed by both
    _county_answers(kiosk, **{second.filing_id: "accepted"})

    clock.advance(timedelta(days=25))
    assert purge_expired(kiosk).counts == {"filings": 1}
    assert len(_photo_files(kiosk)) == 1, "the second filing still lists the photo"

    clock.advance(timedelta(days=10))
    assert purge_expired(kiosk).counts == {"filings": 1, "photos": 1}
    assert _photo_files(kiosk) == []


def test_a_photo_no_filing_took_leaves_an_hour_after_it_was_taken(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    add_attachment(kiosk, data=f"abandoned {SENTINEL_ID}".encode(), media_type="image/jpeg")
    clock.advance(timedelta(minutes=59))
    assert purge_expired(kiosk).removed == 0 and len(_photo_files(kiosk)) == 1

    clock.advance(timedelta(minutes=1))
    assert purge_expired(kiosk).counts == {"unclaimed_photos": 1}
    assert _photo_files(kiosk) == []
    [entry] = _audit_entries(kiosk)
    assert json.loads(entry.detail_json) == {"unclaimed_photos": 1, "retention_days": 30}


def test_a_run_with_nothing_due_writes_nothing(kiosk: KioskRuntime, clock: ManualClock) -> None:
    filed = _file(kiosk)
    _county_answers(kiosk, **{filed.filing_id: "accepted"})
    clock.advance(timedelta(days=29))
    with kiosk.sessions() as session:
        audit_before = session.scalar(select(func.count()).select_from(AuditEntry))
    assert purge_expired(kiosk).removed == 0
    with kiosk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before


def test_a_backlog_leaves_in_bounded_transactions_each_audited(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    filings = [_file(kiosk) for _ in range(5)]
    _county_answers(kiosk, **{f.filing_id: "accepted" for f in filings})
    clock.advance(timedelta(days=31))

    assert purge_expired(kiosk, batch_size=2).counts == {"filings": 5}
    assert [json.loads(entry.detail_json) for entry in _audit_entries(kiosk)] == [
        {"filings": 2, "retention_days": 30},
        {"filings": 2, "retention_days": 30},
        {"filings": 1, "retention_days": 30},
    ]


def test_the_county_s_retention_days_decide_and_sync_rounds_run_the_rules_even_offline(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    _enrol(kiosk, retention_days=7)
    first, second = _file(kiosk), _file(kiosk)
    _county_answers(kiosk, **{first.filing_id: "accepted", second.filing_id: "accepted"})
    clock.advance(timedelta(days=7))

    push = run_channel(kiosk, PUSH)
    assert push.retention is None, "a push alone leaves retention to the next pull"
    pull = run_channel(kiosk, PULL)  # the county is unreachable: the local rules run all the same
    assert PULL in pull.failures and pull.retention is not None and pull.retention.counts == {"filings": 2}
    assert any("personal data removed after retention: 2 filings" in line for line in describe_round(pull))

    third = _file(kiosk)
    _county_answers(kiosk, **{third.filing_id: "accepted"})
    clock.advance(timedelta(days=8))
    full = run_full_round(kiosk)
    assert full.retention is not None and full.retention.counts == {"filings": 1}
