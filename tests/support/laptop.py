"""A village helper's laptop (terminal_role helper_laptop) enrolled with a real county, its helper signed in."""

from __future__ import annotations

import pytest

from kiosk.services.assisted_filing import file_for_resident, keep_consent_image, record_consent
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import SubmittedFiling
from kiosk.services.helper_pin_setup import set_up_helper_pin
from kiosk.services.helper_signin import SignedInHelper, sign_in_helper
from kiosk.services.laptop_store import unlock_laptop_store
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.settings import load_settings
from tests.sync.county_helpers import SITE, County, enrol

STAFF_NO = "BB-2001"
HELPER_NAME = "李桂兰"
PIN = "582046"
SERVICE = "CA-001"


def open_laptop(monkeypatch: pytest.MonkeyPatch) -> KioskRuntime:
    """A store opened as a helper laptop on the test's data directory."""
    monkeypatch.setenv("BIANMIN_TERMINAL_ROLE", "helper_laptop")
    return open_kiosk(load_settings())


def add_helper_with_pin(
    laptop: KioskRuntime, county: County, *, staff_no: str = STAFF_NO, pin: str = PIN
) -> None:
    """`county-server helper add`, then the helper chooses `pin` with the set-up code on this laptop."""
    code = county.cli(
        "helper", "add", "--site", SITE, "--name", HELPER_NAME, "--staff-no", staff_no
    ).stdout.strip()
    set_up_helper_pin(laptop, staff_no=staff_no, setup_code=code, pin=pin)


def enrolled_laptop_signed_in(
    monkeypatch: pytest.MonkeyPatch, county: County
) -> tuple[KioskRuntime, SignedInHelper]:
    """A laptop enrolled at SITE whose helper has signed in and unlocked it."""
    laptop = open_laptop(monkeypatch)
    enrol(laptop, county)
    add_helper_with_pin(laptop, county)
    check, helper = sign_in_helper(laptop, STAFF_NO, PIN)
    assert check.ok and helper is not None
    unlock_laptop_store(laptop, STAFF_NO, PIN)
    return laptop, helper


def file_with_photo(
    laptop: KioskRuntime,
    helper: SignedInHelper,
    *,
    photo: bytes,
    overrides: dict[str, str] | None = None,
    signed: bool = True,
) -> SubmittedFiling:
    """An assisted filing with one document photo and, `signed`, a finger signature as consent (else an oral
    consent before a witness)."""
    service = laptop.catalog.service(SERVICE)
    if signed:
        signature = keep_consent_image(laptop, b"\x89PNG\r\n\x1a\n signature of " + photo)
        consent = record_consent(laptop, method="signature", evidence_sha256=signature)
    else:
        consent = record_consent(laptop, method="oral_witnessed", witness_name="王建国")
    photo_sha = laptop_photo(laptop, photo)
    return file_for_resident(
        laptop,
        helper=helper,
        consent=consent,
        service_code=service.code,
        answers=demo_answers(service, overrides or {}),
        attachments=[photo_sha],
    )


def laptop_photo(laptop: KioskRuntime, photo: bytes) -> str:
    """A document photo kept on the laptop (sealed to the county and under the helper's key)."""
    from kiosk.services.attachments import add_attachment

    return add_attachment(laptop, data=photo, media_type="image/jpeg")
