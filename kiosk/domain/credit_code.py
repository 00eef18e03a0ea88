"""GB 32100 unified social credit codes: a bad format is an error, a wrong check character only a warning.

The check character (position 18) only warns because codes that were really issued are known to fail the
GB 32100 check, and refusing an organisation's own printed licence at a kiosk helps nobody; staff
verify such codes at the counter. Everything else (length, characters, structure) is enforced.
"""

from __future__ import annotations

from kiosk.domain.chars import ASCII_DIGITS, ascii_upper, fold_fullwidth, quote_chars
from kiosk.domain.validation import Checked, Problem

CREDIT_CODE_LENGTH = 18
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

# Position 1: the registration authority. GB 32100 names 1 (机构编制), 5 (民政), 9 (工商) and Y (其他);
# later assignments use further digits and letters. N (农业农村, 农村集体经济组织 "N2…" codes) is
# accepted as well because township service centres see those village collectives every day.
REGISTRATION_AUTHORITIES = frozenset("123456789ABCDEFGNY")
# Position 2: the organisation type within the authority, always a digit 1-9 in issued codes.
ORGANISATION_TYPES = frozenset("123456789")

_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUES = {char: index for index, char in enumerate(CREDIT_CODE_CHARSET)}


def compute_credit_check_char(first17: str) -> str:
    """The GB 32100 check character for 17 characters of the code set; ValueError for anything else."""
    if len(first17) != 17 or not set(first17) <= _VALUES.keys():
        raise ValueError("compute_credit_check_char needs 17 characters from the credit code set")
    total = sum(_VALUES[char] * weight for char, weight in zip(first17, _WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def check_credit_code(raw: str) -> Checked:
    """Validate and normalise (upper case, no spaces) a unified social credit code."""
    value = ascii_upper("".join(char for char in fold_fullwidth(raw) if not char.isspace()))
    error = _format_problem(value)
    if error is not None:
        return Checked(value=value, error=error)
    if compute_credit_check_char(value[:17]) != value[17]:
        warning = Problem(
            "统一社会信用代码校验位未通过，请与营业执照或登记证书逐位核对；如核对无误可继续办理",
            "The check character of this credit code does not match. Please compare it with the licence "
            "character by character; if it is exactly as printed you may continue.",
        )
        return Checked(value=value, warnings=(warning,))
    return Checked(value=value)


def _format_problem(value: str) -> Problem | None:
    if not value:
        return Problem("请输入统一社会信用代码", "Please enter the unified social credit code.")
    bad_chars = [char for char in value if char not in _VALUES]
    if bad_chars:
        return Problem(
            f"统一社会信用代码中含有不使用的字符 {quote_chars(bad_chars)}；代码只用数字和大写字母，"
            "不含 I、O、S、V、Z（请检查是否为 1、0、5、U、2）",
            f"The credit code contains characters that are never used: {quote_chars(bad_chars)}. "
            "Codes use digits and capital letters without I, O, S, V, Z (check for 1, 0, 5, U, 2).",
        )
    if len(value) != CREDIT_CODE_LENGTH:
        return Problem(
            f"统一社会信用代码应为 18 位，现在是 {len(value)} 位",
            f"The credit code must have 18 characters; {len(value)} were entered.",
        )
    if value[0] not in REGISTRATION_AUTHORITIES or value[1] not in ORGANISATION_TYPES:
        return Problem(
            f"统一社会信用代码前两位“{value[:2]}”不是有效的登记管理部门和机构类别代码",
            f"The first two characters “{value[:2]}” are not a valid registration authority and type.",
        )
    if not set(value[2:8]) <= ASCII_DIGITS:
        return Problem(
            "统一社会信用代码第 3 至 8 位（登记管理机关行政区划码）只能是数字",
            "Characters 3-8 of the credit code (the administrative division) must be digits.",
        )
    return None
