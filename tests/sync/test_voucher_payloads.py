"""Signed voucher payloads (sync.protocol.vouchers): short ASCII, verifiable offline, impossible to alter."""

from __future__ import annotations

import base64
import uuid

import pytest
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from printing.qr import qr_matrix
from sync.protocol import (
    VOUCHER_PAYLOAD_LENGTH,
    VoucherPayloadError,
    parse_signed_voucher,
    sign_voucher,
    voucher_key_id,
    voucher_signature_is_valid,
)

KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()
FILING = "01936f0e-7c2a-7b3d-9e4f-0a1b2c3d4e5f"
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
    assert len(PAYLOAD) == VOUCHER_PAYLOAD_LENGTH == 144
    assert PAYLOAD.startswith("BMK2:") and set(PAYLOAD) <= QR_ALPHANUMERIC
    assert len(qr_matrix(PAYLOAD)) == 41, "QR version 6 at error correction M"
    voucher = parse_signed_voucher(PAYLOAD)
    assert voucher.filing_id == FILING and voucher.key_id == voucher_key_id(KEY.public_key())
    assert voucher_signature_is_valid(voucher, KEY.public_key())


def test_another_kiosks_key_does_not_verify_and_its_own_vouchers_do() -> None:
    voucher = parse_signed_voucher(PAYLOAD)
    assert not voucher_signature_is_valid(voucher, OTHER_KEY.public_key())
    other = parse_signed_voucher(sign_voucher(OTHER_KEY, FILING))
    assert voucher_signature_is_valid(other, OTHER_KEY.public_key())
    assert not voucher_signature_is_valid(other, KEY.public_key())


def test_a_signature_moved_onto_another_filing_fails() -> None:
    stolen_signature = PAYLOAD.rsplit(".", 1)[1]
    other_filing = base64.b32encode(uuid.uuid4().bytes).decode().rstrip("=")
    forged = f"BMK2:{voucher_key_id(KEY.public_key())}.{other_filing}.{stolen_signature}"
    assert not verifies(forged)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "BMK2:",
        PAYLOAD[:-1],
        PAYLOAD[:100],
        PAYLOAD + "A",
        PAYLOAD.lower(),
        PAYLOAD.replace("BMK2:", "BMK3:"),
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
