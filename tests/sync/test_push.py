"""The signed outbox push against the real county server, and against servers that misbehave."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update

from db.models import OutboxEntry
from kiosk.services.attachments import add_attachment
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.rating import rate_filing
from kiosk.services.runtime import KioskRuntime
from kiosk.services.sync_round import open_transport, read_link
from sync.errors import BadAnswerError, RetryableError
from sync.push import PushReport, push_outbox, recover_in_flight
from sync.transport import Timeouts, Transport
from tests.sync.county_helpers import County
from tests.sync.scripted_server import Reply, ScriptedServer


def _file(kiosk: KioskRuntime, count: int, *, attachments: tuple[str, ...] = ()) -> list[str]:
    service = kiosk.catalog.services[3]
    return [
        submit_filing(
            kiosk, service_code=service.code, answers=demo_answers(service), attachments=attachments
        ).filing_id
        for _ in range(count)
    ]


def _states(kiosk: KioskRuntime) -> dict[str, str]:
    with kiosk.sessions() as session:
        return dict(session.execute(select(OutboxEntry.record_id, OutboxEntry.state)).tuples().all())


def _push(kiosk: KioskRuntime, *, batch_size: int = 2) -> PushReport:
    link = read_link(kiosk)
    assert link is not None
    with open_transport(kiosk, link) as transport:
        return push_outbox(
            kiosk.sessions, kiosk.cipher, transport, device_id=kiosk.device_id, batch_size=batch_size
        )


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


def test_signed_batches_reach_the_server_once_and_a_rejected_record_never_blocks_the_rest(
    enrolled: KioskRuntime, county: County
) -> None:
    kiosk = enrolled
    first = _file(kiosk, 5)
    report = _push(kiosk)
    assert (report.accepted, report.batches, report.error) == (5, 3, None)

    _rewrite_payload(kiosk, first[1], lambda p: p.update(channel="assisted"))  # same id, different content
    later = _file(kiosk, 2)
    report = _push(kiosk)
    assert (report.accepted, report.rejected, report.rejected_ids) == (2, 1, [first[1]])
    states = _states(kiosk)
    assert states[first[1]] == "rejected"
    assert all(states[i] == "sent" for i in first[:1] + first[2:] + later)
    with kiosk.sessions() as session:
        reason = session.scalars(
            select(OutboxEntry.last_error).where(OutboxEntry.record_id == first[1])
        ).one()
    assert reason

    stored = county.records(kind="filing")
    assert sorted(str(r["id"]) for r in stored) == sorted(first + later)
    payloads = {r["id"]: r["payload"] for r in stored}
    assert payloads[first[1]]["channel"] == "self", "the server kept the original"  # type: ignore[index]


def test_records_left_in_flight_by_a_crash_are_sent_again_and_counted_once(
    enrolled: KioskRuntime, county: County
) -> None:
    ids = _file(enrolled, 3)
    _push(enrolled)
    with enrolled.sessions.begin() as session:  # as if the answer was lost when the power failed
        session.execute(update(OutboxEntry).values(state="in_flight"))
    assert recover_in_flight(enrolled.sessions) == 3
    report = _push(enrolled)
    assert (report.accepted, report.duplicate) == (0, 3)
    assert sorted(str(r["id"]) for r in county.records()) == sorted(ids)


def test_a_damaged_local_record_is_quarantined_and_the_others_go(enrolled: KioskRuntime) -> None:
    ids = _file(enrolled, 3)
    with enrolled.sessions.begin() as session:
        session.execute(
            update(OutboxEntry).where(OutboxEntry.record_id == ids[0]).values(payload_enc=b"\x01broken")
        )
    report = _push(enrolled, batch_size=1)
    assert report.accepted == 2
    assert _states(enrolled) == {ids[0]: "rejected", ids[1]: "sent", ids[2]: "sent"}


def test_a_filing_whose_files_are_not_uploaded_waits_without_blocking_the_others(
    enrolled: KioskRuntime, county: County
) -> None:
    sha = add_attachment(enrolled, data=os.urandom(1000), media_type="image/png")
    (waiting,) = _file(enrolled, 1, attachments=(sha,))
    rating = rate_filing(enrolled, filing_id=waiting, level=5)
    others = _file(enrolled, 2)
    report = _push(enrolled)  # no attachment upload in this test: the file never reaches the server
    assert report.accepted == 2
    states = _states(enrolled)
    assert (states[waiting], states[rating]) == ("pending", "pending"), "the rating waits for its filing"
    assert all(states[i] == "sent" for i in others)


@pytest.mark.parametrize(
    ("reply", "error"),
    [
        (Reply(500, b'{"error": "boom"}'), RetryableError),
        (Reply(503, b"Service Unavailable"), RetryableError),
        (Reply(200, b"this is not json"), RetryableError),
        (Reply(200, b'{"protocol": 1, "results": []}'), BadAnswerError),
        (
            Reply(200, b'{"protocol": 1, "results": [{"id": "someone-else", "status": "accepted"}]}'),
            BadAnswerError,
        ),
    ],
)
def test_a_server_that_answers_badly_changes_nothing(
    kiosk: KioskRuntime, reply: Reply, error: type[Exception]
) -> None:
    ids = _file(kiosk, 2)
    with ScriptedServer(reply) as server:
        transport = Transport(
            base_url=server.url, device_id=kiosk.device_id, private_key=Ed25519PrivateKey.generate()
        )
        with transport:
            report = push_outbox(kiosk.sessions, kiosk.cipher, transport, device_id=kiosk.device_id)
    assert isinstance(report.failure, error) and report.sent == 0
    assert _states(kiosk) == dict.fromkeys(ids, "pending")


def test_an_unreachable_server_leaves_everything_pending(kiosk: KioskRuntime) -> None:
    ids = _file(kiosk, 2)
    transport = Transport(
        base_url="http://127.0.0.1:9",
        device_id=kiosk.device_id,
        private_key=Ed25519PrivateKey.generate(),
        timeouts=Timeouts(connect_s=1, read_s=1),
    )
    with transport:
        report = push_outbox(kiosk.sessions, kiosk.cipher, transport, device_id=kiosk.device_id)
    assert isinstance(report.failure, RetryableError)
    assert _states(kiosk) == dict.fromkeys(ids, "pending")
