"""Signed vouchers on kiosks: own vouchers, other kiosks' vouchers after a pull, forgeries, re-signed
vouchers and revocations; the county's check of the same payloads."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
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
from kiosk.services.vouchers import device_key
from kiosk.settings import load_settings
from sync.protocol import parse_signed_voucher, sign_legacy_voucher
from tests.support.county_process import run_county_cli
from tests.sync.county_helpers import County, enrol, running_county


def _file(kiosk: KioskRuntime) -> SubmittedFiling:
    service = kiosk.catalog.services[0]
    return submit_filing(kiosk, service_code=service.code, answers=demo_answers(service))


@contextmanager
def _another_kiosk(directory: Path) -> Iterator[KioskRuntime]:
    runtime = open_kiosk(load_settings({"BIANMIN_DATA_DIR": str(directory)}))
    try:
        yield runtime
    finally:
        runtime.close()


@pytest.fixture
def other_kiosk(tmp_path: Path) -> Iterator[KioskRuntime]:
    """A second kiosk of the same county, with its own data directory and device key."""
    with _another_kiosk(tmp_path / "other-kiosk") as runtime:
        yield runtime


@pytest.fixture
def third_kiosk(tmp_path: Path) -> Iterator[KioskRuntime]:
    """A third kiosk, which holds neither of the others' filings."""
    with _another_kiosk(tmp_path / "third-kiosk") as runtime:
        yield runtime


def test_a_filing_gets_a_signed_payload_that_the_receipt_and_a_scan_use(kiosk: KioskRuntime) -> None:
    filed = _file(kiosk)
    assert filed.qr_payload.startswith("BMK3:") and parse_signed_voucher(filed.qr_payload).filing_id == (
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


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=")


def _filing_part(filing_id: str) -> str:
    return _b32(bytes.fromhex(filing_id.replace("-", "")))


def test_altered_and_forged_payloads_are_refused_with_a_clear_message(kiosk: KioskRuntime) -> None:
    filed = _file(kiosk)
    another = _file(kiosk)
    signature = filed.qr_payload.rsplit(".", 1)[1]
    moved = f"BMK3:{_filing_part(another.filing_id)}.{signature}"  # someone else's filing id, this signature
    with pytest.raises(KioskError) as caught:
        lookup_by_voucher(kiosk, text=moved)
    assert "校验未通过" in caught.value.zh and "altered" in caught.value.en
    with pytest.raises(ValidationError) as damaged:
        lookup_by_voucher(kiosk, text=filed.qr_payload[:-5])
    assert "损坏" in damaged.value.zh and "damaged" in damaged.value.en


def test_an_older_filing_reprinted_keeps_the_older_form_and_only_its_own_kiosk_accepts_it(
    kiosk: KioskRuntime,
) -> None:
    legacy = sign_legacy_voucher(device_key(kiosk), _file(kiosk).filing_id)
    assert lookup_by_voucher(kiosk, text=legacy).filing_id == parse_signed_voucher(legacy).filing_id


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


def _re_signed(filing_id: str, by: KioskRuntime) -> dict[str, str]:
    """Kiosk ``by`` signs another kiosk's filing id with its own key, in the current and the older form."""
    signed_text = f"BMK3:{_filing_part(filing_id)}"
    return {
        "BMK3": f"{signed_text}.{_b32(device_key(by).sign(signed_text.encode()))}",
        "BMK2": sign_legacy_voucher(device_key(by), filing_id),
    }


def _county_refuses(county: County, payload: str, reason: str, words: str) -> None:
    verdict = run_county_cli("verify-voucher", payload, database_url=county.database_url)
    assert verdict.returncode == 1, verdict.stdout
    assert json.loads(verdict.stdout)["valid"] is False and json.loads(verdict.stdout)["reason"] == reason
    assert words in verdict.stderr, verdict.stderr


def test_a_voucher_re_signed_by_another_enrolled_or_revoked_kiosk_is_refused_everywhere(
    kiosk: KioskRuntime, other_kiosk: KioskRuntime, third_kiosk: KioskRuntime, county: County
) -> None:
    enrol(kiosk, county)
    enrol(other_kiosk, county)
    enrol(third_kiosk, county)
    filed = _file(kiosk)
    run_full_round(kiosk)  # A's filing reaches the county; A learns B's key
    run_full_round(other_kiosk)  # B (the rogue terminal) learns A's key
    run_full_round(third_kiosk)
    forged = _re_signed(filed.filing_id, by=other_kiosk)

    for revoked in (False, True):
        if revoked:
            county.cli("revoke-device", other_kiosk.device_id)
            run_full_round(kiosk)
            run_full_round(other_kiosk)
        # BMK3: the id names A, so B's signature fails wherever it is checked.
        for where in (kiosk, other_kiosk, third_kiosk):
            with pytest.raises(KioskError) as caught:
                lookup_by_voucher(where, text=forged["BMK3"])
            assert "校验未通过" in caught.value.zh and "altered" in caught.value.en
        _county_refuses(county, forged["BMK3"], "bad_signature", "forged or altered")
        # BMK2 names B as signer: A knows the filing is its own and refuses it; so does the county, which
        # knows A filed it; and a third kiosk, which cannot bind an older voucher to its filer.
        with pytest.raises(KioskError) as caught:
            lookup_by_voucher(kiosk, text=forged["BMK2"])
        if revoked:
            assert "停用" in caught.value.zh and "shut out" in caught.value.en
        else:
            assert "校验未通过" in caught.value.zh and "altered" in caught.value.en
            with pytest.raises(KioskError) as caught:
                lookup_by_voucher(third_kiosk, text=forged["BMK2"])
            assert "旧版凭证" in caught.value.zh and "cannot check offline" in caught.value.en
        _county_refuses(county, forged["BMK2"], "signer_did_not_file", "not the terminal that filed")

    # A's own voucher still holds, at A and at the county.
    assert lookup_by_voucher(kiosk, text=filed.qr_payload).filing_id == filed.filing_id
    verdict = json.loads(county.cli("verify-voucher", filed.qr_payload).stdout)
    assert verdict["valid"] and verdict["filed_by"] == verdict["device_id"] == kiosk.device_id


def test_a_voucher_re_signed_by_a_kiosk_of_another_county_is_refused(
    kiosk: KioskRuntime, other_kiosk: KioskRuntime, county: County, tmp_path: Path
) -> None:
    enrol(kiosk, county)
    filed = _file(kiosk)
    run_full_round(kiosk)
    with running_county(tmp_path / "another-county") as elsewhere:
        enrol(other_kiosk, elsewhere)
        forged = _re_signed(filed.filing_id, by=other_kiosk)
        _county_refuses(elsewhere, forged["BMK3"], "bad_signature", "forged or altered")
    for payload in forged.values():
        with pytest.raises(KioskError) as caught:
            lookup_by_voucher(kiosk, text=payload)
        assert "校验未通过" in caught.value.zh or "不认识" in caught.value.zh
        _county_refuses(county, payload, "bad_signature", "not issued by a terminal of this county")
    with pytest.raises(KioskError) as caught:
        lookup_by_voucher(kiosk, text=forged["BMK2"])
    assert "不认识" in caught.value.zh and "does not know" in caught.value.en


def test_the_county_refuses_an_older_voucher_it_cannot_bind_to_a_received_filing(
    kiosk: KioskRuntime, county: County
) -> None:
    enrol(kiosk, county)
    legacy = sign_legacy_voucher(device_key(kiosk), _file(kiosk).filing_id)
    _county_refuses(county, legacy, "legacy_unconfirmed", "cannot be confirmed")
    run_full_round(kiosk)
    verdict = json.loads(county.cli("verify-voucher", legacy).stdout)
    assert verdict["valid"] and verdict["received"] and verdict["filed_by"] == kiosk.device_id
