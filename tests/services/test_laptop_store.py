"""A helper laptop's store: unlocked by a signed-in helper's PIN, each helper with a key of their own; what
it refuses (locked, no county key, a wrong PIN) is said in both languages and keeps nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from db.errors import StoreError
from db.models import Attachment, Device, Filing, OutboxEntry
from kiosk.domain.errors import KioskError
from kiosk.services.county_changes import CountyChanges
from kiosk.services.county_sealing import LAPTOP_LOCKED, NO_COUNTY_KEY
from kiosk.services.helper_signin import SignedInHelper, sign_in_helper
from kiosk.services.laptop_store import (
    NOT_A_LAPTOP,
    laptop_store_unlocked,
    lock_laptop_store,
    unlock_laptop_store,
)
from kiosk.services.runtime import KioskRuntime
from sync.protocol import HelperChange
from sync.protocol.sealed_box import encode_public_key, public_key_of
from tests.support.helpers_pulled import SITE, pin_verifier, pull_helpers
from tests.support.laptop import file_with_photo, open_laptop
from tests.support.sentinels import SENTINEL_NAME

FIRST, SECOND = SignedInHelper("BB-1001", "李桂兰"), SignedInHelper("BB-1002", "王秀英")
PIN_1, PIN_2 = "582046", "604918"


def _give_county_key(laptop: KioskRuntime) -> None:
    """As enrolment leaves it: the county's config with its sealing key (a key of this test's own)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    key = encode_public_key(public_key_of(X25519PrivateKey.generate()))
    with laptop.sessions.begin() as session:
        device = session.get(Device, 1)
        assert device is not None
        device.county_config_json = json.dumps({"sealing_public_key": key})


@pytest.fixture
def laptop(monkeypatch: pytest.MonkeyPatch) -> Iterator[KioskRuntime]:
    """A laptop of SITE with two helpers who chose their PINs; no county key yet."""
    runtime = open_laptop(monkeypatch)
    pull_helpers(
        runtime,
        [(FIRST.staff_no, FIRST.name, "active", PIN_1), (SECOND.staff_no, SECOND.name, "active", PIN_2)],
    )
    try:
        yield runtime
    finally:
        runtime.close()


def _signed_in(laptop: KioskRuntime, helper: SignedInHelper, pin: str) -> None:
    check, _ = sign_in_helper(laptop, helper.staff_no, pin)
    assert check.ok
    unlock_laptop_store(laptop, helper.staff_no, pin)


def _kept(laptop: KioskRuntime) -> tuple[int, int, int, list[str]]:
    with laptop.sessions() as session:
        counts = [
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (Filing, OutboxEntry, Attachment)
        ]
    files = [p.name for p in (laptop.settings.data_dir / "attachments").rglob("*") if p.is_file()]
    return counts[0], counts[1], counts[2], files


def test_no_key_file_and_nothing_readable_before_a_helper_signs_in(laptop: KioskRuntime) -> None:
    assert not laptop.settings.key_path.exists(), "a laptop keeps no personal-data key on disk"
    assert not laptop_store_unlocked(laptop)
    with pytest.raises(StoreError):
        laptop.cipher.encrypt(record_id="x", field="name", plaintext=SENTINEL_NAME)


def test_a_locked_laptop_or_one_without_the_county_key_files_nothing(laptop: KioskRuntime) -> None:
    _give_county_key(laptop)
    with pytest.raises(KioskError) as locked:
        file_with_photo(laptop, FIRST, photo=b"photo")
    assert locked.value.zh == LAPTOP_LOCKED.zh and "sign in" in locked.value.en
    assert _kept(laptop) == (0, 0, 0, [])

    with laptop.sessions.begin() as session:  # as a laptop never enrolled is
        device = session.get(Device, 1)
        assert device is not None
        device.county_config_json = None
    _signed_in(laptop, FIRST, PIN_1)
    with pytest.raises(KioskError) as no_key:
        file_with_photo(laptop, FIRST, photo=b"photo")
    assert no_key.value.zh == NO_COUNTY_KEY.zh and "Nothing was kept" in no_key.value.en
    assert _kept(laptop) == (0, 0, 0, [])


def test_a_wrong_pin_unlocks_nothing_and_changes_nothing(laptop: KioskRuntime) -> None:
    with pytest.raises(KioskError) as wrong:
        unlock_laptop_store(laptop, FIRST.staff_no, PIN_2)
    assert "密码不正确" in wrong.value.zh and "nothing was changed" in wrong.value.en
    assert not laptop.settings.laptop_key_wraps_path.exists() and not laptop_store_unlocked(laptop)
    _signed_in(laptop, FIRST, PIN_1)
    wraps = laptop.settings.laptop_key_wraps_path.read_bytes()
    with pytest.raises(KioskError):
        unlock_laptop_store(laptop, FIRST.staff_no, "999999")
    assert laptop.settings.laptop_key_wraps_path.read_bytes() == wraps
    assert not laptop_store_unlocked(laptop), "a failed unlock leaves no one's data open"


def test_each_helper_reads_their_own_filings_only(laptop: KioskRuntime) -> None:
    _give_county_key(laptop)
    _signed_in(laptop, FIRST, PIN_1)
    first = file_with_photo(laptop, FIRST, photo=b"first photo", overrides={"applicant_name": SENTINEL_NAME})
    lock_laptop_store(laptop)
    _signed_in(laptop, SECOND, PIN_2)
    assert unlock_laptop_store(laptop, SECOND.staff_no, PIN_2).new_key is False, (
        "the second unlock opens the wrap"
    )
    second = file_with_photo(laptop, SECOND, photo=b"second photo")
    with laptop.sessions() as session:
        mine, theirs = session.get(Filing, second.filing_id), session.get(Filing, first.filing_id)
        assert mine is not None and theirs is not None
    laptop.cipher.decrypt(record_id=mine.id, field="name", blob=mine.applicant_name_enc)
    with pytest.raises(StoreError):
        laptop.cipher.decrypt(record_id=theirs.id, field="name", blob=theirs.applicant_name_enc)
    lock_laptop_store(laptop)
    _signed_in(laptop, FIRST, PIN_1)
    assert (
        laptop.cipher.decrypt(record_id=theirs.id, field="name", blob=theirs.applicant_name_enc)
        == SENTINEL_NAME
    )


def test_after_a_pin_reset_the_helper_gets_a_new_key_and_older_local_copies_stay_closed(
    laptop: KioskRuntime,
) -> None:
    _give_county_key(laptop)
    _signed_in(laptop, FIRST, PIN_1)
    before = file_with_photo(laptop, FIRST, photo=b"before the reset")
    lock_laptop_store(laptop)
    new_pin = "730591"
    with laptop.sessions.begin() as session:  # the county's reset and the PIN chosen again, as pulled
        change = {
            "staff_no": FIRST.staff_no,
            "name": FIRST.name,
            "sites": [SITE],
            "state": "active",
            "version": 3,
        }
        CountyChanges(laptop).apply_helper(
            session, HelperChange.model_validate({**change, "pin_verifier": pin_verifier(new_pin)}), seq=9
        )
    with pytest.raises(KioskError):
        unlock_laptop_store(laptop, FIRST.staff_no, PIN_1)
    check, _ = sign_in_helper(laptop, FIRST.staff_no, new_pin)
    assert check.ok and unlock_laptop_store(laptop, FIRST.staff_no, new_pin).new_key
    with laptop.sessions() as session:
        filing = session.get(Filing, before.filing_id)
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.record_id == before.filing_id)).one()
    assert filing is not None and entry.state == "pending", "still on its way to the county, sealed to it"
    with pytest.raises(StoreError):
        laptop.cipher.decrypt(record_id=filing.id, field="name", blob=filing.applicant_name_enc)


def test_a_citizen_kiosk_is_no_laptop(kiosk: KioskRuntime) -> None:
    assert laptop_store_unlocked(kiosk) and kiosk.settings.key_path.exists()
    with pytest.raises(KioskError) as refused:
        unlock_laptop_store(kiosk, FIRST.staff_no, PIN_1)
    assert refused.value.en == NOT_A_LAPTOP.en
