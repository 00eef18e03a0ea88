"""一次一评: rating a service received at a counter (no filing), beside the one rating per filing (一事一评)."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db.models import OutboxEntry, Rating
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.outbox import queue_for_county
from kiosk.services.rating import rate_filing, rate_window_service, rating_status
from kiosk.services.runtime import KioskRuntime, make_record_id
from kiosk.services.status import queue_entries
from kiosk.services.sync_round import run_full_round
from sync.protocol.models import RatingPayload
from tests.sync.county_helpers import County

WINDOW_SERVICE = "SS-001"


def _ratings(kiosk: KioskRuntime) -> list[Rating]:
    with kiosk.sessions() as session:
        return list(session.scalars(select(Rating).order_by(Rating.created_at, Rating.id)))


def _sent_payload(kiosk: KioskRuntime, rating_id: str) -> dict[str, object]:
    with kiosk.sessions() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == rating_id)).one()
        assert entry.kind == "rating"
        payload: dict[str, object] = json.loads(
            kiosk.cipher.decrypt(record_id=rating_id, field="outbox", blob=entry.payload_enc)
        )
    return payload


def _filing(kiosk: KioskRuntime) -> str:
    service = kiosk.catalog.service(WINDOW_SERVICE)
    return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).filing_id


def test_a_window_service_can_be_rated_many_times_without_a_filing(kiosk: KioskRuntime) -> None:
    first = rate_window_service(kiosk, service_code=WINDOW_SERVICE, level=5)
    second = rate_window_service(kiosk, service_code=WINDOW_SERVICE, level=4)

    rows = {row.id: row for row in _ratings(kiosk)}
    assert set(rows) == {first, second}
    assert all(
        (r.subject, r.filing_id, r.service_code) == ("window", None, WINDOW_SERVICE) for r in rows.values()
    )
    payload = _sent_payload(kiosk, first)
    assert (payload["service_code"], payload["level"]) == (WINDOW_SERVICE, 5)
    assert "filing_id" not in payload, "a window rating names one subject only"


def test_a_bad_window_rating_needs_a_reason_and_may_leave_a_callback_phone(kiosk: KioskRuntime) -> None:
    with pytest.raises(ValidationError) as info:
        rate_window_service(kiosk, service_code=WINDOW_SERVICE, level=1)
    assert info.value.field == "reasons" and "原因" in info.value.zh and "reason" in info.value.en
    assert _ratings(kiosk) == []

    rating_id = rate_window_service(
        kiosk,
        service_code=WINDOW_SERVICE,
        level=1,
        reasons=["long_wait", "staff_attitude"],
        callback_phone="137 0000 1111",
    )
    (row,) = _ratings(kiosk)
    assert row.callback_phone_enc is not None and b"13700001111" not in row.callback_phone_enc
    phone = kiosk.cipher.decrypt(record_id=rating_id, field="callback_phone", blob=row.callback_phone_enc)
    assert phone == "13700001111"
    assert _sent_payload(kiosk, rating_id)["callback_phone"] == "13700001111"


def test_a_good_window_rating_takes_no_callback_phone(kiosk: KioskRuntime) -> None:
    with pytest.raises(ValidationError) as info:
        rate_window_service(kiosk, service_code=WINDOW_SERVICE, level=5, callback_phone="13700001111")
    assert info.value.field == "callback_phone"
    assert _ratings(kiosk) == []


def test_a_service_the_catalog_does_not_know_is_refused(kiosk: KioskRuntime) -> None:
    with pytest.raises(KioskError) as info:
        rate_window_service(kiosk, service_code="NO-SUCH-1", level=5)
    assert "未找到该事项" in info.value.zh and "not found" in info.value.en
    assert _ratings(kiosk) == []


def test_one_rating_per_filing_still_holds_beside_window_ratings(kiosk: KioskRuntime) -> None:
    filing_id = _filing(kiosk)
    assert rating_status(kiosk, filing_id) is False
    rate_window_service(kiosk, service_code=WINDOW_SERVICE, level=3)
    assert rating_status(kiosk, filing_id) is False, "a window rating of the same service is not the filing's"

    rate_filing(kiosk, filing_id=filing_id, level=4)
    assert rating_status(kiosk, filing_id) is True
    with pytest.raises(KioskError) as info:
        rate_filing(kiosk, filing_id=filing_id, level=1, reasons=["long_wait"])
    assert "已经评价" in info.value.zh and "already been rated" in info.value.en
    rate_window_service(kiosk, service_code=WINDOW_SERVICE, level=5)
    assert [row.subject for row in _ratings(kiosk)].count("filing") == 1
    assert len(_ratings(kiosk)) == 3


def test_the_database_itself_refuses_a_second_filing_rating_and_a_rating_of_two_subjects(
    kiosk: KioskRuntime,
) -> None:
    filing_id = _filing(kiosk)
    rate_filing(kiosk, filing_id=filing_id, level=5)
    common = {"level": 5, "reasons_json": "[]", "comment_enc": b"", "created_at": "2026-11-25T10:00:00+08:00"}
    for forged in (
        Rating(id=make_record_id(), subject="filing", filing_id=filing_id, **common),
        Rating(id=make_record_id(), subject="window", filing_id=filing_id, service_code="SS-001", **common),
        Rating(id=make_record_id(), subject="window", **common),
    ):
        with pytest.raises(IntegrityError), kiosk.sessions.begin() as session:
            session.add(forged)
    assert len(_ratings(kiosk)) == 1


def test_filing_and_window_ratings_reach_the_county(enrolled: KioskRuntime, county: County) -> None:
    filing_id = _filing(enrolled)
    by_filing = rate_filing(enrolled, filing_id=filing_id, level=5)
    at_window = rate_window_service(
        enrolled, service_code=WINDOW_SERVICE, level=2, reasons=["not_done"], callback_phone="13700001111"
    )
    report = run_full_round(enrolled)
    assert report.ok and report.push is not None and report.push.accepted == 3

    stored = {record["id"]: record["payload"] for record in county.records(kind="rating")}
    assert set(stored) == {by_filing, at_window}
    assert stored[by_filing]["filing_id"] == filing_id and "service_code" not in stored[by_filing]
    assert stored[at_window]["service_code"] == WINDOW_SERVICE and "filing_id" not in stored[at_window]
    assert stored[at_window]["callback_phone"] == "13700001111"


@pytest.mark.parametrize(
    ("subject", "why"),
    [
        ({"filing_id": "0b6e2f1c-8a4d-4c3e-9f7a-2d1e5b6c7a80", "service_code": WINDOW_SERVICE}, "both"),
        ({}, "neither"),
        ({"filing_id": None, "service_code": None}, "neither, as nulls"),
    ],
)
def test_the_county_rejects_a_rating_of_both_or_neither_subject_per_record(
    enrolled: KioskRuntime, county: County, subject: dict[str, object], why: str
) -> None:
    good = rate_window_service(enrolled, service_code=WINDOW_SERVICE, level=5)
    forged_id = make_record_id()
    forged = {"id": forged_id, **subject, "level": 5, "reasons": [], "comment": "", "callback_phone": None}
    with enrolled.sessions.begin() as session:
        queue_for_county(
            session,
            enrolled.cipher,
            record_id=forged_id,
            kind="rating",
            payload=forged,
            created_at="2026-11-25",
        )

    report = run_full_round(enrolled)
    assert report.push is not None and (report.push.accepted, report.push.rejected) == (1, 1), why
    assert [record["id"] for record in county.records(kind="rating")] == [good]
    (quarantined,) = [entry for entry in queue_entries(enrolled) if entry.state == "rejected"]
    assert quarantined.record_id == forged_id
    assert (
        quarantined.reason is not None and "exactly one of filing_id and service_code" in quarantined.reason
    )


def test_a_window_rating_stores_its_counter_and_sends_it_to_the_county(kiosk: KioskRuntime) -> None:
    rating_id = rate_window_service(
        kiosk, service_code=WINDOW_SERVICE, level=4, window_no="07", staff_no="00123"
    )
    (row,) = _ratings(kiosk)
    assert (row.id, row.window_no, row.staff_no) == (rating_id, "7", "00123")
    payload = _sent_payload(kiosk, rating_id)
    assert (payload["window_no"], payload["staff_no"]) == ("7", "00123")
    RatingPayload.model_validate(payload)

    only_window = rate_window_service(kiosk, service_code=WINDOW_SERVICE, level=5, window_no="3")
    assert "staff_no" not in _sent_payload(kiosk, only_window)


def test_a_malformed_counter_is_refused_and_nothing_is_written(kiosk: KioskRuntime) -> None:
    with pytest.raises(ValidationError) as info:
        rate_window_service(kiosk, service_code=WINDOW_SERVICE, level=5, window_no="12a")
    assert info.value.field == "window_no"
    with pytest.raises(ValidationError) as info:
        rate_window_service(kiosk, service_code=WINDOW_SERVICE, level=5, window_no="3", staff_no="1")
    assert info.value.field == "staff_no"
    assert _ratings(kiosk) == []


def test_the_county_intake_takes_a_counter_only_with_a_window_service() -> None:
    base = {"id": make_record_id(), "level": 5, "reasons": [], "comment": "", "callback_phone": None}
    RatingPayload.model_validate(
        {**base, "service_code": WINDOW_SERVICE, "window_no": "3", "staff_no": "123"}
    )
    RatingPayload.model_validate({**base, "service_code": WINDOW_SERVICE})  # older kiosks
    for wrong in (
        {"filing_id": make_record_id(), "window_no": "3"},
        {"service_code": WINDOW_SERVICE, "staff_no": "123"},
        {"service_code": WINDOW_SERVICE, "window_no": "1000"},
        {"service_code": WINDOW_SERVICE, "window_no": "3", "staff_no": "12"},
    ):
        with pytest.raises(PydanticValidationError):
            RatingPayload.model_validate({**base, **wrong})
