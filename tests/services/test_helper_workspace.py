"""我的办件: a helper sees their own filings on this terminal, newest first, whether each reached the county and,
for one refused, why and what to do; 立即同步 says what it did."""

from __future__ import annotations

from sqlalchemy import update

from db.models import OutboxEntry
from kiosk.services.assisted_filing import file_for_resident, record_consent
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.helper_signin import SignedInHelper
from kiosk.services.helper_workspace import helper_filings, sync_now
from kiosk.services.runtime import KioskRuntime
from tests.support.helpers_pulled import pull_helpers
from tests.sync.county_helpers import SITE, County


def _file(kiosk: KioskRuntime, helper: SignedInHelper, code: str) -> str:
    service = kiosk.catalog.service(code)
    consent = record_consent(kiosk, method="oral_witnessed", witness_name="王建国")
    return file_for_resident(
        kiosk, helper=helper, consent=consent, service_code=code, answers=demo_answers(service)
    ).filing_id


def test_a_helper_sees_only_their_own_filings_newest_first_and_why_one_was_refused(
    kiosk: KioskRuntime,
) -> None:
    pull_helpers(kiosk, [("BB-1001", "李桂兰", "active", None), ("BB-1002", "王建国", "active", None)])
    mine, other = SignedInHelper("BB-1001", "李桂兰"), SignedInHelper("BB-1002", "王建国")
    first = _file(kiosk, mine, "CA-001")
    _file(kiosk, other, "CA-001")
    service = kiosk.catalog.service("CA-001")
    submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))  # a citizen's own
    second = _file(kiosk, mine, "CA-001")
    with kiosk.sessions.begin() as session:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.record_id == first)
            .values(state="rejected", last_error="帮办员 BB-1001 已停用 / helper BB-1001 was revoked")
        )
    listed = helper_filings(kiosk, "BB-1001")
    assert [entry.summary.filing_id for entry in listed] == [second, first]
    assert listed[0].refused is None and listed[0].summary.sync_state == "pending"
    refused = listed[1].refused
    assert (
        refused is not None
        and "已停用" in refused.zh
        and "重新办理" in refused.zh
        and "file it again" in refused.en
    )
    resident = demo_answers(service)["applicant_name"]
    shown = " ".join(line.value for line in listed[0].summary.masked_applicant)
    assert resident not in shown and "李桂兰（BB-1001）" in shown, "the resident masked, the helper named"


def test_sync_now_uploads_the_helpers_filings_and_says_so(enrolled: KioskRuntime, county: County) -> None:
    county.cli("helper", "add", "--site", SITE, "--name", "李桂兰", "--staff-no", "BB-1001")
    pull_helpers(enrolled, [("BB-1001", "李桂兰", "active", None)])
    _file(enrolled, SignedInHelper("BB-1001", "李桂兰"), "CA-001")
    said = sync_now(enrolled)
    assert said.zh == "同步完成：已上报 1 件" and said.en == "Sync done: 1 uploaded."
    assert [entry.summary.sync_state for entry in helper_filings(enrolled, "BB-1001")] == ["sent"]
    assert len(county.records("filing")) == 1
