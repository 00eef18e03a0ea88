"""Rating a filing: five levels, bad ratings need a reason, one rating per filing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import Filing, OutboxEntry, Rating
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.rating import (
    ALREADY_RATED,
    FILING_PHONE_GONE,
    AlreadyRated,
    filing_callback_offer,
    rate_filing,
)
from kiosk.services.runtime import KioskRuntime


def _filing(kiosk: KioskRuntime) -> str:
    service = kiosk.catalog.services[0]
    return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).filing_id


def _ratings(kiosk: KioskRuntime) -> int:
    with kiosk.sessions() as session:
        return session.scalar(select(func.count()).select_from(Rating)) or 0


def test_good_rating_is_stored_and_queued(kiosk: KioskRuntime) -> None:
    filing_id = _filing(kiosk)
    rating_id = rate_filing(kiosk, filing_id=filing_id, level=5)
    with kiosk.sessions() as session:
        assert session.get(Rating, rating_id).level == 5  # type: ignore[union-attr]
        assert (
            session.scalars(select(OutboxEntry.kind).where(OutboxEntry.record_id == rating_id)).one()
            == "rating"
        )


def test_bad_rating_without_a_reason_is_refused_and_nothing_is_written(kiosk: KioskRuntime) -> None:
    filing_id = _filing(kiosk)
    with pytest.raises(ValidationError) as info:
        rate_filing(kiosk, filing_id=filing_id, level=1)
    assert info.value.zh and info.value.en
    assert _ratings(kiosk) == 0


def test_bad_rating_with_reason_and_callback_phone_keeps_the_phone_encrypted(kiosk: KioskRuntime) -> None:
    filing_id = _filing(kiosk)
    rating_id = rate_filing(
        kiosk, filing_id=filing_id, level=2, reasons=["long_wait"], callback_phone="13700001111"
    )
    with kiosk.sessions() as session:
        rating = session.get(Rating, rating_id)
        assert rating is not None and rating.callback_phone_enc is not None
        assert b"13700001111" not in rating.callback_phone_enc
        phone = kiosk.cipher.decrypt(
            record_id=rating_id, field="callback_phone", blob=rating.callback_phone_enc
        )
    assert phone == "13700001111"


def test_a_filing_is_rated_once(kiosk: KioskRuntime) -> None:
    filing_id = _filing(kiosk)
    rate_filing(kiosk, filing_id=filing_id, level=4)
    with pytest.raises(AlreadyRated) as info:
        rate_filing(kiosk, filing_id=filing_id, level=3)
    assert (info.value.zh, info.value.en) == (ALREADY_RATED.zh, ALREADY_RATED.en)
    assert "已经评价" in info.value.zh
    assert _ratings(kiosk) == 1


def test_rating_an_unknown_filing_is_refused(kiosk: KioskRuntime) -> None:
    with pytest.raises(KioskError):
        rate_filing(kiosk, filing_id="does-not-exist", level=5)
    assert _ratings(kiosk) == 0


def _filing_phone(kiosk: KioskRuntime) -> str:
    return str(demo_answers(kiosk.catalog.services[0])["applicant_phone"])


def test_the_filing_number_is_offered_masked_and_sealed_as_the_call_back(kiosk: KioskRuntime) -> None:
    filing_id, phone = _filing(kiosk), _filing_phone(kiosk)
    assert filing_callback_offer(kiosk, filing_id) == f"{phone[:3]}****{phone[-4:]}"

    rating_id = rate_filing(
        kiosk, filing_id=filing_id, level=1, reasons=["not_done"], callback_to_filing_phone=True
    )
    with kiosk.sessions() as session:
        rating = session.get(Rating, rating_id)
        assert rating is not None and rating.callback_phone_enc is not None
        assert phone.encode() not in rating.callback_phone_enc
        sealed = kiosk.cipher.decrypt(
            record_id=rating_id, field="callback_phone", blob=rating.callback_phone_enc
        )
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == rating_id)).one()
        sent = kiosk.cipher.decrypt(record_id=rating_id, field="outbox", blob=entry.payload_enc)
    assert sealed == phone
    assert f'"callback_phone": "{phone}"' in sent


def test_a_good_rating_takes_no_call_back_to_the_filing_number(kiosk: KioskRuntime) -> None:
    filing_id = _filing(kiosk)
    with pytest.raises(ValidationError) as info:
        rate_filing(kiosk, filing_id=filing_id, level=5, callback_to_filing_phone=True)
    assert info.value.field == "callback_phone"
    assert _ratings(kiosk) == 0


def test_a_filing_number_no_longer_readable_is_not_offered_and_not_used(kiosk: KioskRuntime) -> None:
    filing_id = _filing(kiosk)
    with kiosk.sessions.begin() as session:
        filing = session.get(Filing, filing_id)
        assert filing is not None
        filing.applicant_phone_enc = b"removed"  # what retention (or damage) leaves
    assert filing_callback_offer(kiosk, filing_id) is None
    with pytest.raises(KioskError) as info:
        rate_filing(kiosk, filing_id=filing_id, level=2, reasons=["long_wait"], callback_to_filing_phone=True)
    assert info.value.zh == FILING_PHONE_GONE.zh
    assert _ratings(kiosk) == 0
