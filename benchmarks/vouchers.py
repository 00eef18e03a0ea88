"""Signed vouchers: signing at filing time, offline verification of a payload, and a scan's full check."""

from __future__ import annotations

import secrets
import time
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from benchmarks.stats import summarise, time_calls
from kiosk.domain.identifiers import new_record_id
from kiosk.services.demo_answers import demo_answers
from kiosk.services.filing import submit_filing
from kiosk.services.runtime import open_kiosk
from kiosk.services.vouchers import verify_voucher_payload
from kiosk.settings import load_settings
from sync.protocol import parse_signed_voucher, sign_voucher, voucher_key_tag, voucher_signature_is_valid


def run(*, repeat: int = 1000) -> dict[str, Any]:
    """Time the protocol operations and the kiosk's check of a scanned payload (key lookup included)."""
    key = Ed25519PrivateKey.generate()
    filing_id = new_record_id(
        now_ms=time.time_ns() // 1_000_000,
        random_bytes=secrets.token_bytes(10),
        issuer_tag=voucher_key_tag(key.public_key()),
    )
    payload = sign_voucher(key, filing_id)
    public_key = key.public_key()
    sign = summarise(time_calls(lambda: sign_voucher(key, filing_id), repeat=repeat))
    verify = summarise(
        time_calls(
            lambda: voucher_signature_is_valid(parse_signed_voucher(payload), public_key), repeat=repeat
        )
    )
    kiosk = open_kiosk(load_settings())
    try:
        service = kiosk.catalog.services[0]
        scanned = submit_filing(kiosk, service_code=service.code, answers=demo_answers(service)).qr_payload

        def check_scan() -> None:
            with kiosk.sessions() as session:
                verify_voucher_payload(kiosk, session, scanned)

        kiosk_check = summarise(time_calls(check_scan, repeat=repeat))
    finally:
        kiosk.close()
    return {
        "payload_characters": len(payload),
        "sign": sign,
        "parse_and_verify": verify,
        "kiosk_check_of_a_scan": kiosk_check,
    }
