"""A kiosk whose clock is two hours off: the first request is stale, the skew is learned, nothing doubles."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from db.models import Device
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime, local_now
from kiosk.services.sync_round import run_full_round
from tests.sync.county_helpers import County
from tests.sync.recording_session import RecordingSession


def test_a_clock_two_hours_slow_is_corrected_once_and_nothing_is_stored_twice(
    enrolled: KioskRuntime, county: County
) -> None:
    kiosk = enrolled
    kiosk.clock = lambda: local_now() - timedelta(hours=2)  # the RTC battery died after enrolment
    service = kiosk.catalog.services[0]
    ids = [
        submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).filing_id
        for _ in range(3)
    ]

    with RecordingSession() as http:
        report = run_full_round(kiosk, http=http)
    assert report.ok, report.error
    assert report.push is not None and (report.push.accepted, report.push.duplicate) == (3, 0)
    pushes = [status for method, path, status in http.log if path == "/v1/push"]
    assert pushes == [401, 200], "stale once, then accepted with the corrected clock"
    assert 7190 <= report.clock_skew_s <= 7210
    with kiosk.sessions() as session:
        device = session.scalars(select(Device)).one()
        assert 7190 <= device.clock_skew_s <= 7210 and device.skew_measured_at is not None

    assert sorted(str(r["id"]) for r in county.records(kind="filing")) == sorted(ids)
    (listed,) = [json.loads(line) for line in county.cli("list-devices").stdout.splitlines()]
    assert 7190 <= listed["last_heartbeat"]["clock_skew_s"] <= 7210, "the heartbeat reports the skew"

    submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))
    with RecordingSession() as http:
        again = run_full_round(kiosk, http=http)
    assert again.ok and again.push is not None and again.push.accepted == 1
    assert all(status != 401 for _, _, status in http.log), "the recorded skew is used from the start"
