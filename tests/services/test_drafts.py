"""A helper's draft: saved sealed with its form version and photos, resumed by that helper only, wiped with
its photos when submitted or when draft_days run out (moved clock), refused plainly when the county withdrew
its form version."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db.models import Attachment, Draft
from kiosk.domain.errors import KioskError
from kiosk.services.assisted_filing import file_for_resident, keep_consent_image, record_consent
from kiosk.services.attachments import add_attachment
from kiosk.services.demo_answers import demo_answers
from kiosk.services.drafts import discard_draft, list_drafts, resume_draft, save_draft
from kiosk.services.helper_signin import SignedInHelper
from kiosk.services.retention import purge_expired
from kiosk.services.runtime import KioskRuntime
from tests.support.clock import ManualClock
from tests.support.helpers_pulled import pull_helpers

HELPER = SignedInHelper("BB-1001", "李桂兰")


def _photos(kiosk: KioskRuntime) -> int:
    with kiosk.sessions() as session:
        return session.scalar(select(func.count()).select_from(Attachment)) or 0


def _begin(kiosk: KioskRuntime) -> tuple[str, dict[str, str]]:
    """A draft of 最低生活保障申请 half filled, with a signature and one document photo."""
    service = kiosk.catalog.service("CA-001")
    evidence = keep_consent_image(kiosk, b"\x89PNG a signature")
    consent = record_consent(kiosk, method="signature", evidence_sha256=evidence)
    photo = add_attachment(kiosk, data=b"a photo of the household register", media_type="image/jpeg")
    answers = {**demo_answers(service), "supporting_photos": photo, "hardship_reason": ""}
    draft_id = save_draft(
        kiosk,
        staff_no=HELPER.staff_no,
        service_code=service.code,
        service_version=service.version,
        answers=answers,
        consent=consent,
    )
    return draft_id, answers


def test_a_draft_is_kept_sealed_resumed_by_its_helper_and_wiped_with_its_photos_once_submitted(
    clocked_kiosk: KioskRuntime, clock: ManualClock
) -> None:
    kiosk = clocked_kiosk
    pull_helpers(kiosk, [("BB-1001", "李桂兰", "active", None)])
    draft_id, answers = _begin(kiosk)
    listed = list_drafts(kiosk, "BB-1001")
    assert [d.draft_id for d in listed] == [draft_id] and "*" in listed[0].resident_masked
    assert list_drafts(kiosk, "BB-1002") == []
    with kiosk.sessions() as session:
        sealed = session.get(Draft, draft_id)
        assert sealed is not None and answers["applicant_name"].encode() not in sealed.content_enc
    with pytest.raises(KioskError):
        resume_draft(kiosk, staff_no="BB-1002", draft_id=draft_id)

    clock.advance(timedelta(hours=3))  # longer than an unclaimed photo lives: a draft's photos stay
    purge_expired(kiosk)
    assert _photos(kiosk) == 2
    resumed = resume_draft(kiosk, staff_no="BB-1001", draft_id=draft_id)
    assert resumed.answers["supporting_photos"] == answers["supporting_photos"]
    assert resumed.consent.method == "signature"
    assert resumed.service.version == kiosk.catalog.service("CA-001").version, "the draft's form version"
    full = {**resumed.answers, "hardship_reason": "因病"}
    file_for_resident(
        kiosk,
        helper=HELPER,
        consent=resumed.consent,
        service_code="CA-001",
        answers=full,
        service_version=resumed.service.version,
    )
    discard_draft(kiosk, draft_id=draft_id)
    assert list_drafts(kiosk, "BB-1001") == []
    assert _photos(kiosk) == 2, "the photos the filing took stay with the filing"


def test_a_draft_expires_after_draft_days_with_the_photos_only_it_held(
    clocked_kiosk: KioskRuntime, clock: ManualClock
) -> None:
    kiosk = clocked_kiosk
    draft_id, _answers = _begin(kiosk)
    clock.advance(timedelta(days=kiosk.settings.draft_days) - timedelta(minutes=1))
    purge_expired(kiosk)
    assert [d.draft_id for d in list_drafts(kiosk, "BB-1001")] == [draft_id]
    clock.advance(timedelta(minutes=1))
    assert list_drafts(kiosk, "BB-1001") == [], "not listed once due"
    purge_expired(kiosk)
    with kiosk.sessions() as session:
        assert session.get(Draft, draft_id) is None
    assert _photos(kiosk) == 0, "the signature and the photo went with the draft"


def test_a_draft_of_a_withdrawn_form_version_is_refused_plainly_and_cleared(
    clocked_kiosk: KioskRuntime,
) -> None:
    kiosk = clocked_kiosk
    draft_id, _answers = _begin(kiosk)
    with kiosk.sessions.begin() as session:
        draft = session.get(Draft, draft_id)
        assert draft is not None
        draft.service_version = 99  # a version this kiosk no longer holds: the county withdrew it
    with pytest.raises(KioskError) as withdrawn:
        resume_draft(kiosk, staff_no="BB-1001", draft_id=draft_id)
    assert "撤下" in withdrawn.value.zh and "withdrew" in withdrawn.value.en
    assert list_drafts(kiosk, "BB-1001") == [] and _photos(kiosk) == 0
