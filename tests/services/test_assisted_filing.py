"""A helper files for a resident with their consent: channel assisted, the helper and the consent on record
(sealed), the evidence attached and listed for upload, the receipt's lines; refusals write nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from db.models import Device, Filing, FilingAttachment, OutboxEntry
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.services.assisted_filing import file_for_resident, keep_consent_image, record_consent
from kiosk.services.demo_answers import demo_answers
from kiosk.services.helper_signin import SignedInHelper
from kiosk.services.rating import check_handover, rate_filing
from kiosk.services.receipts import receipt_for_filing
from kiosk.services.runtime import KioskRuntime
from sync.protocol import CountyConfig, FilingPayload, RatingPayload
from tests.support.helpers_pulled import pull_helpers

HELPER = SignedInHelper(staff_no="BB-1001", name="李桂兰")
SIGNATURE = b"\x89PNG\r\n\x1a\n a finger signature"


@pytest.fixture
def kiosk_of_site(kiosk: KioskRuntime) -> KioskRuntime:
    """A kiosk of the site with one helper (no PIN needed here: signed in already)."""
    pull_helpers(kiosk, [("BB-1001", "李桂兰", "active", None), ("BB-1003", "赵小梅", "revoked", None)])
    return kiosk


def _filings(kiosk: KioskRuntime) -> int:
    with kiosk.sessions() as session:
        return session.scalar(select(func.count()).select_from(Filing)) or 0


def test_an_assisted_filing_carries_the_helper_and_the_signed_consent_to_the_county(
    kiosk_of_site: KioskRuntime,
) -> None:
    kiosk = kiosk_of_site
    evidence = keep_consent_image(kiosk, SIGNATURE)
    consent = record_consent(kiosk, method="signature", evidence_sha256=evidence)
    service = kiosk.catalog.service("CA-001")
    result = file_for_resident(
        kiosk, helper=HELPER, consent=consent, service_code=service.code, answers=demo_answers(service)
    )
    with kiosk.sessions() as session:
        filing = session.get(Filing, result.filing_id)
        assert filing is not None and filing.consent_enc is not None
        outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == result.filing_id)).one()
        payload = json.loads(
            kiosk.cipher.decrypt(record_id=filing.id, field="outbox", blob=outbox.payload_enc)
        )
        linked = session.scalars(
            select(FilingAttachment.sha256).where(FilingAttachment.filing_id == filing.id)
        ).all()
        sealed = json.loads(
            kiosk.cipher.decrypt(record_id=filing.id, field="consent", blob=filing.consent_enc)
        )
    assert (filing.channel, filing.helper_id) == ("assisted", "BB-1001")
    parsed = FilingPayload.model_validate(payload, strict=False)
    assert parsed.assisted is not None and parsed.assisted.consent_method == "signature"
    assert parsed.assisted.consent_evidence_sha256 == evidence and evidence in parsed.attachments
    assert evidence in linked, "the signature uploads with the filing"
    assert sealed["helper_staff_no"] == "BB-1001"
    rows = {row.label: row.value for row in receipt_for_filing(kiosk, result.filing_id).lines}
    assert rows["帮办员"] == "李桂兰（BB-1001）" and rows["群众授权"].startswith("已存档")


def test_an_oral_consent_names_its_witness_and_needs_no_image(kiosk_of_site: KioskRuntime) -> None:
    kiosk = kiosk_of_site
    consent = record_consent(kiosk, method="oral_witnessed", witness_name="王建国")
    service = kiosk.catalog.service("CA-001")
    result = file_for_resident(
        kiosk, helper=HELPER, consent=consent, service_code=service.code, answers=demo_answers(service)
    )
    with kiosk.sessions() as session:
        outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == result.filing_id)).one()
        payload = json.loads(
            kiosk.cipher.decrypt(record_id=result.filing_id, field="outbox", blob=outbox.payload_enc)
        )
    assert (
        payload["assisted"]["consent_witness"] == "王建国"
        and payload["assisted"]["consent_evidence_sha256"] is None
    )


def test_a_consent_without_evidence_or_not_allowed_by_the_county_is_refused(
    kiosk_of_site: KioskRuntime,
) -> None:
    kiosk = kiosk_of_site
    with pytest.raises(ValidationError) as unsigned:
        record_consent(kiosk, method="signature")
    assert "签名" in unsigned.value.zh and "sign" in unsigned.value.en
    with kiosk.sessions.begin() as session:
        device = session.get(Device, 1)
        assert device is not None
        device.county_config_json = CountyConfig(consent_methods=["signature"]).model_dump_json()
    with pytest.raises(ValidationError) as oral:
        record_consent(kiosk, method="oral_witnessed", witness_name="王建国")
    assert "县里允许" in oral.value.zh
    assert _filings(kiosk) == 0


def test_a_helper_revoked_since_sign_in_files_nothing(kiosk_of_site: KioskRuntime) -> None:
    kiosk = kiosk_of_site
    consent = record_consent(kiosk, method="oral_witnessed", witness_name="王建国")
    service = kiosk.catalog.service("CA-001")
    with pytest.raises(KioskError) as refused:
        file_for_resident(
            kiosk,
            helper=SignedInHelper(staff_no="BB-1003", name="赵小梅"),
            consent=consent,
            service_code=service.code,
            answers=demo_answers(service),
        )
    assert "已停用" in refused.value.zh and "revoked" in refused.value.en
    assert _filings(kiosk) == 0


def test_after_the_hand_over_the_resident_rates_and_the_county_can_tell(kiosk_of_site: KioskRuntime) -> None:
    kiosk = kiosk_of_site
    consent = record_consent(kiosk, method="oral_witnessed", witness_name="王建国")
    service = kiosk.catalog.service("CA-001")
    answers = demo_answers(service)
    result = file_for_resident(
        kiosk, helper=HELPER, consent=consent, service_code=service.code, answers=answers
    )
    last_four = answers["applicant_id_number"][-4:]
    assert not check_handover(kiosk, result.filing_id, "0000") and check_handover(
        kiosk, result.filing_id, last_four.lower()
    )
    with pytest.raises(KioskError) as wrong:
        rate_filing(kiosk, filing_id=result.filing_id, level=5, handover_last_four="0000")
    assert "后四位" in wrong.value.zh
    rating_id = rate_filing(kiosk, filing_id=result.filing_id, level=5, handover_last_four=last_four)
    with kiosk.sessions() as session:
        outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == rating_id)).one()
        payload = json.loads(
            kiosk.cipher.decrypt(record_id=rating_id, field="outbox", blob=outbox.payload_enc)
        )
    assert RatingPayload.model_validate(payload, strict=False).given_by == "citizen_after_handover"
