"""Submitting a filing: everything in one transaction, or nothing at all."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.audit import verify_audit_chain
from db.models import Attachment, AuditEntry, Device, Filing, FilingAttachment, OutboxEntry, PrintJob
from kiosk.domain.errors import KioskError
from kiosk.domain.forms import FormInvalid
from kiosk.domain.voucher import check_voucher_code
from kiosk.services.attachments import add_attachment
from kiosk.services.demo_answers import DEMO_PHOTO_SHA256, demo_answer, demo_answers, store_demo_photo
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime
from kiosk.services.sync_round import run_full_round
from sync.protocol import parse_signed_voucher


def _counts(kiosk: KioskRuntime) -> dict[str, int]:
    with kiosk.sessions() as session:
        counts = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Filing, OutboxEntry, PrintJob, AuditEntry)
        }
        device = session.get(Device, 1)
        assert device is not None
        counts["next_seq"] = device.next_seq
    return counts


def test_submit_writes_filing_outbox_print_job_and_audit_together(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.services[0]
    result = submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    assert check_voucher_code(result.voucher_code).ok
    assert parse_signed_voucher(result.qr_payload).filing_id == result.filing_id
    assert result.voucher_display.count("-") == 2
    with kiosk.sessions() as session:
        filing = session.get(Filing, result.filing_id)
        assert filing is not None and filing.local_status == "accepted" and filing.device_seq == 1
        outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == result.filing_id)).one()
        assert outbox.state == "pending" and outbox.kind == "filing"
        job = session.get(PrintJob, result.print_job_id)
        assert job is not None and job.state == "queued"
        audit = session.scalars(select(AuditEntry).where(AuditEntry.subject_id == result.filing_id)).one()
        assert audit.action == "filing.submit"
        assert verify_audit_chain(session) is None


def test_device_sequence_numbers_follow_each_other(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.services[1]
    ids = [
        submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).filing_id
        for _ in range(3)
    ]
    with kiosk.sessions() as session:
        seqs = [session.get(Filing, filing_id).device_seq for filing_id in ids]  # type: ignore[union-attr]
    assert seqs == [1, 2, 3]
    assert ids == sorted(ids), "record ids are time-ordered"


def test_bad_answers_report_every_field_and_write_nothing(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.services[0]
    before = _counts(kiosk)
    answers = demo_answers(
        service,
        {"applicant_id_number": "110105194912310021", "applicant_phone": "12345", "applicant_name": ""},
    )
    with pytest.raises(FormInvalid) as info:
        submit_filing(kiosk, service_code=service.code, answers=answers)
    assert set(info.value.errors) == {"applicant_id_number", "applicant_phone", "applicant_name"}
    assert all(p.zh and p.en for p in info.value.errors.values())
    assert _counts(kiosk) == before


def test_unknown_service_is_refused_in_both_languages(kiosk: KioskRuntime) -> None:
    before = _counts(kiosk)
    with pytest.raises(KioskError) as info:
        submit_filing(kiosk, service_code="NO-SUCH", answers={})
    assert "未找到" in info.value.zh and "not found" in info.value.en.lower()
    assert _counts(kiosk) == before


def test_rare_characters_survive_storage_unchanged(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.services[0]
    name = "王𠈌䶮"
    result = submit_filing(
        kiosk, service_code=service.code, answers=demo_answers(service, {"applicant_name": name})
    )
    with kiosk.sessions() as session:
        filing = session.get(Filing, result.filing_id)
        assert filing is not None
        stored = kiosk.cipher.decrypt(record_id=filing.id, field="name", blob=filing.applicant_name_enc)
        outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == filing.id)).one()
        payload = json.loads(
            kiosk.cipher.decrypt(record_id=filing.id, field="outbox", blob=outbox.payload_enc)
        )
    assert stored == name
    assert payload["applicant"]["name"] == name


def test_a_filing_reported_as_accepted_survives_the_process_being_killed(tmp_path: Path) -> None:
    data_dir = tmp_path / "killed"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        os.environ["BIANMIN_DATA_DIR"] = {str(data_dir)!r}
        from kiosk.services.runtime import open_kiosk
        from kiosk.services.demo_answers import demo_answers
        from kiosk.services.filing import submit_filing
        from kiosk.settings import load_settings
        kiosk = open_kiosk(load_settings())
        service = kiosk.catalog.services[0]
        result = submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
        print(result.filing_id, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=Path.cwd(), check=False
    )
    assert proc.returncode == -9, proc.stderr
    filing_id = proc.stdout.strip()
    from kiosk.services.runtime import open_kiosk
    from kiosk.settings import load_settings

    kiosk = open_kiosk(load_settings({"BIANMIN_DATA_DIR": str(data_dir)}))
    try:
        with kiosk.sessions() as session:
            assert session.get(Filing, filing_id) is not None
            assert session.scalars(
                select(OutboxEntry.state).where(OutboxEntry.record_id == filing_id)
            ).one() == ("pending")
    finally:
        kiosk.close()


def test_photos_named_in_the_answers_are_attached_and_listed_in_the_payload(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.service("CA-001")
    first = add_attachment(kiosk, data=b"photo of the household register", media_type="image/jpeg")
    second = add_attachment(kiosk, data=b"photo of the medical record", media_type="image/jpeg")
    answers = demo_answers(service, {"supporting_photos": f"{first},{second}"})
    result = submit_filing(kiosk, service_code=service.code, answers=answers)
    with kiosk.sessions() as session:
        links = session.scalars(
            select(FilingAttachment.sha256)
            .where(FilingAttachment.filing_id == result.filing_id)
            .order_by(FilingAttachment.position)
        ).all()
        outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == result.filing_id)).one()
        payload = json.loads(
            kiosk.cipher.decrypt(record_id=result.filing_id, field="outbox", blob=outbox.payload_enc)
        )
    assert links == [first, second]
    assert payload["attachments"] == [first, second], "sync uploads what the payload lists"
    assert payload["answers"]["supporting_photos"] == f"{first},{second}"
    assert payload["answers"]["income_sources"] == "farming,wages"
    assert payload["answers"]["home_address"] == "示例县示例镇\n幸福村\n3组15号", "county and township lead"


def test_a_required_photos_field_takes_the_stored_demo_photo(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.service("CA-001")
    photos = service.form.get("supporting_photos")
    assert photos is not None
    required = dataclasses.replace(photos, required=True)
    assert demo_answer(required) == DEMO_PHOTO_SHA256
    assert store_demo_photo(kiosk) == DEMO_PHOTO_SHA256
    result = submit_filing(
        kiosk,
        service_code=service.code,
        answers=demo_answers(service, {"supporting_photos": DEMO_PHOTO_SHA256}),
    )
    with kiosk.sessions() as session:
        assert session.scalars(
            select(FilingAttachment.sha256).where(FilingAttachment.filing_id == result.filing_id)
        ).all() == [DEMO_PHOTO_SHA256]


def test_every_sample_service_takes_its_demo_answers(kiosk: KioskRuntime) -> None:
    for service in kiosk.catalog.services:
        submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    with kiosk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Filing)) == len(kiosk.catalog.services)


def test_a_photo_answer_reaches_the_county_with_its_filing(enrolled: KioskRuntime) -> None:
    service = enrolled.catalog.service("CA-001")
    photo = os.urandom(3000)
    sha = add_attachment(enrolled, data=photo, media_type="image/jpeg")
    submit_filing(
        enrolled, service_code=service.code, answers=demo_answers(service, {"supporting_photos": sha})
    )
    report = run_full_round(enrolled)
    assert report.ok, report.error
    assert report.attachments is not None and report.attachments.completed == 1
    with enrolled.sessions() as session:
        row = session.get(Attachment, sha)
        assert row is not None and row.upload_state == "complete"
        assert session.scalars(select(OutboxEntry.state)).all() == ["sent"]
