"""The background scheduler with stand-in jobs: intervals, one job at a time, backoff, halt, the probe."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from sync.backoff import HEARTBEAT, PULL, PUSH
from sync.scheduler import Intervals, RunOutcome, SyncScheduler
from tests.sync.polling import eventually

FAST = Intervals(push_s=0.1, pull_s=0.1, heartbeat_s=0.1, probe_s=0.05)
SLOW = Intervals(push_s=3600, pull_s=3600, heartbeat_s=3600, probe_s=0.05)


class Jobs:
    """Stand-in push/pull/heartbeat that count their runs and check they never overlap."""

    def __init__(self, *, halt_on: str | None = None, run_s: float = 0.0) -> None:
        self.runs: dict[str, int] = {PUSH: 0, PULL: 0, HEARTBEAT: 0}
        self.halt_on = halt_on
        self.run_s = run_s
        self.overlaps = 0
        self._busy = threading.Lock()

    def job(self, name: str) -> Callable[[], RunOutcome]:
        def run() -> RunOutcome:
            if not self._busy.acquire(blocking=False):
                self.overlaps += 1
                return RunOutcome()
            try:
                time.sleep(self.run_s)
                self.runs[name] += 1
            finally:
                self._busy.release()
            return RunOutcome(halted=name == self.halt_on)

        return run

    def all(self) -> dict[str, Callable[[], RunOutcome]]:
        return {name: self.job(name) for name in self.runs}


@contextmanager
def running(scheduler: SyncScheduler) -> Iterator[SyncScheduler]:
    scheduler.start()
    try:
        yield scheduler
    finally:
        scheduler.shutdown()
    assert not scheduler.running


def test_every_job_runs_at_start_and_then_at_its_interval_one_at_a_time() -> None:
    jobs = Jobs(run_s=0.01)
    scheduler = SyncScheduler(
        jobs=jobs.all(), probe=lambda: True, intervals=lambda: FAST, wait_for=lambda _: 0.0
    )
    with running(scheduler):
        assert eventually(lambda: min(jobs.runs.values()) >= 3)
    assert jobs.overlaps == 0


def test_a_channel_in_backoff_waits_and_the_others_do_not() -> None:
    runs: dict[str, list[float]] = {PUSH: [], PULL: []}

    def job(name: str) -> Callable[[], RunOutcome]:
        def run() -> RunOutcome:
            runs[name].append(time.monotonic())
            return RunOutcome()

        return run

    until = time.monotonic() + 0.6  # the persisted backoff of push ends then
    scheduler = SyncScheduler(
        jobs={PUSH: job(PUSH), PULL: job(PULL)},
        probe=lambda: True,
        intervals=lambda: FAST,
        wait_for=lambda channel: max(0.0, until - time.monotonic()) if channel == PUSH else 0.0,
    )
    with running(scheduler):
        assert eventually(lambda: len(runs[PUSH]) >= 1)
    assert runs[PUSH][0] >= until - 0.06, "push waited for its backoff"
    assert len([t for t in runs[PULL] if t < runs[PUSH][0]]) >= 2, "pull kept its own pace meanwhile"


def test_a_short_backoff_brings_the_next_run_forward() -> None:
    runs: list[float] = []
    retry_at = {"at": 0.0}

    def push() -> RunOutcome:  # fails every time: the persisted backoff says "again in 0.1 s"
        runs.append(time.monotonic())
        retry_at["at"] = time.monotonic() + 0.1
        return RunOutcome()

    def wait_for(channel: str) -> float:
        return max(0.0, retry_at["at"] - time.monotonic())

    hourly = Intervals(push_s=3600, pull_s=3600, heartbeat_s=3600, probe_s=3600)
    scheduler = SyncScheduler(
        jobs={PUSH: push}, probe=lambda: True, intervals=lambda: hourly, wait_for=wait_for
    )
    with running(scheduler):
        assert eventually(lambda: len(runs) >= 3, within_s=2.0), "retried after the backoff, not the hour"
    gaps = [later - earlier for earlier, later in itertools.pairwise(runs)]
    assert all(gap >= 0.09 for gap in gaps), "never before the backoff ends"


def test_a_halted_job_stops_every_job_until_the_problem_is_fixed() -> None:
    jobs = Jobs(halt_on=PULL)
    fixed = threading.Event()
    scheduler = SyncScheduler(
        jobs=jobs.all(),
        probe=lambda: True,
        intervals=lambda: FAST,
        wait_for=lambda _: 0.0,
        still_halted=lambda: not fixed.is_set(),
    )
    with running(scheduler):
        assert eventually(lambda: scheduler.halted)
        time.sleep(0.1)
        before = dict(jobs.runs)
        time.sleep(0.4)
        assert jobs.runs == before
        jobs.halt_on = None
        fixed.set()  # e.g. a technician enrolled the kiosk again with kiosk-admin
        assert eventually(lambda: not scheduler.halted)
        assert eventually(lambda: min(jobs.runs[name] - before[name] for name in jobs.runs) >= 2)


def test_the_probe_pushes_at_once_when_the_server_comes_back_even_during_a_backoff() -> None:
    jobs = Jobs()
    server_up = threading.Event()
    scheduler = SyncScheduler(
        jobs=jobs.all(),
        probe=server_up.is_set,
        intervals=lambda: SLOW,
        wait_for=lambda channel: 600.0 if channel == PUSH else 0.0,  # a long backoff after failures
    )
    with running(scheduler):
        assert eventually(lambda: scheduler.server_up is False)
        time.sleep(0.2)
        assert jobs.runs[PUSH] == 0
        server_up.set()
        started = time.monotonic()
        assert eventually(lambda: jobs.runs[PUSH] == 1, within_s=2.0)
        assert time.monotonic() - started < 1.5
        assert scheduler.pushes_triggered == 1
        time.sleep(0.3)
        assert jobs.runs[PUSH] == 1, "up → up triggers nothing more"


def test_new_intervals_take_effect_after_a_run() -> None:
    jobs = Jobs()
    current = {"intervals": SLOW}
    scheduler = SyncScheduler(
        jobs=jobs.all(), probe=lambda: True, intervals=lambda: current["intervals"], wait_for=lambda _: 0.0
    )
    with running(scheduler):
        assert eventually(lambda: jobs.runs[PULL] == 1)
        current["intervals"] = FAST  # a config change pulled by the county
        scheduler.trigger_push()
        assert eventually(lambda: jobs.runs[PULL] >= 3)


@pytest.mark.parametrize("outcome", [RunOutcome(halted=True), RunOutcome()])
def test_shutdown_while_a_job_changes_its_schedule_does_not_deadlock(outcome: RunOutcome) -> None:
    started = threading.Event()

    def slow() -> RunOutcome:  # still running when shutdown() begins, then halts or backs off
        started.set()
        time.sleep(0.3)
        return outcome

    def wait_for(_channel: str) -> float:  # free to go at first, in a backoff once it has run
        return 5.0 if started.is_set() else 0.0

    scheduler = SyncScheduler(
        jobs={PUSH: slow}, probe=lambda: True, intervals=lambda: SLOW, wait_for=wait_for
    )
    scheduler.start()
    assert started.wait(timeout=3)
    stopper = threading.Thread(target=scheduler.shutdown)
    stopper.start()
    stopper.join(timeout=5)
    assert not stopper.is_alive(), "shutdown deadlocked with the job's pause/modify call"
