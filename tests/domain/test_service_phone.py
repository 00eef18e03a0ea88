"""The centre's public phone number: landlines with an area code, hotlines, 400 numbers and mobiles; empty is unset."""

from __future__ import annotations

import pytest

from kiosk.domain.service_phone import LEGACY_SAMPLE, check_service_phone


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("0571-88881234", "0571-88881234"),
        (" 0571-8888 1234 ", "0571-8888 1234"),
        ("010 6512 3456", "010 6512 3456"),
        ("(0571)88881234", "(0571)88881234"),
        ("０５７１－８８８８１２３４", "0571-88881234"),
        ("0571-8888123", "0571-8888123"),
        ("12345", "12345"),
        ("12315", "12315"),
        ("95598", "95598"),
        ("400-123-4567", "400-123-4567"),
        ("138 1234 5678", "138 1234 5678"),
    ],
)
def test_real_numbers_are_kept_as_the_centre_wrote_them(raw: str, shown: str) -> None:
    checked = check_service_phone(raw)
    assert checked.ok, checked.error
    assert checked.value == shown


@pytest.mark.parametrize("raw", ["", "   ", LEGACY_SAMPLE, "0000-0000000（示例号码 sample）"])
def test_empty_and_the_old_shipped_sample_mean_not_configured(raw: str) -> None:
    checked = check_service_phone(raw)
    assert checked.ok and checked.value == ""


@pytest.mark.parametrize(
    "raw",
    [
        "0000-0000000",  # no area code starts 00
        "88881234",  # no area code: not dialable from everywhere
        "0571-888",  # too short
        "0571-888812345678",  # too long
        "1234",
        "123456",
        "12812345678",  # not a mobile range
        "0571-88881234 转 8001",
        "call 12345",
        "服务中心电话",
    ],
)
def test_anything_else_is_refused_with_a_message_in_both_languages(raw: str) -> None:
    checked = check_service_phone(raw)
    assert checked.error is not None
    assert "区号" in checked.error.zh and "area code" in checked.error.en
