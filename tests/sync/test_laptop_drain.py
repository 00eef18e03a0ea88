"""Days offline on a helper laptop: 500 assisted filings with photos, sealed to the county, drain to a real
county server once it is back, with no one signed in: nothing lost, nothing twice, the same sealed bytes at
every resend."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select, update

from db.models import Attachment, OutboxEntry
from kiosk.services.helper_signin import sign_in_helper
from kiosk.services.laptop_store import lock_laptop_store, unlock_laptop_store
from kiosk.services.status import queue_status
from kiosk.services.sync_round import run_full_round
from tests.support.fault_proxy import FaultProxy
from tests.support.laptop import PIN, STAFF_NO, add_helper_with_pin, file_with_photo, open_laptop
from tests.sync.county_helpers import County, enrol, restart, running_county

FILINGS = 500


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


@contextmanager
def _stable_address(county: County) -> Iterator[FaultProxy]:
    """The county's address as the laptop knows it (a proxy that survives the server's restart)."""
    proxy = FaultProxy("127.0.0.1", _port(county.url)).start()
    try:
        yield proxy
    finally:
        proxy.stop()


def test_500_sealed_filings_with_photos_drain_exactly_once_after_days_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    timings: dict[str, float] = {}
    with running_county(tmp_path) as county, _stable_address(county) as proxy:
        laptop = open_laptop(monkeypatch)
        try:
            enrol(laptop, county, server_url=proxy.url)
            add_helper_with_pin(laptop, county)
            county.stop()  # the helper leaves for the villages: no network for days

            check, helper = sign_in_helper(laptop, STAFF_NO, PIN)
            assert check.ok and helper is not None
            unlock_laptop_store(laptop, STAFF_NO, PIN)
            started = time.perf_counter()
            filed = [
                file_with_photo(
                    laptop, helper, photo=f"photo {n} ".encode() * 40, signed=n % 10 == 0
                ).filing_id
                for n in range(FILINGS)
            ]
            timings["file"] = time.perf_counter() - started
            lock_laptop_store(laptop)  # signed out; the laptop syncs by itself from here

            offline = run_full_round(laptop)
            assert offline.failures and offline.push is not None and offline.push.sent == 0
            with laptop.sessions() as session:
                snapshots = dict(  # record id -> stored sealed bytes
                    session.execute(select(OutboxEntry.record_id, OutboxEntry.payload_enc)).all()
                )

            back = restart(county)
            try:
                proxy.retarget(_port(back.url))
                started = time.perf_counter()
                first = run_full_round(laptop)
                timings["drain"] = time.perf_counter() - started
                assert first.ok, first.error
                assert first.push is not None and (first.push.accepted, first.push.rejected) == (FILINGS, 0)
                assert (
                    first.attachments is not None and first.attachments.completed == FILINGS + FILINGS // 10
                )
                assert queue_status(laptop).pending == 0

                again = run_full_round(laptop)
                assert again.push is not None and again.push.sent == 0, "nothing is left to send"

                # Every answer lost (as if the county's replies never came): all of it is sent again.
                with laptop.sessions.begin() as session:
                    session.execute(update(OutboxEntry).values(state="pending"))
                    resent_snapshots = dict(
                        session.execute(select(OutboxEntry.record_id, OutboxEntry.payload_enc)).all()
                    )
                assert resent_snapshots == snapshots, "resends carry the sealed bytes stored at filing time"
                resend = run_full_round(laptop)
                assert resend.push is not None and (resend.push.accepted, resend.push.duplicate) == (
                    0,
                    FILINGS,
                )

                records = back.records(kind="filing")
                with laptop.sessions() as session:
                    incomplete = session.scalars(
                        select(Attachment.sha256).where(Attachment.upload_state != "complete")
                    ).all()
            finally:
                back.stop()
        finally:
            laptop.close()
    assert sorted(str(record["id"]) for record in records) == sorted(filed), "each filing once, none lost"
    assert incomplete == []
    photos = {
        sha
        for record in records
        if isinstance(record["payload"], dict)
        for sha in record["payload"]["attachments"]
    }
    assert len(photos) == FILINGS + FILINGS // 10
    print(f"\n500 laptop filings: filed in {timings['file']:.1f} s, drained in {timings['drain']:.1f} s")
