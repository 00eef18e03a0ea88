"""Looking a filing up by its voucher: scanned payload or typed code, never showing clear personal data."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import KioskError, ValidationError
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.lookup import lookup_by_voucher
from kiosk.services.runtime import KioskRuntime


def test_lookup_by_qr_payload_and_by_sloppily_typed_code(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.services[2]
    result = submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    by_qr = lookup_by_voucher(kiosk, text=result.qr_payload)
    typed = " " + result.voucher_display.lower().replace("-", " ") + " "
    by_typing = lookup_by_voucher(kiosk, text=typed)
    assert by_qr.filing_id == by_typing.filing_id == result.filing_id
    assert by_qr.service_name == service.name
    assert by_qr.sync_state == "pending" and not by_qr.rated
    shown = " ".join(line.value for line in by_qr.masked_applicant)
    assert "19491231" not in shown and "13812345678" not in shown and "张晓梅" not in shown


def test_unknown_but_well_formed_voucher_says_not_found(kiosk: KioskRuntime) -> None:
    from kiosk.domain.voucher import new_voucher_code

    with pytest.raises(KioskError) as info:
        lookup_by_voucher(kiosk, text=new_voucher_code(b"\x01" * 8))
    assert "未找到" in info.value.zh


@pytest.mark.parametrize(
    "junk",
    [
        "https://example.com/x",
        "BMK1:AAAAAAAAAAAA",
        "BMK9:ZZZZ",
        "'; DROP TABLE filing; --",
        "x" * 4096,
        "",
        "名字",
    ],
)
def test_junk_is_refused_calmly(kiosk: KioskRuntime, junk: str) -> None:
    with pytest.raises(ValidationError) as info:
        lookup_by_voucher(kiosk, text=junk)
    assert info.value.zh and info.value.en


def test_a_voucher_lookup_gives_the_promised_date_and_the_next_step(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.services[1]
    filed = submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    summary = lookup_by_voucher(kiosk, text=filed.qr_payload)
    assert filed.promised_by is not None and summary.promised is not None
    assert summary.promised.en == f"{service.guide.time_limit.en} ({filed.promised_by.en})"
    assert summary.next_step is not None
    assert "等待承办部门受理" in summary.next_step.zh and "回执遗失" not in summary.next_step.zh
