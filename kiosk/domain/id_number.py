"""GB 11643 citizen ID numbers (18 characters); 15-digit first-generation numbers are rejected on purpose.

Decision: first-generation cards with 15-digit numbers lost all validity on 2013-01-01, so a 15-digit
number is refused with a message asking for the 18-digit number printed on the second-generation card
(the kiosk never converts 15 digits into 18: the check character would be invented, not read).
"""

from __future__ import annotations

import datetime

from kiosk.domain.chars import ASCII_DIGITS, fold_fullwidth
from kiosk.domain.errors import ValidationError
from kiosk.domain.validation import Checked, Problem

ID_NUMBER_LENGTH = 18
LEGACY_ID_NUMBER_LENGTH = 15
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)

PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23"}
    | {str(code) for code in range(31, 38)}
    | {str(code) for code in range(41, 47)}
    | {str(code) for code in range(50, 55)}
    | {str(code) for code in range(61, 66)}
    | {"71", "81", "82", "83"}
)

# ISO 7064 MOD 11-2: the character at 0-based position i carries the weight 2^(17-i) mod 11.
_WEIGHTS = tuple(pow(2, 17 - index, 11) for index in range(17))
_CHECK_CHARS = "10X98765432"
_BIRTH_DATE_SLICE = slice(6, 14)


def compute_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 ASCII digits; ValueError for anything else."""
    if len(first17) != 17 or not set(first17) <= ASCII_DIGITS:
        raise ValueError("compute_check_char needs exactly 17 ASCII digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def birth_date_of(id18: str) -> datetime.date:
    """The birth date held in characters 7-14 of an 18-character ID number; ValidationError if not a date."""
    digits = id18[_BIRTH_DATE_SLICE] if len(id18) == ID_NUMBER_LENGTH else ""
    birth = _parse_yyyymmdd(digits)
    if birth is None:
        raise ValidationError(
            "身份证号码中的出生日期无效",
            "The birth date in the ID number is not a real date.",
        )
    return birth


def check_id_number(raw: str, *, today: datetime.date) -> Checked:
    """Validate and normalise a citizen ID number (spaces removed, lowercase x written as X)."""
    value = _normalise(raw)
    return Checked(value=value, error=_find_problem(value, today=today))


def _normalise(raw: str) -> str:
    folded = fold_fullwidth(raw)
    return "".join(char for char in folded if not char.isspace()).replace("x", "X")


def _find_problem(value: str, *, today: datetime.date) -> Problem | None:
    return _shape_problem(value) or _content_problem(value, today=today)


def _shape_problem(value: str) -> Problem | None:
    if not value:
        return Problem("请输入身份证号码", "Please enter the ID card number.")
    if len(value) == LEGACY_ID_NUMBER_LENGTH and set(value) <= ASCII_DIGITS:
        return Problem(
            "15 位的第一代身份证号码已停止使用，请填写第二代身份证上的 18 位号码",
            "15-digit first-generation ID numbers are no longer valid; "
            "please enter the 18-character number on your second-generation ID card.",
        )
    if len(value) != ID_NUMBER_LENGTH:
        return Problem(
            f"身份证号码应为 18 位，现在是 {len(value)} 位",
            f"The ID number must have 18 characters; {len(value)} were entered.",
        )
    if not set(value[:17]) <= ASCII_DIGITS or value[17] not in ASCII_DIGITS | {"X"}:
        return Problem(
            "身份证号码前 17 位只能是数字，最后一位是数字或字母 X",
            "The first 17 characters must be digits; the last one is a digit or the letter X.",
        )
    return None


def _content_problem(value: str, *, today: datetime.date) -> Problem | None:
    if value[:2] not in PROVINCE_CODES:
        return Problem(
            f"身份证号码前两位“{value[:2]}”不是有效的省级行政区划代码",
            f"The first two digits “{value[:2]}” are not a valid province code.",
        )
    birth_problem = _birth_date_problem(value[_BIRTH_DATE_SLICE], today=today)
    if birth_problem is not None:
        return birth_problem
    if compute_check_char(value[:17]) != value[17]:
        return Problem(
            "身份证号码最后一位（校验位）不正确，请逐位核对",
            "The last character (check character) does not match; please check every digit.",
        )
    return None


def _birth_date_problem(digits: str, *, today: datetime.date) -> Problem | None:
    birth = _parse_yyyymmdd(digits)
    if birth is None:
        return Problem(
            f"身份证号码第 7 至 14 位的出生日期“{digits}”不是有效日期",
            f"The birth date in characters 7-14 (“{digits}”) is not a real date.",
        )
    if birth > today:
        return Problem(
            "身份证号码中的出生日期晚于今天，请核对",
            "The birth date in the ID number is after today; please check it.",
        )
    if birth < EARLIEST_BIRTH_DATE:
        return Problem(
            "身份证号码中的出生日期早于 1900 年，请核对",
            "The birth date in the ID number is before 1900; please check it.",
        )
    return None


def _parse_yyyymmdd(digits: str) -> datetime.date | None:
    if len(digits) != 8 or not set(digits) <= ASCII_DIGITS:
        return None
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
