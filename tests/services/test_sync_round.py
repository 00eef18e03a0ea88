"""Full sync rounds and the technician's view: halts, backoff, the queue, and kiosk-admin's output."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from db.models import Device
from kiosk.admin.cli import main as kiosk_admin
from kiosk.domain.errors import KioskError
from kiosk.services.demo_answers import DEMO_APPLICANT, demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime
from kiosk.services.status import queue_entries, queue_status
from kiosk.services.sync_round import run_channel, run_full_round, start_background_sync
from kiosk.services.sync_status import sync_overview
from sync.backoff import PUSH, read_channel
from sync.errors import ReenrolmentNeededError, UpdateNeededError
from sync.scheduler import Intervals
from tests.sync.county_helpers import County
from tests.sync.polling import eventually
from tests.sync.scripted_server import Reply, ScriptedServer


def _file(kiosk: KioskRuntime, count: int = 1) -> list[str]:
    service = kiosk.catalog.services[6]
    return [
        submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).filing_id
        for _ in range(count)
    ]


def _point_at(kiosk: KioskRuntime, url: str) -> None:
    with kiosk.sessions.begin() as session:
        session.execute(update(Device).values(server_url=url))


def test_a_revoked_kiosk_stops_syncing_with_a_clear_message_and_keeps_its_records(
    enrolled: KioskRuntime, county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk = enrolled
    _file(kiosk)
    assert run_full_round(kiosk).ok
    county.cli("revoke-device", kiosk.device_id)
    ids = _file(kiosk, 2)

    report = run_full_round(kiosk)
    assert isinstance(report.halt, ReenrolmentNeededError) and report.halt.error == "device_revoked"
    assert "enrol it again" in report.halt.en and "重新注册" in report.halt.zh
    assert report.pull is None and not report.heartbeat_sent, "the round stops at the first refusal"
    assert queue_status(kiosk).pending == 2
    assert {e.record_id for e in queue_entries(kiosk) if e.state == "pending"} == set(ids)
    overview = sync_overview(kiosk)
    assert overview.halt is not None and "revoked" in overview.halt[1]

    assert run_channel(kiosk, PUSH).push is None, "scheduled jobs do nothing while halted"
    scheduler = start_background_sync(
        kiosk, intervals=Intervals(push_s=0.2, pull_s=0.2, heartbeat_s=0.2, probe_s=0.2)
    )
    assert scheduler is not None
    try:
        assert eventually(lambda: scheduler.halted)
    finally:
        scheduler.shutdown()

    assert kiosk_admin(["status"]) == 0
    out = capsys.readouterr().out
    assert "sync halted" in out and "revoked" in out and "停用" in out
    assert kiosk_admin(["sync"]) == 1
    out = capsys.readouterr().out
    assert "revoked" in out and "unsent records are kept" in out


def test_an_update_is_asked_for_on_426_and_a_later_good_round_lifts_the_halt(
    enrolled: KioskRuntime, county: County
) -> None:
    _file(enrolled)
    with ScriptedServer(Reply(426, b'{"error": "protocol_unsupported"}')) as old:
        _point_at(enrolled, old.url)
        report = run_full_round(enrolled)
    assert isinstance(report.halt, UpdateNeededError) and "请升级终端软件" in report.halt.zh
    assert sync_overview(enrolled).halt == (UpdateNeededError.zh, UpdateNeededError.en)

    _point_at(enrolled, county.url)  # the county rolled back its upgrade
    assert run_full_round(enrolled).ok
    assert sync_overview(enrolled).halt is None and queue_status(enrolled).pending == 0


def test_a_failing_server_backs_the_channel_off_and_a_success_resets_it(
    enrolled: KioskRuntime, county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    _file(enrolled)
    with ScriptedServer(Reply(503, b"", {"Retry-After": "30"}), Reply(500, b"")) as busy:
        _point_at(enrolled, busy.url)
        report = run_full_round(enrolled)
    assert set(report.failures) == {"push", "pull", "heartbeat"}
    push = read_channel(enrolled.sessions, PUSH)
    assert (
        push.consecutive_failures == 1
        and push.next_attempt_at is not None
        and push.last_attempt_at is not None
    )
    assert (push.next_attempt_at - push.last_attempt_at).total_seconds() >= 30, "Retry-After honoured"
    assert kiosk_admin(["status"]) == 0
    assert "1 failures in a row" in capsys.readouterr().out

    _point_at(enrolled, county.url)
    assert run_full_round(enrolled).ok
    assert read_channel(enrolled.sessions, PUSH).consecutive_failures == 0


def test_a_lost_device_key_halts_sync_and_says_so(enrolled: KioskRuntime) -> None:
    enrolled.settings.device_key_path.unlink()
    report = run_full_round(enrolled)
    assert isinstance(report.halt, ReenrolmentNeededError) and "key file" in report.halt.en


def test_sync_before_enrolment_is_a_clear_error(
    kiosk: KioskRuntime, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(KioskError) as info:
        run_full_round(kiosk)
    assert "not enrolled" in info.value.en
    assert kiosk_admin(["sync"]) == 2
    assert "kiosk-admin enrol" in capsys.readouterr().err


def test_kiosk_admin_sync_and_queue_show_what_happened_without_personal_data(
    enrolled: KioskRuntime, county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _file(enrolled, 2)
    assert kiosk_admin(["queue"]) == 0
    out = capsys.readouterr().out
    assert all(record_id in out for record_id in ids) and "pending 2" in out
    assert all(value not in out for value in DEMO_APPLICANT.values())

    assert kiosk_admin(["sync"]) == 0
    out = capsys.readouterr().out
    assert "push: batches 1: accepted 2" in out and "heartbeat: sent" in out
    assert kiosk_admin(["queue"]) == 0
    assert "the queue is empty" in capsys.readouterr().out


def test_a_running_scheduler_resumes_by_itself_once_the_halt_is_lifted(
    enrolled: KioskRuntime, county: County
) -> None:
    upgrade = Reply(426, b'{"error": "protocol_unsupported"}')
    with ScriptedServer(*[upgrade] * 100) as old:  # the probe takes some of these too
        _point_at(enrolled, old.url)
        scheduler = start_background_sync(
            enrolled, intervals=Intervals(push_s=0.2, pull_s=0.2, heartbeat_s=0.2, probe_s=0.1)
        )
        assert scheduler is not None
        try:
            assert eventually(lambda: scheduler.halted)
            _point_at(enrolled, county.url)  # a technician runs `kiosk-admin sync` against the right server
            assert run_full_round(enrolled).ok
            assert eventually(lambda: not scheduler.halted)
            _file(enrolled)
            assert eventually(lambda: queue_status(enrolled).pending == 0, within_s=5)
        finally:
            scheduler.shutdown()
