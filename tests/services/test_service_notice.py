"""The quiet offline/queue line: what it says for each state, from the real store, counting records by kind."""

from __future__ import annotations

from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.help_request import request_help
from kiosk.services.runtime import KioskRuntime
from kiosk.services.service_notice import ServiceNotice, service_notice


def test_lines_for_each_state() -> None:
    assert ServiceNotice(offline=False).line is None
    assert ServiceNotice(offline=True).line.zh == "离线办理中"  # type: ignore[union-attr]
    both = ServiceNotice(offline=True, waiting=(("filing", 3),)).line
    assert (
        both is not None
        and both.zh == "离线办理中 · 3 件办件待上传"
        and both.en == "Working offline · 3 filings to upload"
    )
    waiting = ServiceNotice(offline=False, waiting=(("filing", 1), ("help_request", 2), ("rating", 1))).line
    assert waiting is not None and waiting.zh == "1 件办件、2 次求助、1 条评价待上传"
    assert waiting.en == "1 filing, 2 calls for help, 1 rating to upload"


def test_a_kiosk_not_yet_enrolled_works_offline_and_counts_its_filings(kiosk: KioskRuntime) -> None:
    assert service_notice(kiosk) == ServiceNotice(offline=True)
    service = kiosk.catalog.services[0]
    submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    assert service_notice(kiosk) == ServiceNotice(offline=True, waiting=(("filing", 1),))


def test_a_call_for_help_is_not_counted_as_a_filing(kiosk: KioskRuntime) -> None:
    request_help(kiosk, screen="home")
    notice = service_notice(kiosk)
    assert notice.waiting == (("help_request", 1),)
    assert notice.line is not None and notice.line.zh == "离线办理中 · 1 次求助待上传"


def test_an_enrolled_kiosk_that_can_push_is_online(enrolled: KioskRuntime) -> None:
    assert service_notice(enrolled) == ServiceNotice(offline=False)
