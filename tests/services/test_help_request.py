"""求助: a call for help is recorded, queued and audited at once, reaches the county, and never carries PII."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from db.models import AuditEntry, HelpRequest, OutboxEntry
from kiosk.domain.errors import ValidationError
from kiosk.domain.help_request import HELP_REASONS
from kiosk.services.help_request import HelpRequestReceipt, request_help
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.sync_round import run_full_round
from kiosk.settings import load_settings
from sync.protocol import HELP_REASONS as WIRE_HELP_REASONS
from tests.support.clock import ManualClock, china_time
from tests.sync.county_helpers import County

WEDNESDAY_MORNING = china_time(2026, 11, 25, 10, 0)
WEDNESDAY_NIGHT = china_time(2026, 11, 25, 2, 30)
SATURDAY_MORNING = china_time(2026, 11, 28, 10, 0)


@pytest.fixture
def clock(kiosk: KioskRuntime) -> ManualClock:
    """The kiosk's clock, set to a Wednesday during office hours."""
    assert WEDNESDAY_MORNING.isoweekday() == 3 and SATURDAY_MORNING.isoweekday() == 6
    manual = ManualClock(WEDNESDAY_MORNING)
    kiosk.clock = manual
    return manual


def _count(kiosk: KioskRuntime, model: type[HelpRequest] | type[OutboxEntry]) -> int:
    with kiosk.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _outbox(kiosk: KioskRuntime, request_id: str) -> tuple[str, str, dict[str, object]]:
    """The outbox row of a record: kind, state and the decrypted payload that is (or was) sent."""
    with kiosk.sessions() as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == request_id)).one()
        payload = json.loads(
            kiosk.cipher.decrypt(record_id=request_id, field="outbox", blob=entry.payload_enc)
        )
    return entry.kind, entry.state, payload


def test_a_call_for_help_is_recorded_queued_and_audited(kiosk: KioskRuntime, clock: ManualClock) -> None:
    receipt = request_help(kiosk, screen="form", reason="form_trouble")

    with kiosk.sessions() as session:
        row = session.get(HelpRequest, receipt.request_id)
        assert row is not None
        assert (row.screen, row.reason, row.channel, row.device_id) == (
            "form",
            "form_trouble",
            "self",
            kiosk.device_id,
        )
        audit = session.scalars(select(AuditEntry).where(AuditEntry.subject_id == receipt.request_id)).one()
    assert audit.action == "help_request.submit"
    kind, state, payload = _outbox(kiosk, receipt.request_id)
    assert (kind, state, payload["screen"]) == ("help_request", "pending", "form")
    assert receipt.created_at == WEDNESDAY_MORNING


def test_the_receipt_says_what_happens_next_in_both_languages_with_phone_numbers(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    by_day = request_help(kiosk, screen="home")
    assert by_day.in_office_hours
    assert "通知工作人员" in by_day.what_next.zh and "Staff are notified" in by_day.what_next.en
    assert kiosk.settings.help_phone == "", "no centre phone is shipped"
    for text in (by_day.what_next.zh, by_day.what_next.en):
        assert "12345" in text and "0000" not in text and "示例" not in text and "sample" not in text
    assert "到服务窗口询问工作人员" in by_day.what_next.zh and "ask the staff" in by_day.what_next.en

    clock.now = WEDNESDAY_NIGHT
    at_night = request_help(kiosk, screen="home")
    assert not at_night.in_office_hours
    assert "非工作时间" in at_night.what_next.zh and "上班后" in at_night.what_next.zh
    assert "outside office hours" in at_night.what_next.en
    assert "12345" in at_night.what_next.zh and "工作时间也可到服务窗口询问工作人员" in at_night.what_next.zh

    clock.now = SATURDAY_MORNING
    assert not request_help(kiosk, screen="home").in_office_hours


def test_the_centre_phone_and_office_hours_come_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIANMIN_HELP_PHONE", "0571-88880000")
    monkeypatch.setenv("BIANMIN_HELP_OFFICE_HOURS", "6 09:00-12:00")
    weekend_kiosk = open_kiosk(load_settings(), clock=lambda: SATURDAY_MORNING)
    try:
        receipt = request_help(weekend_kiosk, screen="home")
    finally:
        weekend_kiosk.close()
    assert receipt.in_office_hours
    assert "0571-88880000" in receipt.what_next.zh and receipt.help_phone == "0571-88880000"
    assert "您也可以拨打服务中心电话 0571-88880000" in receipt.what_next.zh
    assert "You can also call the service centre on 0571-88880000" in receipt.what_next.en


def test_five_taps_send_one_request_and_a_later_call_is_new(kiosk: KioskRuntime, clock: ManualClock) -> None:
    receipts: list[HelpRequestReceipt] = []
    for _ in range(5):
        receipts.append(request_help(kiosk, screen="catalog", reason="cannot_find_service"))
        clock.advance(timedelta(seconds=20))
    assert all(receipt == receipts[0] for receipt in receipts), "every tap shows the first request's receipt"
    assert _count(kiosk, HelpRequest) == 1 and _count(kiosk, OutboxEntry) == 1

    clock.now = WEDNESDAY_MORNING + timedelta(minutes=2)
    later = request_help(kiosk, screen="catalog")
    assert later.request_id != receipts[0].request_id
    assert _count(kiosk, HelpRequest) == 2 and _count(kiosk, OutboxEntry) == 2


@pytest.mark.parametrize(
    ("reason", "channel"),
    [("我的身份证号是 330106199001011234", "self"), ("lost_my_wallet", "self"), ("", "web")],
)
def test_an_unknown_reason_or_channel_is_refused_and_nothing_is_written(
    kiosk: KioskRuntime, reason: str, channel: str
) -> None:
    with pytest.raises(ValidationError) as info:
        request_help(kiosk, screen="form", reason=reason, channel=channel)
    assert info.value.zh and info.value.en
    assert _count(kiosk, HelpRequest) == 0 and _count(kiosk, OutboxEntry) == 0


@pytest.mark.parametrize(
    "screen", ["", "张晓梅 13812345678", "13812345678", "form\n330106199001011234", "x" * 65, "home\n"]
)
def test_help_still_works_from_a_screen_without_a_proper_id_and_keeps_nothing_of_it(
    kiosk: KioskRuntime, clock: ManualClock, screen: str
) -> None:
    receipt = request_help(kiosk, screen=screen)
    _, _, payload = _outbox(kiosk, receipt.request_id)
    assert payload["screen"] == "unknown"
    assert "12345" in receipt.what_next.zh


def test_the_queued_payload_holds_no_personal_data(kiosk: KioskRuntime, clock: ManualClock) -> None:
    receipt = request_help(kiosk, screen="form.review", reason="printer", channel="assisted")
    _, _, payload = _outbox(kiosk, receipt.request_id)
    assert payload == {
        "id": receipt.request_id,
        "device_id": kiosk.device_id,
        "created_at": WEDNESDAY_MORNING.isoformat(),
        "screen": "form.review",
        "reason": "printer",
        "channel": "assisted",
    }


def test_the_reasons_the_kiosk_offers_are_the_reasons_the_protocol_accepts() -> None:
    assert tuple(reason.code for reason in HELP_REASONS) == WIRE_HELP_REASONS
    assert all(reason.label.zh and reason.label.en for reason in HELP_REASONS)


def test_a_call_for_help_reaches_the_county_once_and_is_listed_by_kind(
    enrolled: KioskRuntime, county: County
) -> None:
    first = request_help(enrolled, screen="guide", reason="other")
    for _ in range(4):
        assert request_help(enrolled, screen="guide", reason="other") == first

    report = run_full_round(enrolled)
    assert report.ok and report.push is not None and report.push.accepted == 1

    listed = county.records(kind="help_request")
    assert [record["id"] for record in listed] == [first.request_id]
    assert listed[0]["device_id"] == enrolled.device_id
    _, state, sent = _outbox(enrolled, first.request_id)
    assert state == "sent" and listed[0]["payload"] == sent
    assert county.records(kind="filing") == [] and county.records(kind="rating") == []
