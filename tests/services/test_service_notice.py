"""The quiet offline/queue line: what it says for each state, from the real store."""

from __future__ import annotations

from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime
from kiosk.services.service_notice import ServiceNotice, service_notice


def test_lines_for_each_state() -> None:
    assert ServiceNotice(offline=False, waiting=0).line is None
    assert ServiceNotice(offline=True, waiting=0).line.zh == "离线办理中"  # type: ignore[union-attr]
    both = ServiceNotice(offline=True, waiting=3).line
    assert (
        both is not None
        and both.zh == "离线办理中 · 3 件待上传"
        and both.en == "Working offline · 3 to upload"
    )
    waiting = ServiceNotice(offline=False, waiting=2).line
    assert waiting is not None and waiting.zh == "2 件待上传"


def test_a_kiosk_not_yet_enrolled_works_offline_and_counts_its_filings(kiosk: KioskRuntime) -> None:
    assert service_notice(kiosk) == ServiceNotice(offline=True, waiting=0)
    service = kiosk.catalog.services[0]
    submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    assert service_notice(kiosk) == ServiceNotice(offline=True, waiting=1)


def test_an_enrolled_kiosk_that_can_push_is_online(enrolled: KioskRuntime) -> None:
    assert service_notice(enrolled) == ServiceNotice(offline=False, waiting=0)
