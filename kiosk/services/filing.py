"""Use case: submit a filing — filing, outbox row, print job and audit entry in one durable transaction."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from db.audit import append_audit
from db.models import Attachment, Device, Filing, FilingAttachment, PrintJob
from kiosk.domain.catalog import Service, Text
from kiosk.domain.consent import METHOD_NAMES, Consent
from kiosk.domain.errors import KioskError
from kiosk.domain.masking import mask_id_number, mask_mobile, mask_name
from kiosk.domain.validation import Problem
from kiosk.domain.voucher import format_voucher_code, new_voucher_code
from kiosk.domain.working_days import promised_by
from kiosk.services.county_sealing import sealing_key_if_laptop
from kiosk.services.form_check import photo_hashes, service_for_form, validate_with_photos
from kiosk.services.outbox import queue_for_county
from kiosk.services.runtime import KioskRuntime, make_record_id
from kiosk.services.vouchers import new_filing_id, sign_filing_voucher

log = logging.getLogger(__name__)

APPLICANT_FIELDS = ("applicant_name", "applicant_id_number", "applicant_phone")
MAX_ATTACHMENTS = 20


@dataclass(frozen=True, slots=True)
class MaskedLine:
    """One line of applicant data as it may be shown or printed."""

    label: Text
    value: str


@dataclass(frozen=True, slots=True)
class AssistedBy:
    """An assisted filing (帮办): the signed-in helper who files, and the resident's consent on record."""

    helper_staff_no: str
    helper_name: str
    consent: Consent

    def payload(self) -> dict[str, object]:
        """The filing payload's `assisted` part."""
        return {
            "helper_staff_no": self.helper_staff_no,
            "consent_method": self.consent.method,
            "consent_at": self.consent.given_at.isoformat(),
            "consent_evidence_sha256": self.consent.evidence_sha256,
            "consent_witness": self.consent.witness_name,
        }

    def lines(self) -> tuple[MaskedLine, ...]:
        """What the receipt, the screen and a look-up say of it: who filed, and that consent is on record."""
        method = METHOD_NAMES[self.consent.method]
        return (
            MaskedLine(Text("帮办员", "Filed by helper"), f"{self.helper_name}（{self.helper_staff_no}）"),
            MaskedLine(Text("群众授权", "Resident's consent"), f"已存档：{method.zh}"),
        )


@dataclass(frozen=True, slots=True)
class SubmittedFiling:
    """What the citizen is told after the durable commit: enough for the receipt screen and the print-out."""

    filing_id: str
    voucher_code: str
    service_code: str
    service_name: Text
    time_limit: Text
    promised_by: Text | None
    department: Text
    created_at: datetime
    masked_applicant: tuple[MaskedLine, ...]
    qr_payload: str
    warnings: tuple[Problem, ...]
    print_job_id: str

    @property
    def voucher_display(self) -> str:
        """The voucher code in groups of four, as printed and shown in large type."""
        return format_voucher_code(self.voucher_code)


def _masked_lines(service: Service, answers: Mapping[str, str]) -> tuple[MaskedLine, ...]:
    labels = {field.key: field.label for field in service.form.fields}
    return (
        MaskedLine(labels["applicant_name"], mask_name(answers["applicant_name"])),
        MaskedLine(labels["applicant_id_number"], mask_id_number(answers["applicant_id_number"])),
        MaskedLine(labels["applicant_phone"], mask_mobile(answers["applicant_phone"])),
    )


def _next_device_seq(session: Session) -> tuple[str, int]:
    device = session.get(Device, 1)
    if device is None:  # open_kiosk always creates it; a missing row is a bug, not a user error
        raise RuntimeError("device row missing")
    seq = device.next_seq
    device.next_seq = seq + 1
    return device.device_id, seq


__all__ = ["MaskedLine", "SubmittedFiling", "service_for_form", "submit_filing"]


def _link_attachments(session: Session, filing_id: str, hashes: Sequence[str]) -> None:
    if len(hashes) > MAX_ATTACHMENTS or len(set(hashes)) != len(hashes):
        raise KioskError(
            f"每个办件最多 {MAX_ATTACHMENTS} 个不重复的附件",
            f"A filing takes at most {MAX_ATTACHMENTS} distinct attachments",
        )
    for position, sha256 in enumerate(hashes):
        if session.get(Attachment, sha256) is None:
            raise KioskError("附件未找到，请重新上传", "An attachment is missing; please add it again")
        session.add(FilingAttachment(filing_id=filing_id, sha256=sha256, position=position))


def submit_filing(
    kiosk: KioskRuntime,
    *,
    service_code: str,
    answers: Mapping[str, str],
    channel: str = "self",
    service_version: int | None = None,
    attachments: Sequence[str] = (),
    assisted: AssistedBy | None = None,
) -> SubmittedFiling:
    """Validate, then commit everything in one transaction; returns only once the commit is durable.

    `service_version` is the version the form was opened with (it stays valid after a catalog update);
    None means the current one. `attachments` are SHA-256 hashes from `add_attachment`; the photos named
    by the form's photos fields are attached after them (each file once) and listed in the payload, so
    sync uploads them. `assisted`: a helper files for the resident (channel "assisted"); the consent's
    evidence image is attached too, and the consent is kept sealed with the filing. Raises KioskError for an unknown service or attachment and FormInvalid (with every
    bad field, a lost photo included) for bad answers; in every case nothing is written.
    """
    sealing_key_if_laptop(kiosk)  # a laptop files only with a helper signed in and the county's key
    service = service_for_form(kiosk, code=service_code, version=service_version)
    now = kiosk.clock()
    validated = validate_with_photos(kiosk, service, answers)
    clean = dict(validated.answers)
    evidence = [assisted.consent.evidence_sha256] if assisted and assisted.consent.evidence_sha256 else []
    attachments = [
        *attachments,
        *(sha for sha in photo_hashes(service.form, clean) if sha not in attachments),
    ]
    attachments += [sha for sha in evidence if sha not in attachments]
    if assisted is not None:
        channel = "assisted"
    filing_id = new_filing_id(kiosk)
    voucher = new_voucher_code(secrets.token_bytes(8))
    voucher_payload = sign_filing_voucher(kiosk, filing_id)
    print_job_id = make_record_id()
    created_at = now.isoformat()
    masked = _masked_lines(service, clean) + (assisted.lines() if assisted is not None else ())
    extra_answers = {key: value for key, value in clean.items() if key not in APPLICANT_FIELDS}
    seal = kiosk.cipher.encrypt

    with kiosk.sessions.begin() as session:
        device_id, device_seq = _next_device_seq(session)
        payload = {
            "id": filing_id,
            "service_code": service.code,
            "service_version": service.version,
            "device_id": device_id,
            "device_seq": device_seq,
            "created_at": created_at,
            "channel": channel,
            "voucher_code": voucher,
            "applicant": {
                "name": clean["applicant_name"],
                "id_number": clean["applicant_id_number"],
                "phone": clean["applicant_phone"],
            },
            "answers": extra_answers,
            "attachments": list(attachments),
        }
        if assisted is not None:
            payload["assisted"] = assisted.payload()
        session.add(
            Filing(
                id=filing_id,
                service_code=service.code,
                service_version=service.version,
                channel=channel,
                helper_id=assisted.helper_staff_no if assisted is not None else None,
                consent_enc=(
                    seal(record_id=filing_id, field="consent", plaintext=json.dumps(assisted.payload()))
                    if assisted is not None
                    else None
                ),
                voucher_code=voucher,
                applicant_name_enc=seal(record_id=filing_id, field="name", plaintext=clean["applicant_name"]),
                applicant_id_number_enc=seal(
                    record_id=filing_id, field="id_number", plaintext=clean["applicant_id_number"]
                ),
                applicant_phone_enc=seal(
                    record_id=filing_id, field="phone", plaintext=clean["applicant_phone"]
                ),
                answers_enc=seal(
                    record_id=filing_id,
                    field="answers",
                    plaintext=json.dumps(extra_answers, ensure_ascii=False),
                ),
                masked_applicant_json=json.dumps(
                    [{"zh": m.label.zh, "en": m.label.en, "value": m.value} for m in masked],
                    ensure_ascii=False,
                ),
                local_status="accepted",
                server_status=None,
                device_id=device_id,
                device_seq=device_seq,
                created_at=created_at,
                voucher_payload=voucher_payload,
            )
        )
        session.flush()
        _link_attachments(session, filing_id, attachments)
        queue_for_county(
            session, kiosk.cipher, record_id=filing_id, kind="filing", payload=payload, created_at=created_at
        )
        session.add(
            PrintJob(
                id=print_job_id,
                filing_id=filing_id,
                document_path=f"{filing_id}.pdf",
                state="queued",
                attempts=0,
                created_at=created_at,
                updated_at=created_at,
            )
        )
        append_audit(
            session,
            at=created_at,
            actor=f"helper:{assisted.helper_staff_no}" if assisted is not None else f"citizen@{channel}",
            action="filing.submit",
            subject_id=filing_id,
            detail={
                "service_code": service.code,
                "service_version": service.version,
                "device_seq": device_seq,
                "attachments": len(attachments),
                **({"consent_method": assisted.consent.method} if assisted is not None else {}),
            },
        )
    log.info("filing %s accepted for service %s (seq %d)", filing_id, service.code, device_seq)
    return SubmittedFiling(
        filing_id=filing_id,
        voucher_code=voucher,
        service_code=service.code,
        service_name=service.name,
        time_limit=service.guide.time_limit,
        promised_by=promised_by(service.guide.promise, now),
        department=service.department,
        created_at=now,
        masked_applicant=masked,
        qr_payload=voucher_payload,
        warnings=tuple(p for problems in validated.warnings.values() for p in problems),
        print_job_id=print_job_id,
    )
