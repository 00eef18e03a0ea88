"""Signed voucher payloads (sync.protocol.vouchers): short ASCII, verifiable offline, impossible to alter,
and bound to the device that made the filing."""

from __future__ import annotations

import base64
import uuid

import pytest
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.domain.identifiers import new_record_id
from printing.qr import qr_matrix
from sync.protocol import (
    VOUCHER_PAYLOAD_LENGTH,
    VoucherPayloadError,
    filing_key_id,
    parse_signed_voucher,
    sign_legacy_voucher,
    sign_voucher,
    voucher_key_id,
    voucher_key_tag,
    voucher_signature_is_valid,
)

KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()


def filing_of(key: Ed25519PrivateKey, *, now_ms: int = 0x01936F0E7C2A) -> str:
    """A filing id made by the device holding ``key`` (it ends in the key's tag)."""
    return new_record_id(
        now_ms=now_ms, random_bytes=bytes(range(10)), issuer_tag=voucher_key_tag(key.public_key())
    )


FILING = filing_of(KEY)
PAYLOAD = sign_voucher(KEY, FILING)
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def verifies(text: str) -> bool:
    """Whether ``text`` parses and carries a valid signature of KEY."""
    try:
        voucher = parse_signed_voucher(text)
    except VoucherPayloadError:
        return False
    return voucher_signature_is_valid(voucher, KEY.public_key())


def test_a_payload_is_short_qr_alphanumeric_ascii_and_names_its_filing() -> None:
    assert len(PAYLOAD) == VOUCHER_PAYLOAD_LENGTH == 135
    assert PAYLOAD.startswith("BMK3:") and set(PAYLOAD) <= QR_ALPHANUMERIC
    assert len(qr_matrix(PAYLOAD)) == 41, "QR version 6 at error correction M"
    voucher = parse_signed_voucher(PAYLOAD)
    assert voucher.filing_id == FILING and voucher.key_id == voucher_key_id(KEY.public_key())
    assert voucher.bound and voucher_signature_is_valid(voucher, KEY.public_key())


def test_a_filing_id_names_its_device_and_stays_a_time_ordered_uuid7() -> None:
    assert filing_key_id(FILING) == voucher_key_id(KEY.public_key()) != filing_key_id(filing_of(OTHER_KEY))
    parsed = uuid.UUID(FILING)
    assert parsed.version == 7 and parsed.int >> 80 == 0x01936F0E7C2A
    assert filing_of(KEY, now_ms=1) < filing_of(KEY, now_ms=2)


def test_only_the_key_a_filing_id_names_can_sign_its_voucher() -> None:
    with pytest.raises(ValueError, match="not made for this device key"):
        sign_voucher(OTHER_KEY, FILING)
    assert not voucher_signature_is_valid(parse_signed_voucher(PAYLOAD), OTHER_KEY.public_key())


def test_another_kiosk_re_signing_a_filing_id_makes_a_payload_no_key_verifies() -> None:
    # Kiosk B takes A's filing id from A's voucher and signs the same text with its own key.
    signed_text = PAYLOAD.rsplit(".", 1)[0]
    re_signed = f"{signed_text}.{base64.b32encode(OTHER_KEY.sign(signed_text.encode())).decode().rstrip('=')}"
    voucher = parse_signed_voucher(re_signed)
    assert voucher.key_id == voucher_key_id(KEY.public_key()), "the id still names A as the signer"
    assert not voucher_signature_is_valid(voucher, KEY.public_key())
    assert not voucher_signature_is_valid(voucher, OTHER_KEY.public_key())


def test_a_legacy_payload_still_parses_but_binds_nothing() -> None:
    legacy = sign_legacy_voucher(OTHER_KEY, FILING)  # B signs A's filing in the older form
    assert legacy.startswith("BMK2:") and len(legacy) == 144
    voucher = parse_signed_voucher(legacy)
    assert voucher.filing_id == FILING and voucher.key_id == voucher_key_id(OTHER_KEY.public_key())
    assert not voucher.bound and voucher_signature_is_valid(voucher, OTHER_KEY.public_key())


def test_a_signature_moved_onto_another_filing_fails() -> None:
    stolen_signature = PAYLOAD.rsplit(".", 1)[1]
    other_filing = base64.b32encode(uuid.UUID(filing_of(KEY, now_ms=5)).bytes).decode().rstrip("=")
    assert not verifies(f"BMK3:{other_filing}.{stolen_signature}")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "BMK3:",
        "BMK2:",
        PAYLOAD[:-1],
        PAYLOAD[:100],
        PAYLOAD + "A",
        PAYLOAD.lower(),
        PAYLOAD.replace("BMK3:", "BMK2:"),
        PAYLOAD.replace("BMK3:", "BMK4:"),
        PAYLOAD.replace(".", ":"),
        "https://example.com/" + PAYLOAD,
        "BMK1:0123456789AB",
        "'; DROP TABLE filing; --",
        "<script>alert(1)</script>",
        "A" * 4096,
        PAYLOAD[:-2] + "9A",  # 9 is outside the base32 alphabet
    ],
)
def test_malformed_and_foreign_texts_are_refused_before_any_signature_check(text: str) -> None:
    with pytest.raises(VoucherPayloadError):
        parse_signed_voucher(text)


def test_non_canonical_base32_spelling_is_refused() -> None:
    # The last symbol of the signature carries 3 unused bits; setting one keeps the bytes but not the text.
    last = PAYLOAD[-1]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    sibling = alphabet[alphabet.index(last) ^ 1]
    with pytest.raises(VoucherPayloadError):
        parse_signed_voucher(PAYLOAD[:-1] + sibling)


_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.:"


@st.composite
def mutated_payloads(draw: st.DrawFn) -> str:
    """PAYLOAD with one to four random edits: substitutions, insertions, deletions, swaps, truncation."""
    chars = list(PAYLOAD)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["substitute", "insert", "delete", "swap", "truncate"]))
        position = draw(st.integers(0, max(0, len(chars) - 1)))
        if kind == "substitute" and chars:
            chars[position] = draw(st.sampled_from(_ALPHABET))
        elif kind == "insert":
            chars.insert(position, draw(st.sampled_from(_ALPHABET)))
        elif kind == "delete" and chars:
            del chars[position]
        elif kind == "swap" and position + 1 < len(chars):
            chars[position], chars[position + 1] = chars[position + 1], chars[position]
        elif kind == "truncate":
            del chars[position:]
    return "".join(chars)


@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_payloads())
def test_no_mutated_payload_verifies(text: str) -> None:
    assert text == PAYLOAD or not verifies(text)


def test_the_payload_survives_a_printed_qr_code() -> None:
    from PIL import Image

    matrix = qr_matrix(PAYLOAD)
    scale, quiet = 6, 4
    size = (len(matrix) + 2 * quiet) * scale
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                left, top = (x + quiet) * scale, (y + quiet) * scale
                image.paste(0, (left, top, left + scale, top + scale))
    (result,) = zxingcpp.read_barcodes(image)
    assert result.text == PAYLOAD and verifies(result.text)
