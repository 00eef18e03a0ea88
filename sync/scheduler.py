"""Background sync: APScheduler runs push, pull and heartbeat jobs and a connectivity probe.

The jobs are callables handed in by the kiosk (sync never imports kiosk); each returns a `RunOutcome`.
Before and after every run the scheduler asks `wait_for(channel)` (the persisted backoff): a channel
that must wait is not run, and its next run moves to when the wait ends (sooner than the interval after
a short backoff, later after a long one). A halted run (re-enrolment or update needed) pauses push, pull
and heartbeat; while halted the probe only asks `still_halted()` and resumes the jobs once a technician
has fixed things (e.g. enrolled again from kiosk-admin), with no restart needed. The probe (GET /v1/health, short timeout) runs on its own thread and starts a push at
once when the server comes back (down → up), even inside a backoff wait. Push, pull and heartbeat share
one worker thread, so they never overlap. Intervals are read again after every run, so a new county
config takes effect without a restart.

Jobs change their own schedule (backoff, halt) from worker threads. APScheduler's `shutdown(wait=True)`
holds its job-store lock while it waits for running jobs, so every such change goes through
`_change_schedule`, which does nothing once `shutdown()` has begun (otherwise the two would deadlock).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from sync.backoff import HEARTBEAT, PULL, PUSH

log = logging.getLogger(__name__)

PROBE = "probe"
_SYNC_EXECUTOR, _PROBE_EXECUTOR = "sync", "probe"
_TOLERANCE_S = 0.05  # a run this close to the end of its backoff goes now


@dataclass(frozen=True, slots=True)
class Intervals:
    """Seconds between runs of each job."""

    push_s: float = 60.0
    pull_s: float = 300.0
    heartbeat_s: float = 300.0
    probe_s: float = 10.0

    def of(self, job: str) -> float:
        """The interval of one job by name."""
        return {PUSH: self.push_s, PULL: self.pull_s, HEARTBEAT: self.heartbeat_s, PROBE: self.probe_s}[job]


@dataclass(frozen=True, slots=True)
class RunOutcome:
    """How a job run went: `halted` when sync must stop until a technician acts."""

    halted: bool = False


Job = Callable[[], RunOutcome]


class SyncScheduler:
    """Owns one BackgroundScheduler; `start()` once, `shutdown()` always (it waits for a running job)."""

    def __init__(
        self,
        *,
        jobs: Mapping[str, Job],
        probe: Callable[[], bool],
        intervals: Callable[[], Intervals],
        wait_for: Callable[[str], float],
        still_halted: Callable[[], bool] = lambda: True,
    ) -> None:
        unknown = set(jobs) - {PUSH, PULL, HEARTBEAT}
        if unknown:
            raise ValueError(f"unknown sync jobs: {sorted(unknown)}")
        self._jobs = dict(jobs)
        self._probe = probe
        self._intervals_source = intervals
        self._intervals = intervals()
        self._wait_for = wait_for
        self._still_halted = still_halted
        self._forced: set[str] = set()
        self._lock = threading.Lock()
        self._control = threading.RLock()
        self._stopping = False
        self._server_up: bool | None = None
        self._halted = False
        self.pushes_triggered = 0
        self._scheduler = BackgroundScheduler(
            executors={
                _SYNC_EXECUTOR: ThreadPoolExecutor(max_workers=1),
                _PROBE_EXECUTOR: ThreadPoolExecutor(max_workers=1),
            },
            job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
            timezone=UTC,
        )

    # --- lifetime ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Add the jobs (each first runs now, or when its persisted backoff ends) and start the thread."""
        now = datetime.now(UTC)
        for name in self._jobs:
            self._scheduler.add_job(
                self._run,
                IntervalTrigger(seconds=self._intervals.of(name), timezone=UTC),
                args=(name,),
                id=name,
                name=f"sync {name}",
                executor=_SYNC_EXECUTOR,
                next_run_time=now,
            )
        self._scheduler.add_job(
            self._run_probe,
            IntervalTrigger(seconds=self._intervals.probe_s, timezone=UTC),
            id=PROBE,
            name="sync probe",
            executor=_PROBE_EXECUTOR,
            next_run_time=now,
        )
        self._scheduler.start()
        log.info("sync scheduler started (%s)", self._intervals)

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop the scheduler; with `wait`, return only after a running job finished."""
        with self._control:
            self._stopping = True
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)
            log.info("sync scheduler stopped")

    @property
    def running(self) -> bool:
        """True between start() and shutdown()."""
        return bool(self._scheduler.running)

    @property
    def halted(self) -> bool:
        """True when a job said sync must stop (re-enrolment or update needed)."""
        return self._halted

    @property
    def server_up(self) -> bool | None:
        """What the last probe saw (None before the first probe)."""
        return self._server_up

    # --- control ----------------------------------------------------------------------------------

    def trigger_push(self) -> None:
        """Run the push job now, backoff or not, instead of at its next tick (no-op when halted)."""
        if self._halted or PUSH not in self._jobs:
            return
        with self._lock:
            self._forced.add(PUSH)
            self.pushes_triggered += 1
        self._set_next_run(PUSH, datetime.now(UTC))

    def resume(self) -> None:
        """Start the jobs again after a halt (e.g. after re-enrolment)."""
        with self._lock:
            self._halted = False
        for name in self._jobs:
            self._change_schedule(partial(self._scheduler.resume_job, name))
        log.info("sync resumed")
        self.trigger_push()

    # --- internals --------------------------------------------------------------------------------

    def _change_schedule(self, change: Callable[[], object]) -> None:
        """Apply one change to the APScheduler jobs unless shutdown has begun (see the module docstring)."""
        with self._control:
            if self._stopping:
                return
            try:
                change()
            except JobLookupError:
                return

    def _set_next_run(self, name: str, when: datetime) -> None:
        self._change_schedule(partial(self._scheduler.modify_job, name, next_run_time=when))

    def _halt(self) -> None:
        with self._lock:
            if self._halted:
                return
            self._halted = True
        for name in self._jobs:
            self._change_schedule(partial(self._scheduler.pause_job, name))
        log.warning("sync halted: a technician must act (see kiosk-admin status)")

    def _backoff_wait(self, name: str) -> float:
        try:
            return max(0.0, self._wait_for(name))
        except Exception:
            log.exception("cannot read the backoff of %s", name)
            return 0.0

    def _run(self, name: str) -> None:
        if self._halted:
            return
        with self._lock:
            forced = name in self._forced
            self._forced.discard(name)
        wait = 0.0 if forced else self._backoff_wait(name)
        if wait > _TOLERANCE_S:
            self._set_next_run(name, datetime.now(UTC) + timedelta(seconds=wait))
            return
        try:
            outcome = self._jobs[name]()
        except Exception:  # a bug in a job must not kill the scheduler; it runs again at the next tick
            log.exception("sync job %s failed unexpectedly", name)
            outcome = RunOutcome()
        if outcome.halted:
            self._halt()
            return
        self._refresh_intervals()
        wait = self._backoff_wait(name)
        if wait > 0:
            self._set_next_run(name, datetime.now(UTC) + timedelta(seconds=wait))

    def _run_probe(self) -> None:
        if self._halted:
            try:
                fixed = not self._still_halted()
            except Exception:
                log.exception("cannot read whether sync is still halted")
                fixed = False
            if fixed:
                self.resume()
            return
        up = self._probe()
        with self._lock:
            came_back = up and self._server_up is False
            self._server_up = up
        if came_back:
            log.info("county server is reachable again; pushing now")
            self.trigger_push()

    def _refresh_intervals(self) -> None:
        try:
            fresh = self._intervals_source()
        except Exception:
            log.exception("cannot read sync intervals")
            return
        if fresh == self._intervals:
            return
        self._intervals = fresh
        for name in [*self._jobs, PROBE]:
            trigger = IntervalTrigger(seconds=fresh.of(name), timezone=UTC)
            self._change_schedule(partial(self._scheduler.reschedule_job, name, trigger=trigger))
        log.info("sync intervals changed: %s", fresh)
