"""The technician exit: weak PINs refused, only a salted hash stored, 5 failures lock it, all of it audited."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from db.models import AuditEntry, TechnicianPin
from kiosk.domain.errors import ValidationError
from kiosk.domain.staff_pin import SCRYPT_N
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.technician import (
    NOT_SET,
    before_pin_entry,
    check_technician_pin,
    has_technician_pin,
    print_technician_test_page,
    record_technician_exit,
    set_technician_pin,
)
from kiosk.settings import load_settings
from printing.backends.simulated import SimulatedBackend
from printing.simulated_printer import SimulatedThermalPrinter
from tests.services.conftest import CLOCK_START
from tests.support.clock import ManualClock

PIN = "739184"
WRONG = "739185"
START = CLOCK_START


@pytest.fixture
def kiosk(clocked_kiosk: KioskRuntime) -> KioskRuntime:
    """The kiosk of these tests reads the manual clock."""
    return clocked_kiosk


def _audit_actions(kiosk: KioskRuntime) -> list[str]:
    with kiosk.sessions() as session:
        return list(session.scalars(select(AuditEntry.action).where(AuditEntry.actor == "technician")))


def _fail(kiosk: KioskRuntime, times: int) -> None:
    for _ in range(times):
        assert not check_technician_pin(kiosk, WRONG).ok


def test_a_set_pin_lets_the_technician_through_and_a_wrong_one_says_how_many_tries_are_left(
    kiosk: KioskRuntime,
) -> None:
    assert not has_technician_pin(kiosk)
    set_technician_pin(kiosk, PIN)
    assert has_technician_pin(kiosk)

    assert check_technician_pin(kiosk, PIN).ok
    wrong = check_technician_pin(kiosk, WRONG)
    assert (wrong.outcome, wrong.attempts_left) == ("wrong", 4)
    assert "还可以再试 4 次" in wrong.message.zh and "4 attempts left" in wrong.message.en
    assert _audit_actions(kiosk) == ["technician.pin_set", "technician.pin_ok", "technician.pin_wrong"]


@pytest.mark.parametrize(
    "weak",
    ["000000", "999999999", "123456", "654321", "0123456789", "121212", "123123", "147258", "5201314"],
)
def test_a_pin_anyone_would_guess_is_refused_with_a_reason(kiosk: KioskRuntime, weak: str) -> None:
    with pytest.raises(ValidationError) as info:
        set_technician_pin(kiosk, weak)
    assert "过于简单" in info.value.zh and "too easy to guess" in info.value.en
    assert not has_technician_pin(kiosk)


@pytest.mark.parametrize(
    ("bad", "zh"), [("73918", "6 到 12 位"), ("7391840526183", "6 到 12 位"), ("73a184", "数字")]
)
def test_a_pin_of_the_wrong_shape_is_refused_with_a_reason(kiosk: KioskRuntime, bad: str, zh: str) -> None:
    with pytest.raises(ValidationError) as info:
        set_technician_pin(kiosk, bad)
    assert zh in info.value.zh and info.value.en
    assert not has_technician_pin(kiosk)


def test_only_a_salted_scrypt_hash_is_stored_never_the_pin(kiosk: KioskRuntime) -> None:
    set_technician_pin(kiosk, PIN)
    with kiosk.sessions() as session:
        first = session.get(TechnicianPin, 1)
        assert first is not None
        assert (first.scrypt_n, first.scrypt_r, first.scrypt_p) == (SCRYPT_N, 8, 1)
        assert len(first.salt) == 16 and len(first.pin_hash) == 32
        first_hash = first.pin_hash
    set_technician_pin(kiosk, PIN)
    with kiosk.sessions() as session:
        again = session.get(TechnicianPin, 1)
        assert again is not None and again.pin_hash != first_hash, "a fresh salt every time"
    check_technician_pin(kiosk, WRONG)
    check_technician_pin(kiosk, PIN)
    kiosk.close()
    for path in kiosk.settings.data_dir.rglob("kiosk.db*"):
        data = path.read_bytes()
        assert PIN.encode() not in data and WRONG.encode() not in data, path.name


def test_five_wrong_pins_lock_even_the_right_one_out_until_the_lock_ends(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    set_technician_pin(kiosk, PIN)
    _fail(kiosk, 4)
    locked = check_technician_pin(kiosk, WRONG)
    assert locked.outcome == "locked" and locked.locked_until == START + timedelta(minutes=15)
    assert "已锁定至 10:15" in locked.message.zh and "locked until 10:15" in locked.message.en

    clock.advance(timedelta(minutes=14, seconds=59))
    assert check_technician_pin(kiosk, PIN).outcome == "locked"
    clock.advance(timedelta(seconds=1))
    assert check_technician_pin(kiosk, PIN).ok


def test_a_right_pin_starts_the_count_again(kiosk: KioskRuntime) -> None:
    set_technician_pin(kiosk, PIN)
    _fail(kiosk, 4)
    assert check_technician_pin(kiosk, PIN).ok
    _fail(kiosk, 3)
    assert check_technician_pin(kiosk, WRONG).attempts_left == 1


def test_a_restart_resets_neither_the_count_nor_the_lock(kiosk: KioskRuntime, clock: ManualClock) -> None:
    set_technician_pin(kiosk, PIN)
    _fail(kiosk, 3)
    kiosk.close()
    reopened = open_kiosk(load_settings(), clock=clock)
    try:
        assert check_technician_pin(reopened, WRONG).attempts_left == 1
        assert check_technician_pin(reopened, WRONG).outcome == "locked"
    finally:
        reopened.close()

    clock.advance(timedelta(minutes=1))
    after_power_cut = open_kiosk(load_settings(), clock=clock)
    try:
        refused = check_technician_pin(after_power_cut, PIN)
        assert refused.outcome == "locked" and refused.locked_until == START + timedelta(minutes=15)
    finally:
        after_power_cut.close()


def test_the_lockout_time_is_a_setting(monkeypatch: pytest.MonkeyPatch, clock: ManualClock) -> None:
    monkeypatch.setenv("BIANMIN_TECHNICIAN_LOCKOUT_MINUTES", "2")
    kiosk = open_kiosk(load_settings(), clock=clock)
    try:
        set_technician_pin(kiosk, PIN)
        _fail(kiosk, 4)
        assert check_technician_pin(kiosk, WRONG).locked_until == START + timedelta(minutes=2)
        clock.advance(timedelta(minutes=2))
        assert check_technician_pin(kiosk, PIN).ok
    finally:
        kiosk.close()


def test_a_clock_set_back_does_not_stretch_the_lock(kiosk: KioskRuntime, clock: ManualClock) -> None:
    set_technician_pin(kiosk, PIN)
    _fail(kiosk, 5)
    clock.advance(timedelta(days=-30))
    assert check_technician_pin(kiosk, PIN).locked_until == clock.now + timedelta(minutes=15)
    clock.advance(timedelta(minutes=15))
    assert check_technician_pin(kiosk, PIN).ok


def test_every_attempt_is_audited_without_the_pin(kiosk: KioskRuntime) -> None:
    set_technician_pin(kiosk, PIN)
    check_technician_pin(kiosk, PIN)
    _fail(kiosk, 5)
    check_technician_pin(kiosk, PIN)
    assert _audit_actions(kiosk) == [
        "technician.pin_set",
        "technician.pin_ok",
        *["technician.pin_wrong"] * 5,
        "technician.locked",
        "technician.locked",
    ]
    with kiosk.sessions() as session:
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.actor == "technician")))
    assert [json.loads(e.detail_json)["event"] for e in entries[-2:]] == ["lock_started", "attempt_refused"]
    assert not any(PIN in e.detail_json or WRONG in e.detail_json for e in entries)


def test_without_a_pin_the_technician_exit_is_refused_and_says_how_to_set_one(kiosk: KioskRuntime) -> None:
    refused = check_technician_pin(kiosk, PIN)
    assert refused.outcome == "not_set" and not refused.ok
    assert "kiosk-admin set-pin" in refused.message.zh and "kiosk-admin set-pin" in refused.message.en
    assert _audit_actions(kiosk) == ["technician.pin_not_set"]


def test_before_typing_the_screen_learns_whether_a_pin_is_set_or_locked_and_nothing_is_counted(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    assert before_pin_entry(kiosk) == NOT_SET
    set_technician_pin(kiosk, PIN)
    assert before_pin_entry(kiosk) is None
    _fail(kiosk, 3)
    assert before_pin_entry(kiosk) is None
    assert check_technician_pin(kiosk, WRONG).attempts_left == 1, "looking is not an attempt"
    check_technician_pin(kiosk, WRONG)
    audited = len(_audit_actions(kiosk))

    locked = before_pin_entry(kiosk)
    assert locked is not None and locked.outcome == "locked"
    assert locked.locked_until == START + timedelta(minutes=15) and "已锁定至 10:15" in locked.message.zh
    assert len(_audit_actions(kiosk)) == audited
    clock.advance(timedelta(minutes=15))
    assert before_pin_entry(kiosk) is None


def test_the_technician_exit_is_audited(kiosk: KioskRuntime) -> None:
    record_technician_exit(kiosk)
    assert _audit_actions(kiosk) == ["technician.exit_kiosk"]


def test_the_test_page_prints_from_the_touch_menu_and_says_why_when_it_cannot(kiosk: KioskRuntime) -> None:
    paper = SimulatedThermalPrinter()
    printed = print_technician_test_page(kiosk, SimulatedBackend(paper))
    assert printed.zh.startswith("测试页已打印") and printed.en.startswith("Test page printed")
    paper.paper_out = True
    refused = print_technician_test_page(kiosk, SimulatedBackend(paper))
    assert "测试页没有打印" in refused.zh and "缺纸" in refused.zh and "paper" in refused.en
    with kiosk.sessions() as session:
        tests = list(
            session.scalars(select(AuditEntry.detail_json).where(AuditEntry.action == "printer.test"))
        )
    assert [json.loads(detail)["outcome"] for detail in tests] == ["printed", "paper_out"]
