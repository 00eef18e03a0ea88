"""Tests for voucher codes, their check symbol and their QR payload."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.errors import ValidationError
from kiosk.domain.voucher import (
    MAX_QR_PAYLOAD_LENGTH,
    VOUCHER_ALPHABET,
    check_voucher_code,
    compute_voucher_check_symbol,
    format_voucher_code,
    gf32_multiply,
    new_voucher_code,
    normalise_voucher_input,
    parse_voucher_qr_payload,
    voucher_qr_payload,
)

PROPERTY = settings(max_examples=200, deadline=None)
ZERO_BODY = "0" * 11

voucher_codes = st.binary(min_size=7, max_size=16).map(new_voucher_code)


def with_symbol(code: str, position: int, symbol: str) -> str:
    """The code with one position replaced."""
    return code[:position] + symbol + code[position + 1 :]


def swapped(code: str, position: int) -> str:
    """The code with the symbols at position and position + 1 exchanged."""
    return code[:position] + code[position + 1] + code[position] + code[position + 2 :]


def test_field_arithmetic_is_a_field() -> None:
    for left in range(1, 32):
        products = {gf32_multiply(left, right) for right in range(1, 32)}
        assert products == set(range(1, 32)), "every non-zero element must have an inverse"
    powers = set()
    element = 1
    for _ in range(31):
        powers.add(element)
        element = gf32_multiply(element, 2)
    assert len(powers) == 31, "x must generate the whole multiplicative group"


def test_new_code_from_known_bytes() -> None:
    assert new_voucher_code(bytes(7)) == "000000000000"
    assert new_voucher_code(b"\xff" * 7)[:11] == "Z" * 11
    assert new_voucher_code(bytes(7) + b"\xff") == "000000000000", "only the first 7 bytes are used"
    with pytest.raises(ValueError, match="7"):
        new_voucher_code(b"\x01" * 6)


def test_every_single_substitution_is_detected_exhaustively() -> None:
    # The check is linear over GF(32): whether an error is detected depends only on the error,
    # not on the code it hits, so testing every error on one valid code proves it for all codes.
    base = ZERO_BODY + compute_voucher_check_symbol(ZERO_BODY)
    assert check_voucher_code(base).ok
    for position in range(12):
        for symbol in VOUCHER_ALPHABET:
            if symbol != base[position]:
                assert not check_voucher_code(with_symbol(base, position, symbol)).ok


def test_every_adjacent_transposition_is_detected_exhaustively() -> None:
    for position in range(10):
        for first, second in itertools.permutations(VOUCHER_ALPHABET, 2):
            body = ZERO_BODY[:position] + first + second + ZERO_BODY[position + 2 :]
            code = body + compute_voucher_check_symbol(body)
            assert not check_voucher_code(swapped(code, position)).ok
    for first, second in itertools.product(VOUCHER_ALPHABET, repeat=2):
        body = ZERO_BODY[:9] + first + second
        code = body + compute_voucher_check_symbol(body)
        if code[10] != code[11]:
            assert not check_voucher_code(swapped(code, 10)).ok


@PROPERTY
@given(code=voucher_codes)
def test_new_codes_are_valid_and_format_in_groups(code: str) -> None:
    assert len(code) == 12
    assert set(code) <= set(VOUCHER_ALPHABET)
    checked = check_voucher_code(code)
    assert checked.ok
    assert checked.value == code
    shown = format_voucher_code(code)
    assert shown == f"{code[:4]}-{code[4:8]}-{code[8:]}"
    assert check_voucher_code(shown.lower()).value == code


@PROPERTY
@given(code=voucher_codes, position=st.integers(min_value=0, max_value=11), data=st.data())
def test_random_single_substitutions_are_detected(code: str, position: int, data: st.DataObject) -> None:
    symbol = data.draw(st.sampled_from([char for char in VOUCHER_ALPHABET if char != code[position]]))
    checked = check_voucher_code(with_symbol(code, position, symbol))
    assert not checked.ok
    assert checked.error is not None
    assert "核对" in checked.error.zh


@PROPERTY
@given(code=voucher_codes, position=st.integers(min_value=0, max_value=10))
def test_random_adjacent_transpositions_are_detected(code: str, position: int) -> None:
    if code[position] != code[position + 1]:
        assert not check_voucher_code(swapped(code, position)).ok


def test_normalise_input_reads_look_alike_letters() -> None:
    assert normalise_voucher_input(" ab-cd o i l u ") == "ABCD011V"
    assert normalise_voucher_input("ｗｒｂｃ－ｑｒ２ｈ") == "WRBCQR2H"
    assert normalise_voucher_input("ﬁı") == "ﬁı", "only ASCII letters are upper-cased"


def test_typed_code_with_look_alikes_is_accepted() -> None:
    code = new_voucher_code(bytes(7))
    assert check_voucher_code("OOOO-oooo-OOOO").value == code


@pytest.mark.parametrize(
    ("raw", "zh_part", "en_part"),
    [
        ("", "请输入", "enter"),
        (" - ", "请输入", "enter"),
        ("0000-0000-000!", "不能包含", "cannot contain"),
        ("0000-0000-000", "12 位", "12 characters"),
        ("0000-0000-00000", "12 位", "12 characters"),
        ("0000-0000-0001", "核对", "not valid"),
    ],
)
def test_bad_codes_explain_why(raw: str, zh_part: str, en_part: str) -> None:
    checked = check_voucher_code(raw)
    assert not checked.ok
    assert checked.error is not None
    assert zh_part in checked.error.zh
    assert en_part in checked.error.en


def test_format_refuses_invalid_codes() -> None:
    with pytest.raises(ValidationError):
        format_voucher_code("0000-0000-0001")
    with pytest.raises(ValidationError):
        voucher_qr_payload("0000")


@PROPERTY
@given(code=voucher_codes, trailing=st.sampled_from(["", "\n", "\r\n", " "]))
def test_qr_payload_round_trip(code: str, trailing: str) -> None:
    payload = voucher_qr_payload(format_voucher_code(code))
    assert payload == "BMK1:" + code
    assert payload.isascii()
    assert len(payload) <= MAX_QR_PAYLOAD_LENGTH
    assert parse_voucher_qr_payload(payload + trailing) == code


@pytest.mark.parametrize(
    ("text", "en_part"),
    [
        ("https://example.com/BMK1:000000000000", "web address"),
        ("www.example.com", "web address"),
        ("BMK2:000000000000", "version"),
        ("BMK10:000000000000", "version"),
        ("bmk1:000000000000", "not a voucher"),
        ("WIFI:S:net;T:WPA;P:pw;;", "not a voucher"),
        ("000000000000", "not a voucher"),
        ("", "not a voucher"),
        ("BMK1:00000000000０", "not a voucher"),
        ("BMK1:" + "0" * 60, "not a voucher"),
        ("BMK1:000000000001", "invalid"),
        ("BMK1:0000-0000-0000", "invalid"),
        ("BMK1:OOOOOOOOOOOO", "invalid"),
        ("BMK1:00000000000", "invalid"),
    ],
)
def test_foreign_qr_payloads_are_refused(text: str, en_part: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_voucher_qr_payload(text)
    assert en_part in raised.value.en
    assert raised.value.zh


@PROPERTY
@given(
    text=st.text(max_size=80) | st.text(alphabet="BMK1:" + VOUCHER_ALPHABET, max_size=20).map("BMK1:".__add__)
)
def test_any_qr_text_is_parsed_or_refused(text: str) -> None:
    try:
        code = parse_voucher_qr_payload(text)
    except ValidationError as error:
        assert error.zh and error.en
        return
    assert text.strip() == "BMK1:" + code
    assert check_voucher_code(code).ok


@PROPERTY
@given(raw=st.text(max_size=30))
def test_junk_typed_codes_never_raise(raw: str) -> None:
    checked = check_voucher_code(raw)
    assert checked.ok == (checked.error is None)
    if checked.ok:
        assert len(checked.value) == 12
