"""The heartbeat tells the county the queue, the disk, the clock and the printer."""

from __future__ import annotations

import shutil
from datetime import timedelta

from sqlalchemy import update

from db.models import OutboxEntry
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime
from sync.heartbeat import build_heartbeat


def test_an_empty_queue_has_no_oldest_record(kiosk: KioskRuntime) -> None:
    beat = build_heartbeat(
        kiosk.sessions,
        device_id=kiosk.device_id,
        app_version="0.1.0",
        data_dir=kiosk.settings.data_dir,
        clock_skew_s=-3.0,
        now=kiosk.clock(),
    )
    assert (beat.queue_depth, beat.oldest_unsent_age_s, beat.clock_skew_s, beat.printer_state) == (
        0,
        None,
        -3.0,
        None,
    )
    assert 0 < beat.free_disk_bytes <= shutil.disk_usage(kiosk.settings.data_dir).total


def test_queue_depth_counts_unsent_records_and_the_age_of_the_oldest(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.services[0]
    ids = [
        submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).filing_id
        for _ in range(3)
    ]
    with kiosk.sessions.begin() as session:
        session.execute(update(OutboxEntry).where(OutboxEntry.record_id == ids[0]).values(state="sent"))
        session.execute(update(OutboxEntry).where(OutboxEntry.record_id == ids[1]).values(state="in_flight"))
    beat = build_heartbeat(
        kiosk.sessions,
        device_id=kiosk.device_id,
        app_version="0.1.0",
        data_dir=kiosk.settings.data_dir,
        clock_skew_s=0.0,
        now=kiosk.clock() + timedelta(minutes=10),
    )
    assert beat.queue_depth == 2
    assert beat.oldest_unsent_age_s is not None and 595 <= beat.oldest_unsent_age_s <= 605
