"""Signed vouchers on kiosks: own vouchers, other kiosks' vouchers after a pull, forgeries and revocations."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Filing, VoucherKey
from kiosk.domain.errors import KioskError, ValidationError
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import SubmittedFiling, submit_filing
from kiosk.services.lookup import lookup_by_voucher
from kiosk.services.receipts import receipt_for_filing
from kiosk.services.runtime import KioskRuntime, open_kiosk
from kiosk.services.sync_round import run_full_round
from kiosk.settings import load_settings
from sync.protocol import parse_signed_voucher
from tests.support.county_process import run_county_cli
from tests.sync.county_helpers import County, enrol


def _file(kiosk: KioskRuntime) -> SubmittedFiling:
    service = kiosk.catalog.services[0]
    return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))


@pytest.fixture
def other_kiosk(tmp_path: Path) -> Iterator[KioskRuntime]:
    """A second kiosk of the same county, with its own data directory and device key."""
    runtime = open_kiosk(load_settings({"BIANMIN_DATA_DIR": str(tmp_path / "other-kiosk")}))
    try:
        yield runtime
    finally:
        runtime.close()


def test_a_filing_gets_a_signed_payload_that_the_receipt_and_a_scan_use(kiosk: KioskRuntime) -> None:
    filed = _file(kiosk)
    assert filed.qr_payload.startswith("BMK2:") and parse_signed_voucher(filed.qr_payload).filing_id == (
        filed.filing_id
    )
    assert receipt_for_filing(kiosk, filed.filing_id).qr_payload == filed.qr_payload
    assert lookup_by_voucher(kiosk, text=filed.qr_payload).filing_id == filed.filing_id
    # A handheld scanner with Caps Lock on types the payload in lower case.
    assert lookup_by_voucher(kiosk, text=filed.qr_payload.lower()).filing_id == filed.filing_id


def test_the_key_survives_a_restart_and_old_filings_get_signed_when_printed(kiosk: KioskRuntime) -> None:
    filed = _file(kiosk)
    with kiosk.sessions.begin() as session:
        row = session.get(Filing, filed.filing_id)
        assert row is not None
        row.voucher_payload = None  # a filing made before vouchers were signed
    reopened = open_kiosk(load_settings())
    try:
        payload = receipt_for_filing(reopened, filed.filing_id).qr_payload
        assert lookup_by_voucher(reopened, text=payload).filing_id == filed.filing_id
    finally:
        reopened.close()


def _replace_part(payload: str, index: int, new: str) -> str:
    parts = payload.split(".")
    parts[index] = new
    return ".".join(parts)


def test_altered_and_forged_payloads_are_refused_with_a_clear_message(kiosk: KioskRuntime) -> None:
    filed = _file(kiosk)
    another = _file(kiosk)
    other_filing = parse_signed_voucher(another.qr_payload)
    filing_part = (
        base64.b32encode(bytes.fromhex(other_filing.filing_id.replace("-", ""))).decode().rstrip("=")
    )
    moved = _replace_part(filed.qr_payload, 1, filing_part)  # someone else's filing id, this signature
    with pytest.raises(KioskError) as caught:
        lookup_by_voucher(kiosk, text=moved)
    assert "校验未通过" in caught.value.zh and "altered" in caught.value.en
    with pytest.raises(ValidationError) as damaged:
        lookup_by_voucher(kiosk, text=filed.qr_payload[:-5])
    assert "损坏" in damaged.value.zh and "damaged" in damaged.value.en


def test_a_voucher_from_an_unknown_kiosk_cannot_be_checked_offline(
    kiosk: KioskRuntime, other_kiosk: KioskRuntime
) -> None:
    foreign = _file(other_kiosk)
    with pytest.raises(KioskError) as caught:
        lookup_by_voucher(kiosk, text=foreign.qr_payload)
    assert "不认识" in caught.value.zh and "does not know" in caught.value.en


def test_kiosks_of_a_county_check_each_others_vouchers_and_refuse_a_revoked_terminals(
    kiosk: KioskRuntime, other_kiosk: KioskRuntime, county: County
) -> None:
    enrol(kiosk, county)
    enrol(other_kiosk, county)
    foreign = _file(other_kiosk)
    run_full_round(kiosk)  # pulls both kiosks' published keys
    with kiosk.sessions() as session:
        assert {row.device_id for row in session.scalars(select(VoucherKey))} == {
            kiosk.device_id,
            other_kiosk.device_id,
        }
    with pytest.raises(KioskError) as elsewhere:
        lookup_by_voucher(kiosk, text=foreign.qr_payload)
    assert "凭证有效" in elsewhere.value.zh and "genuine" in elsewhere.value.en
    assert "幸福镇" in elsewhere.value.zh, "names the issuing site"

    # The county checks the same payload offline, and knows the filing once it was pushed.
    verdict = json.loads(county.cli("verify-voucher", foreign.qr_payload).stdout)
    assert verdict["valid"] and verdict["device_id"] == other_kiosk.device_id and not verdict["received"]
    run_full_round(other_kiosk)
    assert json.loads(county.cli("verify-voucher", foreign.qr_payload).stdout)["received"]
    forged = foreign.qr_payload[:-3] + ("AAA" if not foreign.qr_payload.endswith("AAA") else "BAA")
    refused = run_county_cli("verify-voucher", forged, database_url=county.database_url)
    assert refused.returncode == 1 and "forged or altered" in refused.stderr

    county.cli("revoke-device", other_kiosk.device_id)
    run_full_round(kiosk)
    with pytest.raises(KioskError) as revoked:
        lookup_by_voucher(kiosk, text=foreign.qr_payload)
    assert "停用" in revoked.value.zh and "shut out" in revoked.value.en
    own = _file(kiosk)
    assert lookup_by_voucher(kiosk, text=own.qr_payload).filing_id == own.filing_id
