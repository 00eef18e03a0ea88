"""一事一评 from a scanned voucher: scan the receipt's QR, look the filing up, rate it once."""

from __future__ import annotations

import pytest

from kiosk.domain.errors import KioskError
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.lookup import lookup_by_voucher
from kiosk.services.rating import rate_filing, rating_status
from kiosk.services.runtime import KioskRuntime


def test_scan_lookup_rate_and_a_second_rating_is_refused_calmly(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.services[1]
    scanned = submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).qr_payload

    found = lookup_by_voucher(kiosk, text=scanned)
    assert not found.rated and not rating_status(kiosk, found.filing_id)
    rate_filing(kiosk, filing_id=found.filing_id, level=2, reasons=["unclear_guide"])

    again = lookup_by_voucher(kiosk, text=scanned)
    assert again.rated and rating_status(kiosk, again.filing_id), "the screen shows 已评价"
    with pytest.raises(KioskError) as info:
        rate_filing(kiosk, filing_id=again.filing_id, level=5)
    assert info.value.zh == "该办件已经评价过了，感谢您的反馈"
    assert info.value.en == "This filing has already been rated, thank you"
