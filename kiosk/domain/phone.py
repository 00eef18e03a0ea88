"""Mainland China mobile numbers: 11 digits starting 13-19, with an optional +86 / 0086 / 86 prefix."""

from __future__ import annotations

from kiosk.domain.chars import ASCII_DIGITS, fold_fullwidth
from kiosk.domain.validation import Checked, Problem

MOBILE_LENGTH = 11
_COUNTRY_PREFIXES = ("+86", "0086", "86")
_SECOND_DIGITS = frozenset("3456789")


def check_mobile(raw: str) -> Checked:
    """Validate a mobile number; the normalised value is the bare 11 digits."""
    value = _strip_country_prefix(_drop_separators(raw))
    return Checked(value=value, error=_find_problem(value))


def _drop_separators(raw: str) -> str:
    return "".join(char for char in fold_fullwidth(raw) if not char.isspace() and char != "-")


def _strip_country_prefix(value: str) -> str:
    for prefix in _COUNTRY_PREFIXES:
        rest = value.removeprefix(prefix)
        if rest != value and len(rest) == MOBILE_LENGTH and set(rest) <= ASCII_DIGITS:
            return rest
    return value


def _find_problem(value: str) -> Problem | None:
    if not value:
        return Problem("请输入手机号码", "Please enter a mobile phone number.")
    if value.startswith("+"):
        return Problem(
            "仅支持中国大陆手机号码；如填写 +86，其后应为 11 位手机号码",
            "Only mainland China mobile numbers are accepted; after +86 enter the 11-digit number.",
        )
    if not set(value) <= ASCII_DIGITS:
        return Problem("手机号码只能包含数字", "A mobile number may contain digits only.")
    if len(value) != MOBILE_LENGTH:
        return Problem(
            f"手机号码应为 11 位数字，现在是 {len(value)} 位",
            f"A mobile number has 11 digits; {len(value)} were entered.",
        )
    if value[0] != "1" or value[1] not in _SECOND_DIGITS:
        return Problem(
            "这不是有效的手机号码（应以 13 至 19 开头）",
            "This is not a valid mobile number (it should start with 13 to 19).",
        )
    return None
