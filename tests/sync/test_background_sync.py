"""The kiosk's background sync against the real county server: probe, jobs, and a revoked device."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.lookup import lookup_by_voucher
from kiosk.services.runtime import KioskRuntime
from kiosk.services.status import queue_status
from kiosk.services.sync_round import start_background_sync
from sync.backoff import PUSH, record_failure
from sync.scheduler import Intervals
from tests.support.fault_proxy import FaultProxy
from tests.sync.county_helpers import County, enrol, restart
from tests.sync.polling import eventually


def _file(kiosk: KioskRuntime, count: int) -> list[str]:
    service = kiosk.catalog.services[5]
    return [
        submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).voucher_code
        for _ in range(count)
    ]


def test_the_probe_pushes_within_seconds_of_the_server_coming_back(
    kiosk: KioskRuntime, county: County
) -> None:
    proxy = FaultProxy("127.0.0.1", int(county.url.rsplit(":", 1)[1])).start()  # the kiosk's fixed address
    try:
        enrol(kiosk, county, server_url=proxy.url)
        county.stop()  # the county goes down for the night
        _file(kiosk, 3)
        # Earlier pushes failed: the push channel is in a long backoff, so only the probe can push now.
        record_failure(kiosk.sessions, PUSH, now=datetime.now(UTC), error="down", retry_after_s=600)
        scheduler = start_background_sync(
            kiosk, intervals=Intervals(push_s=3600, pull_s=3600, heartbeat_s=3600, probe_s=0.2)
        )
        assert scheduler is not None
        try:
            assert eventually(lambda: scheduler.server_up is False)
            back = restart(county)  # the county comes back, on another port behind the same address
            try:
                proxy.retarget(int(back.url.rsplit(":", 1)[1]))
                started = time.monotonic()
                assert eventually(lambda: queue_status(kiosk).pending == 0, within_s=5.0)
                assert time.monotonic() - started < 3.0, "pushed at once, not at the next tick"
                assert scheduler.pushes_triggered >= 1
                assert len(back.records(kind="filing")) == 3
            finally:
                back.stop()
        finally:
            scheduler.shutdown()
    finally:
        proxy.stop()


def test_the_background_jobs_push_pull_and_beat(enrolled: KioskRuntime, county: County) -> None:
    (voucher,) = _file(enrolled, 1)
    scheduler = start_background_sync(
        enrolled, intervals=Intervals(push_s=0.3, pull_s=0.3, heartbeat_s=0.3, probe_s=1)
    )
    assert scheduler is not None
    try:
        assert eventually(lambda: queue_status(enrolled).pending == 0, within_s=10)
        filing_id = lookup_by_voucher(enrolled, text=voucher).filing_id
        county.cli("set-status", filing_id, "approved", "--note", "材料齐全")
        assert eventually(
            lambda: lookup_by_voucher(enrolled, text=voucher).server_status == "approved", within_s=10
        )

        def beat() -> bool:
            (device,) = [json.loads(line) for line in county.cli("list-devices").stdout.splitlines()]
            return device["last_heartbeat"] is not None

        assert eventually(beat, within_s=10)
    finally:
        scheduler.shutdown()


def test_an_unenrolled_kiosk_has_no_background_sync(kiosk: KioskRuntime) -> None:
    assert start_background_sync(kiosk) is None
