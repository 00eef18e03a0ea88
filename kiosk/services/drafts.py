"""Use case: a helper's unfinished assisted filing (草稿), saved and resumed later on this terminal.

A draft keeps the form version it was begun with, the resident's answers and consent sealed at rest, and the
photos it names claimed (so the unclaimed-photo purge leaves them). It expires `draft_days` after it was last
saved and is wiped with its photos then, or as soon as it is submitted. Only the helper who began it sees or
resumes it. A draft whose form version the county withdrew cannot be resumed: the helper is told so plainly
and the draft is wiped (its answers belong to a form no longer in force).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.audit import append_audit
from db.models import Attachment, Draft, DraftAttachment
from kiosk.domain.catalog import Service, Text
from kiosk.domain.consent import Consent
from kiosk.domain.errors import KioskError
from kiosk.domain.masking import mask_name
from kiosk.services.attachments import delete_if_unclaimed
from kiosk.services.form_check import photo_hashes, service_for_form
from kiosk.services.runtime import KioskRuntime, make_record_id

ACTOR = "helper"
GONE = KioskError(
    "这份草稿已不存在（已提交、已过期或不属于您）",
    "This draft no longer exists (submitted, expired, or not yours).",
)


@dataclass(frozen=True, slots=True)
class DraftSummary:
    """A draft as the helper's list shows it: no clear personal data."""

    draft_id: str
    service_name: Text
    resident_masked: str
    updated_at: datetime
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class ResumedDraft:
    """What the form needs to go on: the service at the draft's version, the answers, the consent."""

    draft_id: str
    service: Service
    answers: dict[str, str]
    consent: Consent


def _consent_json(consent: Consent) -> dict[str, object]:
    return {
        "method": consent.method,
        "given_at": consent.given_at.isoformat(),
        "evidence_sha256": consent.evidence_sha256,
        "witness_name": consent.witness_name,
    }


def _consent_of(data: Mapping[str, object]) -> Consent:
    evidence, witness = data.get("evidence_sha256"), data.get("witness_name")
    return Consent(
        method=str(data["method"]),  # type: ignore[arg-type]  # written by _consent_json from a Consent
        given_at=datetime.fromisoformat(str(data["given_at"])),
        evidence_sha256=str(evidence) if evidence else None,
        witness_name=str(witness) if witness else None,
    )


def _held_photos(service: Service, answers: Mapping[str, str], consent: Consent) -> list[str]:
    held = photo_hashes(service.form, answers)
    if consent.evidence_sha256 and consent.evidence_sha256 not in held:
        held.append(consent.evidence_sha256)
    return held


def save_draft(
    kiosk: KioskRuntime,
    *,
    staff_no: str,
    service_code: str,
    service_version: int,
    answers: Mapping[str, str],
    consent: Consent,
    draft_id: str | None = None,
) -> str:
    """Keep (or update) the helper's draft; returns its id. Unchecked answers are kept as typed."""
    service = service_for_form(kiosk, code=service_code, version=service_version)
    now = kiosk.clock()
    kept = {key: value for key, value in answers.items() if value}
    content = json.dumps({"answers": kept, "consent": _consent_json(consent)}, ensure_ascii=False)
    with kiosk.sessions.begin() as session:
        row = session.get(Draft, draft_id) if draft_id else None
        if draft_id and (row is None or row.helper_staff_no != staff_no):
            raise GONE
        if row is None:
            row = Draft(id=make_record_id(), helper_staff_no=staff_no, created_at=now.isoformat())
            session.add(row)
        row.service_code, row.service_version = service.code, service.version
        row.resident_masked = mask_name(kept.get("applicant_name", "")) or "—"
        row.content_enc = kiosk.cipher.encrypt(record_id=row.id, field="draft", plaintext=content)
        row.updated_at = now.isoformat()
        row.expires_at = (now + timedelta(days=kiosk.settings.draft_days)).isoformat()
        session.flush()
        session.execute(delete(DraftAttachment).where(DraftAttachment.draft_id == row.id))
        for sha256 in _held_photos(service, kept, consent):
            if session.get(Attachment, sha256) is not None:
                session.add(DraftAttachment(draft_id=row.id, sha256=sha256))
        append_audit(
            session,
            at=now.isoformat(),
            actor=ACTOR,
            action="draft.save",
            subject_id=row.id,
            detail={"by": staff_no},
        )
        return row.id


def list_drafts(kiosk: KioskRuntime, staff_no: str) -> list[DraftSummary]:
    """The helper's drafts, most recently saved first (expired ones are not listed)."""
    now = kiosk.clock().isoformat()
    with kiosk.sessions() as session:
        rows = session.scalars(
            select(Draft)
            .where(Draft.helper_staff_no == staff_no, Draft.expires_at > now)
            .order_by(Draft.updated_at.desc())
        ).all()
    summaries = []
    for row in rows:
        try:
            name = kiosk.catalog.service(row.service_code).name
        except KioskError:
            name = Text(row.service_code, row.service_code)
        summaries.append(
            DraftSummary(
                draft_id=row.id,
                service_name=name,
                resident_masked=row.resident_masked,
                updated_at=datetime.fromisoformat(row.updated_at),
                expires_at=datetime.fromisoformat(row.expires_at),
            )
        )
    return summaries


def _wipe(session: Session, kiosk: KioskRuntime, row: Draft, *, why: str) -> None:
    held = session.scalars(select(DraftAttachment.sha256).where(DraftAttachment.draft_id == row.id)).all()
    session.execute(delete(DraftAttachment).where(DraftAttachment.draft_id == row.id))
    session.delete(row)
    session.flush()
    delete_if_unclaimed(session, kiosk.settings.data_dir, held)  # a photo a filing took stays
    append_audit(
        session,
        at=kiosk.clock().isoformat(),
        actor=ACTOR,
        action=f"draft.{why}",
        subject_id=row.id,
        detail={},
    )


def resume_draft(kiosk: KioskRuntime, *, staff_no: str, draft_id: str) -> ResumedDraft:
    """The draft to go on with; KioskError when it is gone or its form version was withdrawn (then wiped)."""
    now = kiosk.clock().isoformat()
    with kiosk.sessions() as session:
        row = session.get(Draft, draft_id)
        if row is None or row.helper_staff_no != staff_no or row.expires_at <= now:
            raise GONE
        code, version, sealed = row.service_code, row.service_version, row.content_enc
    try:
        service = service_for_form(kiosk, code=code, version=version)
    except KioskError:
        discard_draft(kiosk, draft_id=draft_id, why="withdrawn")
        raise KioskError(
            "县里已撤下这份草稿所用的表单版本，草稿无法继续，已清除；请为群众重新办理",
            "The county withdrew the form version this draft was begun with: it cannot go on and was cleared. "
            "Please file again for the resident.",
        ) from None
    content = json.loads(kiosk.cipher.decrypt(record_id=draft_id, field="draft", blob=sealed))
    return ResumedDraft(
        draft_id=draft_id,
        service=service,
        answers=dict(content["answers"]),
        consent=_consent_of(content["consent"]),
    )


def discard_draft(kiosk: KioskRuntime, *, draft_id: str, why: str = "submitted") -> None:
    """Wipe a draft and the photos only it held (once submitted, or when the helper gives it up)."""
    with kiosk.sessions.begin() as session:
        row = session.get(Draft, draft_id)
        if row is not None:
            _wipe(session, kiosk, row, why=why)


def purge_expired_drafts(session: Session, kiosk: KioskRuntime, *, now: datetime) -> int:
    """In the caller's transaction, wipe every draft whose time is up (its photos go with the unclaimed ones)."""
    expired = session.scalars(select(Draft).where(Draft.expires_at <= now.isoformat())).all()
    for row in expired:
        session.execute(delete(DraftAttachment).where(DraftAttachment.draft_id == row.id))
        session.delete(row)
    session.flush()
    return len(expired)
