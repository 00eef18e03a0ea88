"""Voucher codes people can type: 11 Crockford base32 symbols plus a check symbol, shown XXXX-XXXX-XXXX.

Check symbol: the 12 symbol values a_0..a_11 are read as elements of the field GF(32) (polynomial
x^5 + x^2 + 1, generator alpha = x) and a code is valid when sum(a_p * alpha^(11 - p)) == 0. Because
GF(32) has no zero divisors and the weights alpha^0..alpha^11 are distinct and non-zero, this catches
every single-symbol substitution and every transposition of two different symbols (adjacent or not).
The QR payload is "BMK1:" + the 12-symbol code: ASCII only, fits QR alphanumeric mode, and versioned.
"""

from __future__ import annotations

import re

from kiosk.domain.chars import ascii_upper, fold_fullwidth, quote_chars
from kiosk.domain.errors import ValidationError
from kiosk.domain.validation import Checked, Problem

VOUCHER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VOUCHER_BODY_LENGTH = 11
VOUCHER_CODE_LENGTH = 12
MIN_RANDOM_BYTES = 7
VOUCHER_QR_PREFIX = "BMK1:"
MAX_QR_PAYLOAD_LENGTH = 64

_VALUES = {symbol: index for index, symbol in enumerate(VOUCHER_ALPHABET)}
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_FIELD_POLYNOMIAL = 0b100101  # x^5 + x^2 + 1, primitive over GF(2)
_GENERATOR = 0b10  # alpha = x
_OTHER_VERSION = re.compile(r"BMK\d+:")


def gf32_multiply(left: int, right: int) -> int:
    """Multiply two elements (0-31) of GF(32) built on x^5 + x^2 + 1."""
    product = 0
    while right:
        if right & 1:
            product ^= left
        right >>= 1
        left <<= 1
        if left & 0b100000:
            left ^= _FIELD_POLYNOMIAL
    return product


def _syndrome(symbols: str) -> int:
    total = 0
    for symbol in symbols:
        total = gf32_multiply(total, _GENERATOR) ^ _VALUES[symbol]
    return total


def compute_voucher_check_symbol(body: str) -> str:
    """The check symbol for 11 alphabet symbols; ValueError for anything else."""
    if len(body) != VOUCHER_BODY_LENGTH or not set(body) <= _VALUES.keys():
        raise ValueError("compute_voucher_check_symbol needs 11 symbols of the voucher alphabet")
    return VOUCHER_ALPHABET[gf32_multiply(_syndrome(body), _GENERATOR)]


def new_voucher_code(random_bytes: bytes) -> str:
    """A new 12-symbol code (no hyphens) from at least 7 caller-supplied random bytes (55 bits used)."""
    if len(random_bytes) < MIN_RANDOM_BYTES:
        raise ValueError(f"new_voucher_code needs at least {MIN_RANDOM_BYTES} random bytes")
    bits = int.from_bytes(random_bytes[:MIN_RANDOM_BYTES], "big") >> 1
    body = "".join(VOUCHER_ALPHABET[(bits >> (5 * shift)) & 0b11111] for shift in reversed(range(11)))
    return body + compute_voucher_check_symbol(body)


def normalise_voucher_input(raw: str) -> str:
    """Upper-case, drop spaces and hyphens, and read O as 0, I and L as 1, U as V."""
    folded = ascii_upper(fold_fullwidth(raw))
    return "".join(char for char in folded if not char.isspace() and char != "-").translate(_LOOK_ALIKES)


def check_voucher_code(raw: str) -> Checked:
    """Validate a typed voucher code; the value is the normalised 12 symbols without hyphens."""
    value = normalise_voucher_input(raw)
    return Checked(value=value, error=_find_problem(value))


def format_voucher_code(code: str) -> str:
    """Show a valid code as XXXX-XXXX-XXXX; raises ValidationError when the code is not valid."""
    checked = check_voucher_code(code)
    if checked.error is not None:
        raise ValidationError(checked.error.zh, checked.error.en, field="voucher_code")
    value = checked.value
    return f"{value[:4]}-{value[4:8]}-{value[8:]}"


def voucher_qr_payload(code: str) -> str:
    """The QR code text for a valid voucher code: "BMK1:" followed by the 12 symbols."""
    value = check_voucher_code(code)
    if value.error is not None:
        raise ValidationError(value.error.zh, value.error.en, field="voucher_code")
    return VOUCHER_QR_PREFIX + value.value


def parse_voucher_qr_payload(text: str) -> str:
    """The voucher code inside one of our QR payloads; raises ValidationError for any other content."""
    if not isinstance(text, str) or len(text) > MAX_QR_PAYLOAD_LENGTH or not text.isascii():
        raise _not_ours()
    payload = text.strip()
    lowered = payload.lower()
    if "://" in lowered or lowered.startswith("www."):
        raise ValidationError(
            "这是一个网址二维码，不是本系统的凭证；请不要扫描来历不明的二维码",
            "This QR code is a web address, not a voucher of this system; do not scan unknown QR codes.",
            field="voucher_code",
        )
    if not payload.startswith(VOUCHER_QR_PREFIX):
        if _OTHER_VERSION.match(payload):
            raise ValidationError(
                "这个凭证二维码的版本本机暂不支持，请到窗口办理",
                "This voucher QR code version is not supported here yet; please go to the service counter.",
                field="voucher_code",
            )
        raise _not_ours()
    code = payload.removeprefix(VOUCHER_QR_PREFIX)
    if len(code) != VOUCHER_CODE_LENGTH or not set(code) <= _VALUES.keys() or _syndrome(code) != 0:
        raise ValidationError(
            "二维码中的凭证码无效，请重新扫描或手动输入凭证码",
            "The voucher code in this QR code is invalid; scan again or type the code.",
            field="voucher_code",
        )
    return code


def _not_ours() -> ValidationError:
    return ValidationError(
        "这不是本系统的凭证二维码",
        "This QR code is not a voucher of this system.",
        field="voucher_code",
    )


def _find_problem(value: str) -> Problem | None:
    if not value:
        return Problem("请输入凭证码", "Please enter the voucher code.")
    bad_chars = [char for char in value if char not in _VALUES]
    if bad_chars:
        return Problem(
            f"凭证码中不能包含 {quote_chars(bad_chars)}，只有数字和字母",
            f"A voucher code cannot contain {quote_chars(bad_chars)}; it has digits and letters only.",
        )
    if len(value) != VOUCHER_CODE_LENGTH:
        return Problem(
            f"凭证码应为 12 位，现在是 {len(value)} 位",
            f"A voucher code has 12 characters; {len(value)} were entered.",
        )
    if _syndrome(value) != 0:
        return Problem(
            "凭证码有误，请逐位核对后重新输入",
            "This voucher code is not valid (a character is wrong or two are swapped); please check it.",
        )
    return None
