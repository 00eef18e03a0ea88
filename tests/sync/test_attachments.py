"""Resumable, content-addressed attachment uploads against the real county server."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from db.models import Attachment
from kiosk.services.attachments import add_attachment
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime
from kiosk.services.status import queue_entries
from kiosk.services.sync_round import open_transport, read_link, run_full_round
from sync.attachments import AttachmentReport, upload_attachments
from sync.enrol import load_device_key
from sync.errors import RetryableError
from sync.protocol import MAX_CHUNK_BYTES, AttachmentStatus
from sync.transport import Answer, Transport
from tests.support.fault_proxy import Fault, FaultProxy
from tests.sync.county_helpers import County, enrol
from tests.sync.recording_session import RecordingSession

CHUNK = MAX_CHUNK_BYTES
SIZE = 4 * CHUNK + 1000  # five chunks


def _file_with(kiosk: KioskRuntime, *hashes: str) -> str:
    service = kiosk.catalog.services[2]
    return submit_filing(
        kiosk, service_code=service.code, answers=demo_answers(service), attachments=hashes
    ).filing_id


def _uploaded_bytes(kiosk: KioskRuntime, sha256: str) -> tuple[int, str]:
    with kiosk.sessions() as session:
        row = session.get(Attachment, sha256)
        assert row is not None
        return row.uploaded_bytes, row.upload_state


def _server_status(kiosk: KioskRuntime, sha256: str) -> AttachmentStatus:
    link = read_link(kiosk)
    assert link is not None
    with open_transport(kiosk, link) as transport:
        return transport.expect("GET", f"/v1/attachments/{sha256}", AttachmentStatus)


def _patch_offsets(http: RecordingSession) -> list[int]:
    return [int(path.rsplit("offset=", 1)[1]) for method, path, _ in http.log if method == "PATCH"]


class _Tampering(Transport):
    """A transport that changes chosen PATCH requests before they are sent (and can stop after N chunks)."""

    def __init__(self, *args: Any, stop_after: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stop_after = stop_after
        self.patches = 0
        self.shift_first_offset = False
        self.corrupt_last_chunk_once = False

    def call(
        self,
        method: str,
        path: str,
        *,
        answers: Mapping[int, Any],
        query: Sequence[tuple[str, str | int]] = (),
        **kwargs: Any,
    ) -> Answer:
        if method == "PATCH":
            if self.stop_after is not None and self.patches >= self.stop_after:
                raise RetryableError("the network went away")
            self.patches += 1
            if self.shift_first_offset:
                self.shift_first_offset = False
                query = [("offset", int(query[0][1]) + 7)]
            raw = kwargs.get("raw_body")
            if self.corrupt_last_chunk_once and raw is not None and len(raw) < CHUNK:
                self.corrupt_last_chunk_once = False
                kwargs["raw_body"] = bytes([raw[0] ^ 0xFF]) + raw[1:]
        return super().call(method, path, answers=answers, query=query, **kwargs)


def _tampering(kiosk: KioskRuntime, **options: Any) -> _Tampering:
    link = read_link(kiosk)
    assert link is not None
    return _Tampering(
        base_url=link.server_url,
        device_id=link.device_id,
        private_key=load_device_key(kiosk.settings.device_key_path),
        clock=lambda: kiosk.clock().timestamp(),
        **options,
    )


def test_a_filing_goes_after_its_files_and_lists_their_hashes(enrolled: KioskRuntime, county: County) -> None:
    data = os.urandom(SIZE)
    sha = add_attachment(enrolled, data=data, media_type="image/jpeg")
    again = add_attachment(enrolled, data=data, media_type="image/jpeg")
    assert again == sha, "one copy per content"
    first, second = _file_with(enrolled, sha), _file_with(enrolled, sha)

    with RecordingSession() as http:
        report = run_full_round(enrolled, http=http)
    assert report.ok, report.error
    assert report.attachments is not None and report.attachments.completed == 1, "a shared file goes once"
    assert _patch_offsets(http) == [0, CHUNK, 2 * CHUNK, 3 * CHUNK, 4 * CHUNK]
    last_patch = max(i for i, entry in enumerate(http.log) if entry[0] == "PATCH")
    assert last_patch < next(i for i, entry in enumerate(http.log) if entry[1] == "/v1/push")
    assert _uploaded_bytes(enrolled, sha) == (SIZE, "complete")
    assert _server_status(enrolled, sha).complete
    payloads = {r["id"]: r["payload"] for r in county.records(kind="filing")}
    assert payloads[first]["attachments"] == [sha] and payloads[second]["attachments"] == [sha]  # type: ignore[index]


def test_an_upload_cut_after_two_chunks_resumes_from_the_last_acknowledged_chunk(
    enrolled: KioskRuntime, county: County
) -> None:
    sha = add_attachment(enrolled, data=os.urandom(SIZE), media_type="application/pdf")
    filing = _file_with(enrolled, sha)

    with _tampering(enrolled, stop_after=2) as cut:
        report = upload_attachments(
            enrolled.sessions, cut, data_dir=enrolled.settings.data_dir, cipher=enrolled.cipher
        )
    assert isinstance(report.failure, RetryableError)
    assert _uploaded_bytes(enrolled, sha) == (2 * CHUNK, "pending")
    (waiting,) = [e for e in queue_entries(enrolled) if e.record_id == filing]
    assert (
        waiting.state == "pending"
        and waiting.reason == f"waiting for attachments ({2 * CHUNK} of {SIZE} bytes uploaded)"
    )

    with RecordingSession() as http:
        report2 = run_full_round(enrolled, http=http)
    assert report2.ok, report2.error
    assert _patch_offsets(http) == [2 * CHUNK, 3 * CHUNK, 4 * CHUNK], "resumed, nothing sent twice"
    assert _server_status(enrolled, sha).complete, "the server's SHA-256 check passed"
    assert [r["id"] for r in county.records(kind="filing")] == [filing]


def test_a_chunk_whose_answer_was_lost_is_not_sent_again(kiosk: KioskRuntime, county: County) -> None:
    proxy = FaultProxy("127.0.0.1", int(county.url.rsplit(":", 1)[1])).start()
    try:
        enrol(kiosk, county, server_url=proxy.url)
        sha = add_attachment(kiosk, data=os.urandom(SIZE), media_type="image/png")
        _file_with(kiosk, sha)
        # GET status, PUT start, PATCH 0, PATCH 1 pass; PATCH 2 reaches the server but its answer is lost.
        proxy.inject(Fault.PASS, Fault.PASS, Fault.PASS, Fault.PASS, Fault.LOSE_RESPONSE)
        first = run_full_round(kiosk)
        assert first.attachments is not None and isinstance(first.attachments.failure, RetryableError)
        assert _uploaded_bytes(kiosk, sha) == (2 * CHUNK, "pending")
        with RecordingSession() as http:
            second = run_full_round(kiosk, http=http)
        assert second.ok, second.error
        assert _patch_offsets(http) == [3 * CHUNK, 4 * CHUNK], "continued from what the server holds"
        assert _server_status(kiosk, sha).complete
    finally:
        proxy.stop()


def test_an_offset_mismatch_continues_from_the_servers_count(enrolled: KioskRuntime) -> None:
    sha = add_attachment(enrolled, data=os.urandom(2 * CHUNK), media_type="image/png")
    _file_with(enrolled, sha)
    with _tampering(enrolled) as shifted:
        shifted.shift_first_offset = True
        report = upload_attachments(
            enrolled.sessions, shifted, data_dir=enrolled.settings.data_dir, cipher=enrolled.cipher
        )
    assert (report.failure, report.completed) == (None, 1)
    assert _server_status(enrolled, sha).complete


def test_a_hash_mismatch_starts_the_file_again_from_zero(enrolled: KioskRuntime) -> None:
    sha = add_attachment(enrolled, data=os.urandom(CHUNK + 5000), media_type="image/png")
    _file_with(enrolled, sha)
    with _tampering(enrolled) as corrupting:
        corrupting.corrupt_last_chunk_once = True
        report = upload_attachments(
            enrolled.sessions, corrupting, data_dir=enrolled.settings.data_dir, cipher=enrolled.cipher
        )
    assert (report.failure, report.restarted, report.completed) == (None, 1, 1)
    assert _server_status(enrolled, sha).complete


def test_a_file_lost_on_the_kiosk_quarantines_its_filing_and_the_rest_goes(
    enrolled: KioskRuntime, county: County
) -> None:
    sha = add_attachment(enrolled, data=os.urandom(3000), media_type="image/png")
    broken = _file_with(enrolled, sha)
    fine = _file_with(enrolled)
    (enrolled.settings.data_dir / "attachments" / sha[:2] / sha).unlink()
    report = run_full_round(enrolled)
    assert report.attachments == AttachmentReport(missing=[sha])
    assert report.push is not None and report.push.accepted == 1
    (entry,) = [e for e in queue_entries(enrolled) if e.record_id == broken]
    assert entry.state == "rejected" and entry.reason is not None and "missing or damaged" in entry.reason
    assert [r["id"] for r in county.records(kind="filing")] == [fine]
    with enrolled.sessions() as session:
        assert session.scalars(select(Attachment.upload_state)).one() == "missing"
