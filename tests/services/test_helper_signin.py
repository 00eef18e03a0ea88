"""A village helper signs in offline with the PIN verifier pulled from the county; 5 wrong PINs lock the
helper on this terminal; unknown, revoked and PIN-less helpers are refused plainly; all of it audited."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from db.models import AuditEntry
from kiosk.services.helper_signin import NO_PIN, REVOKED, UNKNOWN, sign_in_helper
from kiosk.services.runtime import KioskRuntime
from tests.services.conftest import CLOCK_START
from tests.support.clock import ManualClock
from tests.support.helpers_pulled import pull_helpers

PIN = "582046"


@pytest.fixture
def kiosk(clocked_kiosk: KioskRuntime) -> KioskRuntime:
    """A kiosk of SITE that has pulled three helpers: one with a PIN, one without, one revoked."""
    pull_helpers(
        clocked_kiosk,
        [
            ("BB-1001", "李桂兰", "active", PIN),
            ("BB-1002", "王建国", "active", None),
            ("BB-1003", "赵小梅", "revoked", None),
        ],
    )
    return clocked_kiosk


def _audit(kiosk: KioskRuntime) -> list[tuple[str, str | None, str]]:
    with kiosk.sessions() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.actor == "helper").order_by(AuditEntry.seq)
        )
        return [(row.action, row.subject_id, row.detail_json) for row in rows]


def test_the_right_pin_signs_the_helper_in_offline_and_names_them(kiosk: KioskRuntime) -> None:
    check, helper = sign_in_helper(kiosk, " bb-1001 ", PIN)
    assert check.ok and helper is not None and (helper.staff_no, helper.name) == ("BB-1001", "李桂兰")
    assert [(action, subject) for action, subject, _ in _audit(kiosk)] == [("helper.pin_ok", "BB-1001")]


def test_five_wrong_pins_lock_the_helper_here_until_the_lockout_has_passed(
    kiosk: KioskRuntime, clock: ManualClock
) -> None:
    for left in (4, 3, 2, 1):
        check, helper = sign_in_helper(kiosk, "BB-1001", "582047")
        assert (check.outcome, check.attempts_left, helper) == ("wrong", left, None)
        assert f"还可以再试 {left} 次" in check.message.zh
    check, _ = sign_in_helper(kiosk, "BB-1001", "582047")
    assert check.outcome == "locked" and check.locked_until == CLOCK_START + timedelta(minutes=30)
    assert sign_in_helper(kiosk, "BB-1001", PIN)[0].outcome == "locked", (
        "the right PIN waits for the lock too"
    )
    clock.advance(timedelta(minutes=30, seconds=1))
    assert sign_in_helper(kiosk, "BB-1001", PIN)[0].ok
    details = " ".join(detail for _, _, detail in _audit(kiosk))
    assert PIN not in details and "582047" not in details, "no PIN is ever audited"
    actions = [action for action, _, _ in _audit(kiosk)]
    assert actions.count("helper.pin_wrong") == 5 and actions[-1] == "helper.pin_ok"


def test_unknown_revoked_and_pin_less_helpers_are_refused_plainly_and_counted_nowhere(
    kiosk: KioskRuntime,
) -> None:
    assert sign_in_helper(kiosk, "BB-9999", PIN) == (UNKNOWN, None)
    assert sign_in_helper(kiosk, "", PIN) == (UNKNOWN, None)
    assert sign_in_helper(kiosk, "BB-1002", PIN) == (NO_PIN, None)
    assert "设置码" in NO_PIN.message.zh and "set-up code" in NO_PIN.message.en
    assert sign_in_helper(kiosk, "BB-1003", PIN) == (REVOKED, None)
    audit = _audit(kiosk)
    assert [(action, subject) for action, subject, _ in audit] == [
        ("helper.unknown_staff_no", None),
        ("helper.unknown_staff_no", None),
        ("helper.pin_not_set", "BB-1002"),
        ("helper.revoked_refused", "BB-1003"),
    ]
    assert "BB-9999" not in json.dumps(audit), "an unknown number typed is not kept"
