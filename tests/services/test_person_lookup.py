"""A lost receipt: filings found by ID number and mobile number, masked, limited per terminal, and audited."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.audit import verify_audit_chain
from db.models import AuditEntry, Filing, LookupLimit
from kiosk.domain.errors import ValidationError
from kiosk.domain.lookup_limit import LOCKOUT, MAX_FAILED_LOOKUPS
from kiosk.services.demo_answers import DEMO_APPLICANT, demo_answers, demo_id_number
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.services.person_lookup import AUDIT_ACTION, LookupLocked, NothingFound, lookup_by_person
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.settings import load_settings

ID_NUMBER = DEMO_APPLICANT["applicant_id_number"]
PHONE = DEMO_APPLICANT["applicant_phone"]
OTHER_ID = demo_id_number()
OTHER_PHONE = "13998765432"


def _file(kiosk: KioskRuntime, index: int = 1, **applicant: str) -> SubmittedFiling:
    service = kiosk.catalog.services[index]
    return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service, applicant))


def _audit(kiosk: KioskRuntime) -> list[AuditEntry]:
    with kiosk.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == AUDIT_ACTION)))


def _fixed_clock(kiosk: KioskRuntime, at: datetime) -> None:
    kiosk.clock = lambda: at


def test_the_filings_of_this_id_number_and_phone_are_found_newest_first_masked(kiosk: KioskRuntime) -> None:
    first = _file(kiosk, 1)
    second = _file(kiosk, 2)
    _file(kiosk, 3, applicant_id_number=OTHER_ID, applicant_phone=OTHER_PHONE)
    _file(kiosk, 4, applicant_phone=OTHER_PHONE)  # the same person gave another phone: not this look-up's

    found = lookup_by_person(kiosk, id_number=" " + ID_NUMBER.lower() + " ", phone="+86 138-1234-5678")

    assert [summary.filing_id for summary in found.filings] == [second.filing_id, first.filing_id]
    shown = repr(found)
    for clear in (ID_NUMBER, PHONE, DEMO_APPLICANT["applicant_name"], "19491231"):
        assert clear not in shown
    masked = {line.label.zh: line.value for line in found.filings[0].masked_applicant}
    assert masked["公民身份号码"] == "110***********002X" and masked["手机号码"] == "138****5678"


def test_a_found_filing_says_its_promised_date_and_next_step(kiosk: KioskRuntime) -> None:
    filed = _file(kiosk, 1)
    summary = lookup_by_person(kiosk, id_number=ID_NUMBER, phone=PHONE).filings[0]
    assert summary.promised is not None and summary.next_step is not None
    assert summary.promised.zh == f"{filed.time_limit.zh}（{filed.promised_by.zh}）"  # as the receipt says
    assert "等待承办部门受理" in summary.next_step.zh and "回执遗失" in summary.next_step.zh

    with kiosk.sessions.begin() as session:
        row = session.get(Filing, filed.filing_id)
        assert row is not None
        row.server_status = "办结"
    done = lookup_by_person(kiosk, id_number=ID_NUMBER, phone=PHONE).filings[0].next_step
    assert done is not None and done.zh.startswith("已办结：") and "身份证原件" in done.zh


@pytest.mark.parametrize(
    ("id_number", "phone", "field"),
    [
        (ID_NUMBER[:-1] + "3", PHONE, "id_number"),  # wrong check character
        (ID_NUMBER[:17], PHONE, "id_number"),
        ("", PHONE, "id_number"),
        (ID_NUMBER, "1381234567", "phone"),  # one digit short
        (ID_NUMBER, "", "phone"),
    ],
)
def test_a_malformed_entry_is_named_at_its_field_and_changes_nothing(
    kiosk: KioskRuntime, id_number: str, phone: str, field: str
) -> None:
    _file(kiosk)
    with kiosk.sessions() as session:
        audit_before = session.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(ValidationError) as info:
        lookup_by_person(kiosk, id_number=id_number, phone=phone)
    assert info.value.field == field and info.value.zh and info.value.en
    with kiosk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == audit_before
        assert session.get(LookupLimit, "person") is None


def test_nothing_found_says_how_many_tries_are_left(kiosk: KioskRuntime) -> None:
    _file(kiosk)
    with pytest.raises(NothingFound) as info:
        lookup_by_person(kiosk, id_number=ID_NUMBER, phone=OTHER_PHONE)
    assert info.value.tries_left == MAX_FAILED_LOOKUPS - 1
    assert f"还可再试 {MAX_FAILED_LOOKUPS - 1} 次" in info.value.zh and "tries left" in info.value.en


def test_the_lock_survives_a_restart_and_refuses_even_a_right_pair(kiosk: KioskRuntime) -> None:
    _file(kiosk)
    start = kiosk.clock()
    _fixed_clock(kiosk, start)
    for _ in range(MAX_FAILED_LOOKUPS - 1):
        with pytest.raises(NothingFound):
            lookup_by_person(kiosk, id_number=OTHER_ID, phone=PHONE)
    with pytest.raises(LookupLocked) as first_lock:
        lookup_by_person(kiosk, id_number=OTHER_ID, phone=PHONE)
    assert "求助" in first_lock.value.zh and "Help" in first_lock.value.en
    kiosk.close()

    restarted = open_kiosk(load_settings())
    try:
        _fixed_clock(restarted, start + LOCKOUT - timedelta(seconds=1))
        with pytest.raises(LookupLocked) as info:
            lookup_by_person(restarted, id_number=ID_NUMBER, phone=PHONE)
        assert info.value.until == start + LOCKOUT
        _fixed_clock(restarted, start + LOCKOUT)
        assert len(lookup_by_person(restarted, id_number=ID_NUMBER, phone=PHONE).filings) == 1
    finally:
        restarted.close()


def test_a_success_does_not_buy_more_guesses(kiosk: KioskRuntime) -> None:
    _file(kiosk)
    for _ in range(MAX_FAILED_LOOKUPS - 1):
        with pytest.raises(NothingFound):
            lookup_by_person(kiosk, id_number=ID_NUMBER, phone=OTHER_PHONE)
        lookup_by_person(kiosk, id_number=ID_NUMBER, phone=PHONE)
    with pytest.raises(LookupLocked):
        lookup_by_person(kiosk, id_number=ID_NUMBER, phone=OTHER_PHONE)


def test_every_look_up_is_audited_with_its_outcome_and_masked_numbers_only(kiosk: KioskRuntime) -> None:
    filed = _file(kiosk)
    lookup_by_person(kiosk, id_number=ID_NUMBER, phone=PHONE)
    for _ in range(MAX_FAILED_LOOKUPS):
        with pytest.raises((NothingFound, LookupLocked)):
            lookup_by_person(kiosk, id_number=OTHER_ID, phone=OTHER_PHONE)
    with pytest.raises(LookupLocked):
        lookup_by_person(kiosk, id_number=ID_NUMBER, phone=PHONE)

    entries = _audit(kiosk)
    details = [json.loads(entry.detail_json) for entry in entries]
    assert [d["outcome"] for d in details] == ["found"] + ["not_found"] * MAX_FAILED_LOOKUPS + ["locked"]
    assert details[0]["filings"] == [filed.filing_id]
    assert (details[0]["id_number"], details[0]["phone"]) == ("110***********002X", "138****5678")
    assert all(entry.at and entry.actor == "citizen@self" for entry in entries)
    with kiosk.sessions() as session:
        assert verify_audit_chain(session) is None
        everything = " ".join(
            f"{e.actor} {e.action} {e.subject_id} {e.detail_json}"
            for e in session.scalars(select(AuditEntry))
        )
        limits = " ".join(f"{row.kind} {row.failures}" for row in session.scalars(select(LookupLimit)))
    for clear in (ID_NUMBER, PHONE, OTHER_ID, OTHER_PHONE, ID_NUMBER[6:14]):
        assert clear not in everything and clear not in limits
