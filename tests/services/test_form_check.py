"""Checking a form for the review screen: every rule submit_filing applies, and nothing is written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import AuditEntry, Filing, OutboxEntry
from kiosk.domain.forms import FormInvalid
from kiosk.services.demo_answers import demo_answers
from kiosk.services.form_check import check_form
from kiosk.services.runtime import KioskRuntime


def _rows(kiosk: KioskRuntime) -> tuple[int, ...]:
    with kiosk.sessions() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Filing, OutboxEntry, AuditEntry)
        )


def test_valid_answers_come_back_as_review_lines_and_nothing_is_written(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.service("CA-001")
    before = _rows(kiosk)
    checked = check_form(kiosk, service_code=service.code, answers=demo_answers(service))
    assert [line.key for line in checked.lines] == list(service.form.keys)
    shown = {line.key: line.value.zh for line in checked.lines}
    assert shown["applicant_id_number"] == "110105 19491231 002X"  # for the person at the screen to check
    assert shown["applicant_phone"] == "138 1234 5678"
    assert shown["supporting_photos"] == "未填写"
    assert _rows(kiosk) == before


def test_bad_answers_raise_form_invalid_with_every_field_and_nothing_is_written(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.service("CA-001")
    before = _rows(kiosk)
    answers = demo_answers(
        service, {"income_sources": "", "home_address": "幸福村\n", "applicant_phone": "1"}
    )
    with pytest.raises(FormInvalid) as raised:
        check_form(kiosk, service_code=service.code, answers=answers)
    assert set(raised.value.errors) == {"income_sources", "home_address", "applicant_phone"}
    assert _rows(kiosk) == before


def test_a_photo_this_kiosk_does_not_keep_is_an_error_at_its_field(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.service("CA-001")
    answers = demo_answers(service, {"supporting_photos": "ab" * 32})
    with pytest.raises(FormInvalid) as raised:
        check_form(kiosk, service_code=service.code, answers=answers)
    assert set(raised.value.errors) == {"supporting_photos"}
    assert "take it again" in raised.value.errors["supporting_photos"].en
