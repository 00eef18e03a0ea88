"""Attachments are kept once per content, beside the database, and linked to filings in order."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from db.models import Attachment, FilingAttachment
from kiosk.domain.errors import KioskError
from kiosk.services import attachments
from kiosk.services.attachments import add_attachment, purge_unclaimed_attachments, unknown_attachments
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import KioskRuntime


def test_a_file_is_stored_once_under_its_hash(kiosk: KioskRuntime) -> None:
    data = os.urandom(5000)
    sha = add_attachment(kiosk, data=data, media_type="image/jpeg")
    assert sha == hashlib.sha256(data).hexdigest()
    assert add_attachment(kiosk, data=data, media_type="image/jpeg") == sha
    path = kiosk.settings.attachments_dir / sha[:2] / sha
    stored = path.read_bytes()
    assert data[:64] not in stored, "a photo of a document is personal data: sealed at rest"
    assert kiosk.cipher.open(record_id=sha, field="attachment", blob=stored) == data
    with kiosk.sessions() as session:
        row = session.scalars(select(Attachment)).one()
        assert (row.size, row.upload_state, row.uploaded_bytes) == (5000, "pending", 0)


def test_a_filing_links_its_files_in_order_and_lists_them_in_its_payload(kiosk: KioskRuntime) -> None:
    first = add_attachment(kiosk, data=b"first file", media_type="image/png")
    second = add_attachment(kiosk, data=b"second file", media_type="application/pdf")
    service = kiosk.catalog.services[0]
    filing = submit_filing(
        kiosk, service_code=service.code, answers=demo_answers(service), attachments=[second, first]
    )
    with kiosk.sessions() as session:
        links = session.scalars(select(FilingAttachment).order_by(FilingAttachment.position)).all()
    assert [(link.filing_id, link.sha256) for link in links] == [
        (filing.filing_id, second),
        (filing.filing_id, first),
    ]


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (b"", "image/png"),
        (b"x", "not a type"),
        (b"x", "IMAGE/PNG"),
        (b"x" * (20 * 1024 * 1024 + 1), "image/png"),
    ],
)
def test_bad_files_are_refused_in_both_languages(kiosk: KioskRuntime, data: bytes, media_type: str) -> None:
    with pytest.raises(KioskError) as info:
        add_attachment(kiosk, data=data, media_type=media_type)
    assert info.value.zh and info.value.en


def test_an_unknown_attachment_fails_the_whole_filing(kiosk: KioskRuntime) -> None:
    service = kiosk.catalog.services[0]
    with pytest.raises(KioskError):
        submit_filing(
            kiosk, service_code=service.code, answers=demo_answers(service), attachments=["ab" * 32]
        )
    with kiosk.sessions() as session:
        assert session.scalars(select(FilingAttachment)).all() == []


@pytest.fixture
def nearly_full_disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(attachments, "MIN_FREE_BYTES", 1 << 62)
    yield


@pytest.mark.usefixtures("nearly_full_disk")
def test_a_nearly_full_disk_refuses_attachments_but_not_filings(kiosk: KioskRuntime) -> None:
    with pytest.raises(KioskError) as info:
        add_attachment(kiosk, data=b"photo", media_type="image/jpeg")
    assert "disk space" in info.value.en
    service = kiosk.catalog.services[0]
    submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))


def test_unknown_attachments_are_the_hashes_without_a_kept_file(kiosk: KioskRuntime) -> None:
    kept = add_attachment(kiosk, data=b"kept photo", media_type="image/jpeg")
    assert unknown_attachments(kiosk, [kept, "cd" * 32]) == {"cd" * 32}
    assert unknown_attachments(kiosk, []) == set()


def test_a_photo_no_filing_took_is_deleted_once_it_is_old_and_a_taken_one_never(kiosk: KioskRuntime) -> None:
    taken = add_attachment(kiosk, data=b"photo of a filed document", media_type="image/jpeg")
    left_behind = add_attachment(kiosk, data=b"photo of an abandoned session", media_type="image/jpeg")
    service = kiosk.catalog.services[0]
    submit_filing(kiosk, service_code=service.code, answers=demo_answers(service), attachments=[taken])
    files = {sha: kiosk.settings.data_dir / "attachments" / sha[:2] / sha for sha in (taken, left_behind)}

    assert purge_unclaimed_attachments(kiosk) == 0  # a citizen may still be typing: recent photos stay
    assert all(path.exists() for path in files.values())

    assert purge_unclaimed_attachments(kiosk, older_than=timedelta(seconds=-1)) == 1  # an hour later
    assert files[taken].exists() and not files[left_behind].exists()
    assert unknown_attachments(kiosk, [taken, left_behind]) == {left_behind}


def test_an_unfiled_photo_taken_again_waits_its_hour_from_the_second_time(kiosk: KioskRuntime) -> None:
    start = kiosk.clock()
    kiosk.clock = lambda: start - timedelta(hours=2)  # the same sample picture, taken two hours ago
    first = add_attachment(kiosk, data=b"the simulated camera's sample card", media_type="image/jpeg")
    kiosk.clock = lambda: start
    again = add_attachment(kiosk, data=b"the simulated camera's sample card", media_type="image/jpeg")
    assert again == first

    assert purge_unclaimed_attachments(kiosk) == 0  # the citizen who took it now is still typing
    assert unknown_attachments(kiosk, [again]) == set()
    service = kiosk.catalog.services[0]
    submit_filing(kiosk, service_code=service.code, answers=demo_answers(service), attachments=[again])
