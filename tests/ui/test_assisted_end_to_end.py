"""帮办 end to end on the real QML and a real county server process: the county adds a helper, the helper sets
a PIN at the kiosk, signs in, files for a resident who signs on the screen, prints, hands over, the resident
rates; sync; the county holds exactly one filing with the helper and the consent, its signature retrievable
for audit; revoked at the county, the helper is refused at the kiosk after the next pull."""

from __future__ import annotations

from pathlib import Path

from kiosk.services.demo_answers import demo_answers
from kiosk.services.helper_pin_setup import set_up_helper_pin
from kiosk.services.sync_round import run_full_round
from kiosk.ui.probe import find_item, find_items, tap, wait_for_page, wait_until
from tests.sync.county_helpers import SITE, County, enrol

from .conftest import KioskUi
from .forms import go_to_review
from .helper_steps import (
    PIN,
    choose_service_as_helper,
    consent_by_signature,
    hand_over_and_rate,
    shown_text,
    sign_in,
)


def test_an_assisted_filing_reaches_the_county_once_with_its_helper_and_consent(
    ui: KioskUi, county: County, tmp_path: Path
) -> None:
    window = ui.window
    enrol(ui.kiosk, county)
    code = county.cli(
        "helper", "add", "--site", SITE, "--name", "李桂兰", "--staff-no", "BB-1001"
    ).stdout.strip()
    set_up_helper_pin(ui.kiosk, staff_no="BB-1001", setup_code=code, pin=PIN)

    sign_in(ui)
    choose_service_as_helper(ui, "CA-001")
    resident = demo_answers(ui.kiosk.catalog.service("CA-001"))
    consent_by_signature(ui, resident)
    for key, value in resident.items():
        ui.vm.setAnswer(key, value)
    go_to_review(ui)
    tap(window, find_item(window, "confirmButton"))
    wait_until(lambda: bool(find_items(window, "doneButton")))
    wait_for_page(window)
    wait_until(lambda: ui.vm.property("printState") == "printed", timeout_ms=15000)
    hand_over_and_rate(ui, resident)

    assert run_full_round(ui.kiosk).ok
    assert run_full_round(ui.kiosk).ok  # again: nothing twice
    filings = county.records("filing")
    assert len(filings) == 1
    payload = filings[0]["payload"]
    assert isinstance(payload, dict) and payload["channel"] == "assisted"
    assisted = payload["assisted"]
    assert assisted["helper_staff_no"] == "BB-1001" and assisted["consent_method"] == "signature"
    by_helper = county.cli("list-records", "--helper", "bb-1001").stdout.strip().splitlines()
    assert len(by_helper) == 1
    ratings = county.records("rating")
    assert len(ratings) == 1 and ratings[0]["given_by"] == "citizen_after_handover"
    evidence = tmp_path / "consent.png"
    county.cli("attachment", assisted["consent_evidence_sha256"], "--output", str(evidence))
    assert evidence.read_bytes().startswith(b"\x89PNG"), "the signature is on record at the county"

    county.cli("helper", "revoke", "BB-1001")
    assert run_full_round(ui.kiosk).ok
    tap(window, find_item(window, "thanksHomeButton"))
    wait_until(lambda: bool(find_items(window, "helperHomeSignOutButton")))
    tap(window, find_item(window, "helperHomeSignOutButton"))
    wait_until(lambda: bool(find_items(window, "staffButton")))
    sign_in(ui)
    wait_until(lambda: "已停用" in shown_text(ui, "helperMessage"))
