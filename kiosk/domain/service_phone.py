"""The service centre's public phone number, shown on the help screen and printed on receipts.

Accepted: a landline with its area code (0571-88881234, 010 6512 3456, (0571)88881234), a five-digit service
hotline (12345, 12315, 95598), a 400/800 number (400-123-4567) or a mainland mobile (138 1234 5678).
Spaces, hyphens and brackets may group the digits; the value is kept as the centre wrote it (full-width forms
folded), since that is how people read it. Empty means "not configured": screens and receipts then send the
citizen to the staff and never show a made-up number. The placeholder earlier versions shipped as the default
counts as empty too, so a copied sample never reaches a receipt.
"""

from __future__ import annotations

import re

from kiosk.domain.chars import ASCII_DIGITS, fold_fullwidth
from kiosk.domain.phone import check_mobile
from kiosk.domain.validation import Checked, Problem

LEGACY_SAMPLE = "0000-0000000（示例号码 sample）"
"""The sample the setting shipped with before it was checked: treated as not configured."""

_GROUPING = re.compile(r"[\s\-()]")
_LANDLINE = re.compile(r"0[1-9]\d{8,10}")  # 0 + area code (2-3 more digits) + 7-8 digit number: 10-12 digits
_HOTLINE = re.compile(r"1\d{4}|9[56]\d{3}")  # 12345, 12315, 95598: five-digit service numbers
_NATIONAL = re.compile(r"[48]00\d{7}")  # 400-/800- numbers

BAD_PHONE = Problem(
    "应为带区号的固定电话（如 0571-88881234）、12345 这类服务热线、400 电话或手机号码；"
    "不知道号码时请留空，屏幕和回执会请市民咨询工作人员",
    "must be a landline with its area code (e.g. 0571-88881234), a hotline such as 12345, a 400 number "
    "or a mobile number; leave it empty when unknown, and screens and receipts send citizens to the staff",
)


def check_service_phone(raw: str) -> Checked:
    """Validate a centre's phone number; the value is the trimmed number as written, "" when not configured."""
    value = " ".join(fold_fullwidth(raw).split())
    if not value or value == fold_fullwidth(LEGACY_SAMPLE):
        return Checked(value="")
    digits = _GROUPING.sub("", value)
    if not set(digits) <= ASCII_DIGITS:
        return Checked(value=value, error=BAD_PHONE)
    if any(pattern.fullmatch(digits) for pattern in (_LANDLINE, _HOTLINE, _NATIONAL)):
        return Checked(value=value)
    if digits.startswith("1") and check_mobile(digits).ok:
        return Checked(value=value)
    return Checked(value=value, error=BAD_PHONE)
