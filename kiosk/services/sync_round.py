"""Use case: sync with the county — one full round on demand, and the jobs the background scheduler runs.

A full round is: records a crash left in flight go back to pending, attachments of pending filings are
uploaded, the outbox is pushed, changes are pulled, a heartbeat is sent; then personal data whose time is
up leaves the store (kiosk.services.retention), as it does after every scheduled pull. Each channel (push, pull,
heartbeat) keeps its own persisted backoff; a re-enrolment or update problem halts sync (stored on the
device row, records stay queued) until a technician enrols again or a manual round succeeds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests
from sqlalchemy.exc import SQLAlchemyError

from db.audit import append_audit
from db.errors import StoreError
from db.models import Device
from kiosk.domain.errors import KioskError
from kiosk.services.county_changes import CountyChanges
from kiosk.services.county_config import stored_county_config
from kiosk.services.printer import last_printer_state
from kiosk.services.retention import PurgeReport, purge_expired
from kiosk.services.runtime import APP_VERSION, KioskRuntime
from kiosk.settings import Settings
from sync.attachments import AttachmentReport, upload_attachments
from sync.backoff import HEARTBEAT, PULL, PUSH, record_failure, record_success, wait_remaining
from sync.enrol import load_device_key
from sync.errors import (
    ERROR_KEY_MISSING,
    HaltError,
    ReenrolmentNeededError,
    RetryAfterError,
    SyncError,
    UpdateNeededError,
)
from sync.heartbeat import build_heartbeat, send_heartbeat
from sync.protocol import ERROR_PROTOCOL_UNSUPPORTED, CountyConfig
from sync.pull import PullReport, pull_changes
from sync.push import PushReport, push_outbox, recover_in_flight
from sync.scheduler import Intervals, RunOutcome, SyncScheduler
from sync.transport import Timeouts, Transport

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncLink:
    """How this kiosk talks to its county, from the device row (None until enrolled)."""

    server_url: str
    device_id: str
    site: str
    config: CountyConfig
    clock_skew_s: float
    halt: str | None


def not_enrolled() -> KioskError:
    """The error every sync entry point raises before enrolment."""
    return KioskError(
        "本终端尚未注册到县级服务器（kiosk-admin enrol），办件已安全保存在本机",
        "This kiosk is not enrolled with a county server yet (kiosk-admin enrol); filings stay safely on this kiosk",
    )


def halt_message(code: str) -> tuple[str, str]:
    """(zh, en) telling the technician why sync stopped."""
    if code == ERROR_PROTOCOL_UNSUPPORTED:
        error: SyncError = UpdateNeededError()
    else:
        error = ReenrolmentNeededError(error=code)
    return error.zh, error.en


def read_link(kiosk: KioskRuntime) -> SyncLink | None:
    """The enrolment of this kiosk, or None when it is not enrolled."""
    with kiosk.sessions() as session:
        device = session.get(Device, 1)
        if device is None or device.enrolled_at is None or not device.server_url:
            return None
        config = stored_county_config(device)
        return SyncLink(
            server_url=device.server_url,
            device_id=device.device_id,
            site=device.site or "",
            config=config,
            clock_skew_s=device.clock_skew_s,
            halt=device.sync_halt,
        )


def intervals_for(kiosk: KioskRuntime) -> Intervals:
    """The job intervals: the county config's, and the probe's from the settings."""
    link = read_link(kiosk)
    config = link.config if link is not None else CountyConfig()
    return Intervals(
        push_s=config.push_interval_s,
        pull_s=config.pull_interval_s,
        heartbeat_s=config.heartbeat_interval_s,
        probe_s=kiosk.settings.sync_probe_interval_s,
    )


def transport_timeouts(settings: Settings) -> Timeouts:
    """The limits of every sync request, from the kiosk's settings."""
    return Timeouts(
        connect_s=settings.sync_connect_timeout_s,
        read_s=settings.sync_read_timeout_s,
        total_s=settings.sync_request_deadline_s,
        slowest_link_bytes_per_s=settings.sync_slowest_link_bytes_per_s,
    )


def open_transport(kiosk: KioskRuntime, link: SyncLink, *, http: requests.Session | None = None) -> Transport:
    """A signed transport with the device key, the stored clock skew and the kiosk's clock."""
    settings = kiosk.settings
    return Transport(
        base_url=link.server_url,
        device_id=link.device_id,
        private_key=load_device_key(settings.device_key_path),
        skew_s=link.clock_skew_s,
        clock=lambda: kiosk.clock().timestamp(),
        timeouts=transport_timeouts(settings),
        session=http,
    )


@dataclass(slots=True)
class SyncRoundReport:
    """What a round (or one scheduled job) did; `failures` by channel, `halt` when sync had to stop."""

    recovered: int = 0
    attachments: AttachmentReport | None = None
    push: PushReport | None = None
    pull: PullReport | None = None
    heartbeat_sent: bool = False
    failures: dict[str, SyncError] = field(default_factory=dict)
    halt: SyncError | None = None
    clock_skew_s: float = 0.0
    retention: PurgeReport | None = None

    @property
    def ok(self) -> bool:
        """True when every channel that ran succeeded."""
        return not self.failures and self.halt is None

    @property
    def error(self) -> str | None:
        """The first problem in English (no personal data), or None."""
        problem = self.halt or next(iter(self.failures.values()), None)
        return None if problem is None else str(problem)


# --- the channels -----------------------------------------------------------------------------------


def _push(
    kiosk: KioskRuntime, transport: Transport, link: SyncLink, report: SyncRoundReport
) -> tuple[SyncError | None, bool]:
    report.attachments = upload_attachments(
        kiosk.sessions, transport, data_dir=kiosk.settings.data_dir, cipher=kiosk.cipher
    )
    attachment_failure = report.attachments.failure
    if isinstance(attachment_failure, HaltError):
        return attachment_failure, False
    batch_size = min(kiosk.settings.sync_batch_size, link.config.batch_size)
    report.push = push_outbox(
        kiosk.sessions,
        kiosk.cipher,
        transport,
        device_id=link.device_id,
        batch_size=batch_size,
        clock=kiosk.clock,
    )
    worked = report.push.batches > 0 or report.attachments.completed > 0 or report.attachments.bytes_sent > 0
    return report.push.failure or attachment_failure, worked


def _pull(
    kiosk: KioskRuntime, transport: Transport, _link: SyncLink, report: SyncRoundReport
) -> tuple[SyncError | None, bool]:
    report.pull = pull_changes(kiosk.sessions, transport, CountyChanges(kiosk))
    if report.pull.refused:
        with kiosk.sessions.begin() as session:
            for refused in report.pull.refused:
                append_audit(
                    session,
                    at=kiosk.clock().isoformat(),
                    actor="county",
                    action="county.change_refused",
                    subject_id=None,
                    detail={"seq": refused.seq, "type": refused.type, "reason": refused.en[:300]},
                )
    return report.pull.failure, True


def _heartbeat(
    kiosk: KioskRuntime, transport: Transport, link: SyncLink, report: SyncRoundReport
) -> tuple[SyncError | None, bool]:
    heartbeat = build_heartbeat(
        kiosk.sessions,
        device_id=link.device_id,
        app_version=APP_VERSION,
        data_dir=kiosk.settings.data_dir,
        clock_skew_s=transport.skew_s,
        now=kiosk.clock(),
        printer_state=last_printer_state(kiosk),
    )
    try:
        send_heartbeat(transport, heartbeat)
    except SyncError as exc:
        return exc, False
    report.heartbeat_sent = True
    return None, True


Step = Callable[[KioskRuntime, Transport, SyncLink, SyncRoundReport], tuple[SyncError | None, bool]]
STEPS: dict[str, Step] = {PUSH: _push, PULL: _pull, HEARTBEAT: _heartbeat}


def _halt(kiosk: KioskRuntime, code: str) -> None:
    with kiosk.sessions.begin() as session:
        device = session.get(Device, 1)
        if device is not None:
            device.sync_halt = code
            device.sync_halt_at = datetime.now(UTC).isoformat(timespec="seconds")
    log.error("sync halted (%s): %s", code, halt_message(code)[1])


def _halt_code(error: HaltError) -> str:
    return error.error if isinstance(error, ReenrolmentNeededError) else ERROR_PROTOCOL_UNSUPPORTED


def _settle(kiosk: KioskRuntime, channel: str, failure: SyncError | None, *, worked: bool) -> None:
    now = datetime.now(UTC)
    if failure is None:
        if worked:
            record_success(kiosk.sessions, channel, now=now)
        return
    if isinstance(failure, HaltError):
        _halt(kiosk, _halt_code(failure))
        return
    retry_after = failure.retry_after_s if isinstance(failure, RetryAfterError) else None
    record_failure(kiosk.sessions, channel, now=now, error=str(failure), retry_after_s=retry_after)


def _remember_skew(kiosk: KioskRuntime, transport: Transport, report: SyncRoundReport) -> None:
    report.clock_skew_s = transport.skew_s
    if transport.skew_learned_at is None:
        return
    with kiosk.sessions.begin() as session:
        device = session.get(Device, 1)
        if device is not None:
            device.clock_skew_s = transport.skew_s
            device.skew_measured_at = datetime.now(UTC).isoformat(timespec="seconds")


def _run_channels(
    kiosk: KioskRuntime,
    link: SyncLink,
    channels: tuple[str, ...],
    report: SyncRoundReport,
    *,
    http: requests.Session | None,
) -> None:
    try:
        transport = open_transport(kiosk, link, http=http)
    except StoreError as exc:
        log.error("device key unusable: %s", exc.en)
        _halt(kiosk, ERROR_KEY_MISSING)
        report.halt = ReenrolmentNeededError(exc.en, error=ERROR_KEY_MISSING)
        return
    with transport:
        try:
            for channel in channels:
                failure, worked = STEPS[channel](kiosk, transport, link, report)
                _settle(kiosk, channel, failure, worked=worked)
                if isinstance(failure, HaltError):
                    report.halt = failure
                    break
                if failure is not None:
                    report.failures[channel] = failure
        finally:
            _remember_skew(kiosk, transport, report)


def _purge_after_round(kiosk: KioskRuntime, report: SyncRoundReport) -> None:
    """Let personal data whose time is up leave the store; a failure is logged and never stops sync."""
    try:
        report.retention = purge_expired(kiosk)
    except (StoreError, SQLAlchemyError, OSError) as exc:
        log.error("retention run failed, tried again after the next round: %s", exc)


# --- entry points -----------------------------------------------------------------------------------


def run_full_round(kiosk: KioskRuntime, *, http: requests.Session | None = None) -> SyncRoundReport:
    """Everything now, backoff or not (a technician asked): recover, attachments, push, pull, heartbeat.

    A halted kiosk tries too; when the round succeeds the halt is lifted. Raises KioskError before
    enrolment.
    """
    link = read_link(kiosk)
    if link is None:
        raise not_enrolled()
    report = SyncRoundReport(recovered=recover_in_flight(kiosk.sessions))
    _run_channels(kiosk, link, (PUSH, PULL, HEARTBEAT), report, http=http)
    _purge_after_round(kiosk, report)
    if report.halt is None and link.halt is not None and not report.failures:
        with kiosk.sessions.begin() as session:
            device = session.get(Device, 1)
            if device is not None:
                device.sync_halt, device.sync_halt_at = None, None
        log.info("sync resumed: the county accepts this kiosk again")
    return report


def run_channel(
    kiosk: KioskRuntime, channel: str, *, http: requests.Session | None = None
) -> SyncRoundReport:
    """One scheduled job (push, pull or heartbeat); a halted or unenrolled kiosk does nothing. After a pull
    (whether the county answered or not) the retention rules run."""
    report = SyncRoundReport()
    link = read_link(kiosk)
    if link is None or link.halt is not None:
        return report
    _run_channels(kiosk, link, (channel,), report, http=http)
    if channel == PULL:
        _purge_after_round(kiosk, report)
    return report


def _job(kiosk: KioskRuntime, channel: str) -> Callable[[], RunOutcome]:
    def run() -> RunOutcome:
        link = read_link(kiosk)
        if link is None or link.halt is not None:
            return RunOutcome(halted=True)
        return RunOutcome(halted=run_channel(kiosk, channel).halt is not None)

    return run


def _still_halted(kiosk: KioskRuntime) -> bool:
    link = read_link(kiosk)
    return link is None or link.halt is not None


def _probe(kiosk: KioskRuntime) -> bool:
    link = read_link(kiosk)
    if link is None:
        return False
    with Transport(base_url=link.server_url) as transport:
        return transport.probe(timeout_s=kiosk.settings.sync_probe_timeout_s)


def start_background_sync(kiosk: KioskRuntime, *, intervals: Intervals | None = None) -> SyncScheduler | None:
    """Start push, pull, heartbeat and the connectivity probe when the kiosk is enrolled (else None).

    Always `shutdown()` what this returns. `intervals` overrides the county config (tests, demos).
    """
    if read_link(kiosk) is None:
        log.info("not enrolled: background sync is off")
        return None
    recovered = recover_in_flight(kiosk.sessions)
    if recovered:
        log.info("%d records left in flight by the last run go again", recovered)
    scheduler = SyncScheduler(
        jobs={channel: _job(kiosk, channel) for channel in (PUSH, PULL, HEARTBEAT)},
        probe=lambda: _probe(kiosk),
        intervals=(lambda: intervals) if intervals is not None else (lambda: intervals_for(kiosk)),
        wait_for=lambda channel: wait_remaining(kiosk.sessions, channel, now=datetime.now(UTC)),
        still_halted=lambda: _still_halted(kiosk),
    )
    scheduler.start()
    return scheduler
