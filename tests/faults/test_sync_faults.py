"""Every failure between kiosk and county ends the same way: the server holds each accepted filing once."""

from __future__ import annotations

import threading
import time

import pytest

from kiosk.admin.cli import main as kiosk_admin
from kiosk.services.sync_round import run_full_round
from tests.support.fault_proxy import TRICKLE_INTERVAL_S, Fault

from .conftest import REQUEST_DEADLINE_S, Rig

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


ROUND_MARGIN_S = 2.0  # pull and heartbeat after the failed push, on loopback


@pytest.mark.parametrize("fault", [Fault.TRICKLE_HEADERS, Fault.TRICKLE_BODY], ids=["headers", "body"])
def test_a_trickled_answer_ends_the_round_at_its_deadline_and_the_next_round_sends(
    rig: Rig, fault: Fault, capsys: pytest.CaptureFixture[str]
) -> None:
    assert TRICKLE_INTERVAL_S < 1.5, "every read gets a byte well within the 1.5 s read timeout"
    rig.file(3)
    rig.proxy.inject(fault)  # the push commits at the county; its answer arrives a byte at a time
    started = time.monotonic()
    assert kiosk_admin(["sync"]) == 1, "kiosk-admin sync ends, and says the round failed"
    elapsed = time.monotonic() - started
    assert elapsed < REQUEST_DEADLINE_S + ROUND_MARGIN_S, f"the round took {elapsed:.1f} s"
    out = capsys.readouterr().out
    assert "deadline" in out and "unsent records are kept safely" in out
    assert rig.unsent() == 3, "nothing is marked sent without its answer"
    assert fault in rig.proxy.seen

    rig.drain()  # the server behaves again: the repeated push is answered "duplicate", and counts as sent
    rig.assert_converged()
