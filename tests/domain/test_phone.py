"""Tests for mainland China mobile number validation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.phone import check_mobile

PROPERTY = settings(max_examples=200, deadline=None)

valid_mobiles = st.builds(
    lambda second, rest: "1" + second + rest,
    st.sampled_from("3456789"),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        " 138 1234 5678 ",
        "138-1234-5678",
        "+8613812345678",
        "+86 138 1234 5678",
        "0086-138-1234-5678",
        "8613812345678",
        "１３８１２３４５６７８",
    ],
)
def test_accepted_forms_normalise_to_eleven_digits(raw: str) -> None:
    checked = check_mobile(raw)
    assert checked.ok, checked.error
    assert checked.value == "13812345678"


@pytest.mark.parametrize(
    ("raw", "zh_part", "en_part"),
    [
        ("", "请输入", "enter"),
        ("   ", "请输入", "enter"),
        ("1381234567", "11 位", "11 digits"),
        ("138123456789", "11 位", "11 digits"),
        ("+861381234567", "大陆", "mainland"),
        ("+85291234567", "大陆", "mainland"),
        ("138 1234 567a", "只能包含数字", "digits only"),
        ("12812345678", "13 至 19", "13 to 19"),
        ("23812345678", "13 至 19", "13 to 19"),
        ("86138123456", "13 至 19", "13 to 19"),
        ("861381234567", "11 位", "11 digits"),
    ],
)
def test_rejected_numbers_explain_why(raw: str, zh_part: str, en_part: str) -> None:
    checked = check_mobile(raw)
    assert not checked.ok
    assert checked.error is not None
    assert zh_part in checked.error.zh
    assert en_part in checked.error.en


@PROPERTY
@given(
    mobile=valid_mobiles,
    prefix=st.sampled_from(["", "+86", "0086", "86", "+86 ", "0086-"]),
    separator=st.sampled_from(["", " ", "-"]),
)
def test_valid_numbers_with_prefixes_and_separators(mobile: str, prefix: str, separator: str) -> None:
    decorated = prefix + mobile[:3] + separator + mobile[3:7] + separator + mobile[7:]
    checked = check_mobile(decorated)
    assert checked.ok
    assert checked.value == mobile


@PROPERTY
@given(mobile=valid_mobiles, second=st.sampled_from("012"))
def test_second_digit_below_three_is_rejected(mobile: str, second: str) -> None:
    assert not check_mobile(mobile[0] + second + mobile[2:]).ok


@PROPERTY
@given(digits=st.text(alphabet="0123456789", max_size=20).filter(lambda text: len(text) not in {11, 13, 15}))
def test_wrong_lengths_are_rejected(digits: str) -> None:
    assert not check_mobile(digits).ok


@PROPERTY
@given(raw=st.text(max_size=25) | st.text(alphabet="+0123456789 -", max_size=20))
def test_junk_never_raises(raw: str) -> None:
    checked = check_mobile(raw)
    if checked.ok:
        assert len(checked.value) == 11
        assert checked.value.isascii()
        assert checked.value.isdigit()
    else:
        assert checked.error is not None
        assert checked.error.zh and checked.error.en
