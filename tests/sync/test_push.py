"""The outbox push against the real county server and against servers that misbehave."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select, update

from db.models import OutboxEntry
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime
from sync.push import PushTarget, push_outbox, recover_in_flight
from tests.support.county_process import list_county_records, start_county_server, stop_county_server

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def county(tmp_path: Path) -> Iterator[tuple[str, str]]:
    database_url = f"sqlite:///{tmp_path}/county.db"
    proc, base_url = start_county_server(database_url=database_url, cwd=REPO_ROOT)
    try:
        yield base_url, database_url
    finally:
        stop_county_server(proc)


def _file(kiosk: KioskRuntime, count: int) -> list[str]:
    service = kiosk.catalog.services[3]
    return [
        submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).filing_id
        for _ in range(count)
    ]


def _states(kiosk: KioskRuntime) -> dict[str, str]:
    with kiosk.sessions() as session:
        return dict(session.execute(select(OutboxEntry.record_id, OutboxEntry.state)).tuples().all())


def _target(kiosk: KioskRuntime, url: str, batch_size: int = 2) -> PushTarget:
    return PushTarget(server_url=url, device_id=kiosk.device_id, batch_size=batch_size, read_timeout_s=5)


def _rewrite_payload(
    kiosk: KioskRuntime, record_id: str, change: Callable[[dict[str, object]], None]
) -> None:
    with kiosk.sessions.begin() as session:
        row = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == record_id)).one()
        payload = json.loads(kiosk.cipher.decrypt(record_id=record_id, field="outbox", blob=row.payload_enc))
        change(payload)
        row.payload_enc = kiosk.cipher.encrypt(
            record_id=record_id, field="outbox", plaintext=json.dumps(payload)
        )
        row.state = "pending"


def test_batches_reach_the_server_once_and_a_rejected_record_never_blocks_the_rest(
    kiosk: KioskRuntime, county: tuple[str, str]
) -> None:
    base_url, database_url = county
    first = _file(kiosk, 5)
    report = push_outbox(kiosk.sessions, kiosk.cipher, _target(kiosk, base_url))
    assert (report.accepted, report.batches, report.error) == (5, 3, None)

    _rewrite_payload(kiosk, first[1], lambda p: p.update(channel="assisted"))  # same id, different content
    later = _file(kiosk, 2)
    report = push_outbox(kiosk.sessions, kiosk.cipher, _target(kiosk, base_url))
    assert (report.accepted, report.rejected, report.rejected_ids) == (2, 1, [first[1]])
    states = _states(kiosk)
    assert states[first[1]] == "rejected"
    assert all(states[i] == "sent" for i in first[:1] + first[2:] + later)
    with kiosk.sessions() as session:
        reason = session.scalars(
            select(OutboxEntry.last_error).where(OutboxEntry.record_id == first[1])
        ).one()
    assert reason

    stored = list_county_records(database_url=database_url, cwd=REPO_ROOT, kind="filing")
    assert sorted(r["id"] for r in stored) == sorted(first + later)
    assert {r["id"]: r["payload"]["channel"] for r in stored}[first[1]] == "self", (
        "the server kept the original"
    )


def test_records_left_in_flight_by_a_crash_are_sent_again_and_counted_once(
    kiosk: KioskRuntime, county: tuple[str, str]
) -> None:
    base_url, database_url = county
    ids = _file(kiosk, 3)
    push_outbox(kiosk.sessions, kiosk.cipher, _target(kiosk, base_url))
    with kiosk.sessions.begin() as session:  # as if the answer was lost when the power failed
        session.execute(update(OutboxEntry).values(state="in_flight"))
    assert recover_in_flight(kiosk.sessions) == 3
    report = push_outbox(kiosk.sessions, kiosk.cipher, _target(kiosk, base_url))
    assert (report.accepted, report.duplicate) == (0, 3)
    assert sorted(r["id"] for r in list_county_records(database_url=database_url, cwd=REPO_ROOT)) == sorted(
        ids
    )


def test_a_damaged_local_record_is_quarantined_and_the_others_go(
    kiosk: KioskRuntime, county: tuple[str, str]
) -> None:
    base_url, _ = county
    ids = _file(kiosk, 3)
    with kiosk.sessions.begin() as session:
        session.execute(
            update(OutboxEntry).where(OutboxEntry.record_id == ids[0]).values(payload_enc=b"\x01broken")
        )
    report = push_outbox(kiosk.sessions, kiosk.cipher, _target(kiosk, base_url, batch_size=1))
    assert report.accepted == 2
    assert _states(kiosk) == {ids[0]: "rejected", ids[1]: "sent", ids[2]: "sent"}


class _Misbehaving(BaseHTTPRequestHandler):
    status = 500
    body = b'{"error": "boom"}'

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        """Silence the default stderr log."""


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (500, b'{"error": "boom"}'),
        (503, b"Service Unavailable"),
        (200, b"this is not json"),
        (200, b'{"protocol": 1, "results": []}'),
        (200, b'{"protocol": 1, "results": [{"id": "someone-else", "status": "accepted", "reason": null}]}'),
    ],
)
def test_a_server_that_answers_badly_changes_nothing(kiosk: KioskRuntime, status: int, body: bytes) -> None:
    handler = type("Handler", (_Misbehaving,), {"status": status, "body": body})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        ids = _file(kiosk, 2)
        url = f"http://127.0.0.1:{server.server_address[1]}"
        report = push_outbox(kiosk.sessions, kiosk.cipher, _target(kiosk, url))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert report.error is not None and report.sent == 0
    assert _states(kiosk) == dict.fromkeys(ids, "pending")


def test_an_unreachable_server_leaves_everything_pending(kiosk: KioskRuntime) -> None:
    ids = _file(kiosk, 2)
    report = push_outbox(kiosk.sessions, kiosk.cipher, _target(kiosk, "http://127.0.0.1:9"))
    assert report.error is not None and "Connection" in report.error
    assert _states(kiosk) == dict.fromkeys(ids, "pending")
