"""A helper laptop that is lost switched off reveals no resident without a helper's PIN: the copied data
directory holds no name, ID number, phone, answer or photo in clear and no key that opens them; with the PIN
the helper's local view reads them again; sync sends everything with no one signed in, and the county opens it."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select

from db.errors import StoreError
from db.models import Device, Filing, FilingAttachment, OutboxEntry
from kiosk.domain.errors import KioskError
from kiosk.logs import configure_logging
from kiosk.services.helper_workspace import helper_filings
from kiosk.services.laptop_store import (
    laptop_store_unlocked,
    lock_laptop_store,
    save_receipt_pdf,
    unlock_laptop_store,
)
from kiosk.services.runtime import KioskRuntime
from kiosk.services.sync_round import run_full_round
from sync.attachments import ATTACHMENT_FIELD
from sync.protocol.sealed_box import encode_public_key, public_key_of
from tests.support.laptop import PIN, STAFF_NO, enrolled_laptop_signed_in, file_with_photo, open_laptop
from tests.support.sentinels import (
    SENTINEL_CALLBACK,
    SENTINEL_COMMENT,
    SENTINEL_ID,
    SENTINEL_NAME,
    SENTINEL_PHONE,
    SENTINEL_TEXT,
    encodings,
    rate_with_sentinels,
)
from tests.sync.county_helpers import County

PHOTO = f"身份证照片 {SENTINEL_ID} {SENTINEL_NAME}".encode()
SENTINELS = (
    SENTINEL_NAME,
    SENTINEL_ID,
    SENTINEL_PHONE,
    SENTINEL_TEXT,
    SENTINEL_COMMENT,
    SENTINEL_CALLBACK,
    SENTINEL_ID[6:14],
)
OVERRIDES = {
    "applicant_name": SENTINEL_NAME,
    "applicant_id_number": SENTINEL_ID,
    "applicant_phone": SENTINEL_PHONE,
    "hardship_reason": SENTINEL_TEXT,
}


@pytest.fixture
def filed_laptop(monkeypatch: pytest.MonkeyPatch, county: County) -> Iterator[tuple[KioskRuntime, str]]:
    """A laptop with one assisted filing of the sentinel resident (and their rating), locked again."""
    laptop, helper = enrolled_laptop_signed_in(monkeypatch, county)
    settings = laptop.settings
    log = configure_logging(log_path=settings.log_path, level="DEBUG", max_bytes=10_000_000, backups=1)
    try:
        filed = file_with_photo(laptop, helper, photo=PHOTO, overrides=OVERRIDES)
        rate_with_sentinels(laptop, filed.filing_id)
        receipt = save_receipt_pdf(laptop, filed.filing_id)  # printed later, at the station
        assert receipt.parent == settings.receipts_dir and receipt.read_bytes().startswith(b"%PDF")
        lock_laptop_store(laptop)
        log.flush()
        yield laptop, filed.filing_id
    finally:
        laptop.close()
        logging.getLogger().removeHandler(log)
        log.close()


def _copy_switched_off(laptop: KioskRuntime, target: Path) -> Path:
    """The data directory as a thief would find it: the program stopped, every file copied."""
    laptop.close()
    shutil.copytree(laptop.settings.data_dir, target)
    return target


def _files_with_sentinels(directory: Path) -> list[str]:
    found = []
    for path in directory.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            found += [
                f"{sentinel!r} in {path.relative_to(directory)}"
                for sentinel in SENTINELS
                for encoded in encodings(sentinel)
                if encoded in content
            ]
    return found


def test_sync_sends_everything_with_no_one_signed_in_and_the_county_opens_it(
    filed_laptop: tuple[KioskRuntime, str], county: County
) -> None:
    laptop, filing_id = filed_laptop
    assert not laptop_store_unlocked(laptop)
    report = run_full_round(laptop)
    assert report.ok, report.error
    assert report.push is not None and report.push.accepted == 2 and report.attachments is not None
    assert report.attachments.completed == 2, "the signature and the photo"
    filings = county.records("filing")
    assert [record["id"] for record in filings] == [filing_id]
    payload = filings[0]["payload"]
    assert isinstance(payload, dict) and payload["applicant"]["name"] == SENTINEL_NAME
    assert payload["answers"]["hardship_reason"] == SENTINEL_TEXT
    [rating] = county.records("rating")
    assert isinstance(rating["payload"], dict) and rating["payload"]["comment"] == SENTINEL_COMMENT


def test_a_copied_data_directory_holds_nothing_of_the_resident_without_a_pin(
    filed_laptop: tuple[KioskRuntime, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, filing_id = filed_laptop
    copy = _copy_switched_off(laptop, tmp_path / "stolen")
    names = {path.name for path in copy.rglob("*") if path.is_file()}
    assert {"kiosk.db", "kiosk.log", "helper-key-wraps.json", f"{filing_id}.pdf"} <= names, names
    assert _files_with_sentinels(copy) == []
    keys = sorted(path.name for path in (copy / "keys").iterdir())
    assert keys == ["device.key", "helper-key-wraps.json"], "no personal-data key file on a laptop"
    wraps = (copy / "keys" / "helper-key-wraps.json").read_bytes()

    monkeypatch.setenv("BIANMIN_DATA_DIR", str(copy))
    thief = open_laptop(monkeypatch)
    try:
        with thief.sessions() as session:
            filing = session.get(Filing, filing_id)
            assert filing is not None
            with pytest.raises(StoreError):
                thief.cipher.decrypt(record_id=filing.id, field="name", blob=filing.applicant_name_enc)
        with pytest.raises(KioskError) as wrong:
            unlock_laptop_store(thief, STAFF_NO, "604918")
        assert "密码不正确" in wrong.value.zh and "PIN is wrong" in wrong.value.en
        assert not laptop_store_unlocked(thief)
        assert (copy / "keys" / "helper-key-wraps.json").read_bytes() == wraps, "nothing changed"
    finally:
        thief.close()


def test_with_the_pin_the_helpers_local_view_reads_the_filing_again(
    filed_laptop: tuple[KioskRuntime, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, filing_id = filed_laptop
    copy = _copy_switched_off(laptop, tmp_path / "found-again")
    monkeypatch.setenv("BIANMIN_DATA_DIR", str(copy))
    reopened = open_laptop(monkeypatch)
    try:
        [listed] = helper_filings(reopened, STAFF_NO)  # the masked lines need no key
        masked = {line.label.zh: line.value for line in listed.summary.masked_applicant}
        assert SENTINEL_ID not in " ".join(masked.values()) and SENTINEL_ID[-4:] in " ".join(masked.values())
        assert not unlock_laptop_store(reopened, STAFF_NO, PIN).new_key
        with reopened.sessions() as session:
            filing = session.get(Filing, filing_id)
            assert filing is not None
            answers = json.loads(
                reopened.cipher.decrypt(record_id=filing.id, field="answers", blob=filing.answers_enc)
            )
            name = reopened.cipher.decrypt(record_id=filing.id, field="name", blob=filing.applicant_name_enc)
            photo_paths = [
                copy / "attachments" / sha[:2] / sha
                for sha in session.scalars(
                    select(FilingAttachment.sha256).where(FilingAttachment.filing_id == filing_id)
                )
            ]
        assert (name, answers["hardship_reason"]) == (SENTINEL_NAME, SENTINEL_TEXT)
        photos = [
            reopened.cipher.open(record_id=path.name, field=ATTACHMENT_FIELD, blob=path.read_bytes())
            for path in photo_paths
        ]
        assert PHOTO in photos
        lock_laptop_store(reopened)
        with pytest.raises(StoreError):
            reopened.cipher.decrypt(record_id=filing_id, field="name", blob=filing.applicant_name_enc)
    finally:
        reopened.close()


def test_the_key_wraps_file_is_private_to_the_program(filed_laptop: tuple[KioskRuntime, str]) -> None:
    laptop, _ = filed_laptop
    path = laptop.settings.laptop_key_wraps_path
    assert os.stat(path).st_mode & 0o077 == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    assert list(document["wraps"]) == [STAFF_NO] and PIN not in path.read_text(encoding="utf-8")


def test_what_was_sealed_to_another_key_is_quarantined_with_the_countys_reason(
    monkeypatch: pytest.MonkeyPatch, county: County
) -> None:
    laptop, helper = enrolled_laptop_signed_in(monkeypatch, county)
    try:
        with laptop.sessions.begin() as session:  # as if the laptop had been given another county's key
            device = session.get(Device, 1)
            assert device is not None and device.county_config_json is not None
            config = json.loads(device.county_config_json)
            config["sealing_public_key"] = encode_public_key(public_key_of(X25519PrivateKey.generate()))
            device.county_config_json = json.dumps(config)
        photo_only = file_with_photo(laptop, helper, photo=b"sealed to the wrong county", signed=False)
        lock_laptop_store(laptop)
        report = run_full_round(laptop)
        assert report.attachments is not None and len(report.attachments.missing) == 1
        with laptop.sessions() as session:
            entry = session.scalars(
                select(OutboxEntry).where(OutboxEntry.record_id == photo_only.filing_id)
            ).one()
        assert entry.state == "rejected" and "does not open with the county's key" in (entry.last_error or "")
        assert county.records("filing") == []
    finally:
        laptop.close()
