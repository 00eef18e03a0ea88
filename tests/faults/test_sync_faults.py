"""Every failure between kiosk and county ends the same way: the server holds each accepted filing once."""

from __future__ import annotations

import threading

import pytest

from kiosk.services.sync_round import run_full_round
from tests.support.fault_proxy import Fault

from .conftest import Rig

SCENARIOS = {
    "server down": [Fault.REFUSE, Fault.REFUSE, Fault.REFUSE],
    "connection reset mid-request": [Fault.RESET_MID_REQUEST],
    "timeout": [Fault.BLACKHOLE],
    "500": [Fault.STATUS_500],
    "503 with Retry-After": [Fault.STATUS_503],
    "429 with Retry-After": [Fault.STATUS_429],
    "truncated response": [Fault.TRUNCATE_RESPONSE],
    "response lost after the server committed": [Fault.LOSE_RESPONSE],
    "duplicated delivery": [Fault.DUPLICATE],
    "reordered (stale) delivery": [Fault.DELAY],
    "everything at once": [
        Fault.PASS,
        Fault.LOSE_RESPONSE,
        Fault.DUPLICATE,
        Fault.STATUS_500,
        Fault.DELAY,
        Fault.TRUNCATE_RESPONSE,
        Fault.STATUS_429,
        Fault.RESET_MID_REQUEST,
    ],
}


@pytest.mark.parametrize("faults", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_fault_then_recovery_converges(rig: Rig, faults: list[Fault]) -> None:
    rig.file(12)  # three batches of five
    rig.proxy.inject(Fault.PASS, *faults)  # let the first batch through, then misbehave
    run_full_round(rig.kiosk)
    rig.drain()
    rig.assert_converged()
    assert any(f is not Fault.PASS for f in rig.proxy.seen), "the faults were really injected"


def test_server_restarts_in_the_middle_of_a_backlog(rig: Rig) -> None:
    rig.file(60)
    done = threading.Event()

    def sync_until_drained() -> None:
        while not done.is_set() and rig.unsent():
            run_full_round(rig.kiosk)

    worker = threading.Thread(target=sync_until_drained)
    worker.start()
    try:
        for _ in range(3):
            rig.restart_server()
    finally:
        done.set()
        worker.join()
    rig.drain()
    rig.assert_converged()


def test_kiosk_clock_two_hours_off_converges(rig: Rig) -> None:
    from datetime import timedelta

    from kiosk.services.runtime import local_now

    rig.file(7)
    rig.kiosk.clock = lambda: local_now() + timedelta(hours=2)
    rig.file(6)
    rig.drain()
    rig.assert_converged()
